package io.vectrade.feature.simd;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureTable;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One block of {@link #LANES} to {@link #WIDTH} neighbouring instruments of a panel, seen as up to
 * {@link #VECTORS} full vectors of {@link #LANES} lanes (one lane = one instrument). The engine cuts a
 * panel into blocks of whole {@link #UNIT}s by {@link #blocks}, a block with an invalid close back into
 * its units.
 *
 * <pre>
 *   panel row t:  ... | i0 .. i0+7 | i0+8 .. i0+15 | i0+16 .. i0+23 | i0+w-8 .. i0+w-1 | ...
 *                       vector 0     vector 1        vector 2          last vector (ends at the block's end)
 * </pre>
 *
 * <p>Every vector is full: loads and stores are unmasked. When the width is not a multiple of the
 * lane count, the last vector is shifted left to end at the block's last instrument
 * ({@link #lane}): its first lanes repeat instruments of the vector before, computed again with the
 * same inputs and operations, so they store the same bits. A masked load or store is several code
 * paths (all lanes set, an offset in range or not), and once a partial vector had run, C2's
 * compiled kernels grew past its inlining budget and boxed vectors on every call, full blocks
 * included. A block narrower than one vector never comes here (the engine computes it on the
 * reference path).
 *
 * <p>Also holds the shared per-chunk log returns ({@code ln(c[t]/c[t-1])}, chunk-relative,
 * {@code lr[(t - t0) * WIDTH + lane]}) so that volatility and logret(1) compute the log once.
 * One instance per worker thread; not thread-safe.
 */
final class LaneBlock {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = S.length();
    /**
     * Vectors per block at most: 32 ({@code 32 × 8 = 256} instruments, 2 KiB of each panel row), so that a
     * kernel's stores to one output row are 2 KiB in a row rather than 256 bytes (see {@link #CHUNK}).
     */
    static final int VECTORS = 32;
    static final int WIDTH = LANES * VECTORS;
    /**
     * Bars per time chunk: 8. The kernels walk a chunk vector by vector, bar by bar, and every bar is a
     * new panel row (a new 4 KiB page); with 8 rows of a block in flight the hardware prefetcher follows
     * each row's page as the vectors advance along it, where 256 rows (the former chunk) were more pages
     * than it tracks and every store missed alone (docs/benchmarks.md, session 6). A chunk of all 22
     * columns of the standard set is 8 × 256 × 22 doubles, 352 KiB: it stays in L2.
     */
    static final int CHUNK = 8;

    double[] open;
    double[] high;
    double[] low;
    double[] close;
    double[] volume;
    /** Index in the panel arrays of bar 0 of the block's first instrument. */
    int base;
    int stride;
    int bars;
    /** Vectors in this block, all full (the last may overlap the one before). */
    int vectors;
    /** First instrument of the last vector, relative to the block: {@code width - LANES}. */
    private int lastLane;
    /** Instruments in this block. */
    int width;
    int outBase;
    int outStride;
    FeatureTable out;
    private static final DoubleVector NAN = DoubleVector.broadcast(S, Double.NaN);
    /** Log returns of up to {@code max(CHUNK, GapLanes.ROWS)} bars, row stride {@link #WIDTH}. */
    final double[] logReturns = new double[Math.max(CHUNK, GapLanes.ROWS) * WIDTH];

    /**
     * Instruments per unit: 32 (4 vectors with AVX-512). Blocks are made of whole units of the panel's
     * instrument order, and a block with an invalid close is cut back into its units, so only that
     * unit takes the reference path; the lane kernels and the gap path give a lane the same bits
     * whatever its block and chunking, so each unit gets the same bits as when the blocks were one
     * unit wide, whatever block it falls in (and a Spark task whose instruments are whole units computes
     * them as one JVM does, docs/spark.md; {@code SimdVersusCpuTest.aUnitAloneEqualsTheUnitInAGappyBlock}).
     * A last unit narrower than a vector ({@code N mod 32 < LANES}) is a block of its own, on the
     * reference path, as before.
     */
    static final int UNIT = LANES * 4;

    /**
     * Blocks the engine cuts {@code count} instruments into: the units with at least a vector of
     * instruments dealt out evenly over as few blocks of at most {@link #WIDTH} instruments as hold
     * them, plus one block for a last unit narrower than a vector. 1 when {@code count < LANES}.
     */
    static int blocks(int count) {
        int laneUnits = laneUnits(count);
        if (laneUnits == 0) {
            return 1;
        }
        int perBlock = WIDTH / UNIT;
        return (laneUnits + perBlock - 1) / perBlock + (laneUnits * UNIT < count ? 1 : 0);
    }

    /**
     * First instrument of block {@code k} of {@code blocks = }{@link #blocks}{@code (count)}, a multiple of
     * {@link #UNIT}; {@code count} for {@code k = blocks}.
     */
    static int blockStart(int count, int blocks, int k) {
        int laneUnits = laneUnits(count);
        int perBlock = WIDTH / UNIT;
        int wide = (laneUnits + perBlock - 1) / perBlock;
        if (k >= blocks) {
            return count;
        }
        if (k >= wide) {
            return laneUnits * UNIT;
        }
        return UNIT * (k * (laneUnits / wide) + Math.min(k, laneUnits % wide));
    }

    /** Units of {@code count} instruments that hold at least a vector (all but a narrow last one). */
    private static int laneUnits(int count) {
        int tail = count % UNIT;
        return count / UNIT + (tail >= LANES ? 1 : 0);
    }
    /** Binds instruments {@code [firstInstrument, firstInstrument + count)}, {@code LANES <= count <= WIDTH}. */
    void bind(Panel panel, int firstInstrument, int count, FeatureTable table) {
        if (count < LANES || count > WIDTH) {
            throw new IllegalArgumentException("a lane block holds " + LANES + " to " + WIDTH
                    + " instruments, count=" + count);
        }
        open = panel.openColumn();
        high = panel.highColumn();
        low = panel.lowColumn();
        close = panel.closeColumn();
        volume = panel.volumeColumn();
        base = panel.index(0, firstInstrument);
        stride = panel.stride();
        bars = panel.bars();
        width = count;
        vectors = (count + LANES - 1) / LANES;
        lastLane = count - LANES;
        outBase = firstInstrument;
        outStride = panel.instruments();
        out = table;
    }

    /**
     * Sends the outputs to {@code chunkTable} ({@link #CHUNK} bars × {@link #WIDTH} instruments) instead of
     * the bound table: after {@link #startChunk}{@code (t0)}, instrument {@code j} of the block at bar t is
     * at row {@code (t - t0) * WIDTH + j} (for {@link ChunkSink}). Call after {@link #bind}.
     */
    void redirect(FeatureTable chunkTable) {
        out = chunkTable;
        outBase = 0;
        outStride = WIDTH;
    }

    /** With {@link #redirect}: the next chunk starts at bar {@code t0} (its outputs start at row 0). */
    void startChunk(int t0) {
        outBase = -t0 * WIDTH;
    }

    /** First instrument of vector {@code v}, relative to the block (the last vector ends at the block's end). */
    int lane(int v) {
        return v == vectors - 1 ? lastLane : v * LANES;
    }

    /** Loads lanes {@code v} of panel column {@code a} at bar {@code t}. */
    DoubleVector load(double[] a, int t, int v) {
        return DoubleVector.fromArray(S, a, base + t * stride + lane(v));
    }

    /** Stores lanes {@code v} of output column {@code o} at bar {@code t}. */
    void store(DoubleVector x, double[] o, int t, int v) {
        x.intoArray(o, outBase + t * outStride + lane(v));
    }

    /** Writes NaN to output column {@code o} for bars {@code [t0, t1)}. */
    void fillNaN(double[] o, int t0, int t1) {
        if (t0 >= t1) {
            return;
        }
        for (int t = t0; t < t1; t++) {
            for (int v = 0; v < vectors; v++) {
                store(NAN, o, t, v);
            }
        }
    }

    /**
     * True when some instrument of the block has a close in bars {@code [t0, t1)} that is NaN (a
     * missing bar), infinite, zero or negative: such blocks take the reference path, which skips
     * missing bars and defines what invalid prices give.
     */
    boolean hasMissing(int t0, int t1) {
        DoubleVector sum = DoubleVector.zero(S);
        DoubleVector min = DoubleVector.broadcast(S, 1.0);
        double[] c0 = close;
        for (int v = 0; v < vectors; v++) {
            int in = base + lane(v);
            for (int t = t0; t < t1; t++) {
                DoubleVector c = DoubleVector.fromArray(S, c0, in + t * stride);
                sum = sum.add(c);
                min = min.min(c);
            }
        }
        // NaN propagates through sum and min; an infinity makes the sum non-finite; c <= 0 the min
        return !(min.reduceLanes(VectorOperators.MIN) > 0.0)
                || !Double.isFinite(sum.reduceLanes(VectorOperators.ADD));
    }

    /** Fills {@link #logReturns} for bars {@code [max(t0, 1), t1)}. */
    void computeLogReturns(int t0, int t1) {
        int start = Math.max(t0, 1);
        if (start >= t1) {
            return;
        }
        double[] c0 = close;
        double[] lr = logReturns;
        for (int v = 0; v < vectors; v++) {
            int in = base + lane(v);
            DoubleVector prev = DoubleVector.fromArray(S, c0, in + (start - 1) * stride);
            for (int t = start; t < t1; t++) {
                DoubleVector c = DoubleVector.fromArray(S, c0, in + t * stride);
                c.div(prev).lanewise(VectorOperators.LOG).intoArray(lr, (t - t0) * WIDTH + v * LANES);
                prev = c;
            }
        }
    }

    DoubleVector logReturn(int t0, int t, int v) {
        return DoubleVector.fromArray(S, logReturns, (t - t0) * WIDTH + v * LANES);
    }
}
