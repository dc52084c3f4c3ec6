package io.vectrade.feature.simd;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.FeatureType;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.feature.cpu.CpuInstrumentPath;
import io.vectrade.parallel.RowPool;


/**
 * The simd backend: jdk.incubator.vector across instruments plus all cores.
 *
 * <p><b>Panel path (N &ge; 2).</b> Instruments are cut into blocks of up to
 * {@value LaneBlock#VECTORS} vectors ({@code 32 × 8 = 256} instruments with AVX-512), made of whole
 * units of 32 instruments dealt out evenly ({@code LaneBlock.blocks}); each lane of a vector follows one instrument
 * down the time-major panel, so neighbouring lanes read neighbouring memory. A block is walked in
 * time chunks of {@value LaneBlock#CHUNK} bars and every requested feature runs over the chunk while
 * it is hot in cache, so the panel is read from memory about once however many features are asked
 * for; log returns are computed once per chunk and shared by volatility and logret(1). Wide blocks
 * and short chunks keep the output stores prefetchable: each kernel writes a few rows of 2 KiB per
 * chunk instead of many rows of 256 bytes (docs/benchmarks.md, session 6). Blocks are split statically
 * over a fixed {@link RowPool} (the calling thread computes part 0, {@code threads - 1} workers the
 * rest), so at most {@code ceil(N / 256)} threads compute; the block boundaries do not depend on the
 * thread count and each lane computes on its own, so the result is identical bit for bit for any
 * number of threads (but for an ulp of the vector {@code LOG}, see docs/design.md). The lane kernels
 * see full vectors only (a masked partial vector made C2 box vectors, see {@code LaneBlock}): a
 * block whose width is not a multiple of the lane count shifts its last vector to end at the block's
 * end; a last unit narrower than one vector ({@code N mod 32 < LANES}) runs on the cpu reference path, whose
 * values equal the lane kernels' bit for bit for the TA-Lib features and agree to about 1e-12 for
 * volatility, logret and zscore.
 *
 * <p><b>Vectorised features:</b> all of the standard set: rsi, momentum, roc, volatility, logret,
 * sma, ema, macd, bbands, atr, zscore ({@code LaneKernels}, {@code AnchoredMoments}), stoch, willr,
 * cci ({@code RangeLanes}), adx ({@code AdxLanes}), obv and vwap ({@code VolumeLanes}). The TA-Lib
 * ones repeat TA-Lib's operation order.
 *
 * <p><b>Missing bars.</b> A block with missing bars (NaN close) stays on the lane kernels
 * ({@code GapLanes}), whole: from the first time chunk with a gap, each lane's own bars are compacted,
 * so a lane without a bar at t keeps its state across the gap, and the outputs are scattered back, NaN
 * at the missing bars, exactly the reference path's rule. A lane's values do not depend on the path
 * (the kernels work lane by lane, whatever the chunking). A block with an invalid close (infinite,
 * zero or negative) falls back to the cpu reference path per instrument ({@link CpuInstrumentPath}),
 * unit by unit: a block wider than a unit of 32 instruments starts again from bar 0 cut into its units,
 * so only the unit with the invalid close takes the reference path, as when blocks were one unit wide.
 *
 * <p><b>Agreement with cpu.</b> Bit for bit for every feature except logret (vector {@code LOG}
 * against cpu's {@link StrictMath#log}: within 2 ulps), volatility (cpu's arithmetic on those log returns,
 * whose anchored moments may amplify an ulp of a return: within 1e-11 relative plus 2e-14 of the
 * window's largest return) and, for N = 1, rsi, ema and volatility
 * (below).
 *
 * <p><b>Single series (N = 1).</b> Lanes across instruments do not help; rsi, ema, volatility,
 * momentum and logret(n) run the single-series kernels of {@code SeriesKernels} (rsi and ema
 * break their recurrences' dependency chains: about 1e-14 relative, not bit for bit; volatility
 * takes two passes per window, 8 bars at a time: within cpu's own accuracy, a few 1e-12
 * relative); the other features and a series with missing bars run the cpu reference path (a
 * set with none of those five runs the cpu engine itself, so it is never slower than cpu). Each
 * kernel checks the closes in its own pass; a missing or invalid close anywhere sends the whole
 * series to the reference path, which then defines every column.
 *
 * <p>Loads and stores in the lane kernels are written out inline on purpose: a vector passed to
 * or returned from a method that C2 does not inline is boxed (an allocation per bar). A repeated
 * call with the same feature set allocates nothing, on the calling thread or the workers, once C2
 * has compiled the kernels (HotPathAllocationTest: 301 instruments, a shifted last vector; a last
 * block under 8 instruments measured 32 B a call on the calling thread in the test suite); the first
 * call with a feature set builds per-thread state and the first call with several blocks starts
 * the workers. One call at a time: not thread-safe. {@link #close} stops the workers.
 */
public final class SimdFeatureEngine implements FeatureEngine {
    private final int threads;
    private final RowPool.Job job = this::runBlocks;
    /** Started on the first panel call that has more than one block; null after {@link #close}. */
    private RowPool pool;
    private Plan plan;
    // the call in progress, read by the workers after the pool's volatile hand-over
    private Panel panel;
    private FeatureTable out;
    private int blocks;

    /** An engine using every available processor. */
    public SimdFeatureEngine() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * An engine using {@code threads} threads: the calling thread and {@code threads - 1} workers
     * (started on first use); with 1 thread, or a panel of one block, the calling thread computes.
     *
     * @throws IllegalArgumentException if threads &lt; 1
     */
    public SimdFeatureEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, threads=" + threads);
        }
        this.threads = threads;
    }

    @Override
    public Backend backend() {
        return Backend.SIMD;
    }

    /** Threads this engine computes with. */
    public int threads() {
        return threads;
    }

    /** Lanes of one vector on this machine (8 doubles with AVX-512). */
    public static int lanes() {
        return LaneBlock.LANES;
    }

    /** True when {@code type} runs vectorised across instruments (else on the scalar reference path). */
    public static boolean isVectorised(FeatureType type) {
        return LaneKernel.of(FeatureSpec.defaults(type), 0) != null;
    }

    @Override
    public void computeInto(Panel panel, FeatureSet features, FeatureTable out) {
        computeInto(panel, features, out, null);
    }

    /**
     * {@link #computeInto(Panel, FeatureSet, FeatureTable)} that hands the features to {@code sink} as they are
     * computed (see {@link ChunkSink}): blocks on the lane kernels then write their chunks only to the sink's
     * chunk tables, not to {@code out}; blocks on the reference path are written to {@code out} and handed over
     * whole. A null sink is the plain call.
     */
    public void computeInto(Panel panel, FeatureSet features, FeatureTable out, ChunkSink sink) {
        if (!out.fits(features, panel)) {
            throw new IllegalArgumentException("output table does not fit the panel and features, table="
                    + out.features() + " " + out.bars() + "x" + out.instruments() + " panel=" + panel
                    + " features=" + features);
        }
        if (plan == null || !plan.features.equals(features)) {
            plan = new Plan(features, threads);
        }
        for (int k = 0; k < threads; k++) {
            plan.workers[k].sink = sink;
            plan.workers[k].part = k;
        }
        if (panel.instruments() == 1) {
            plan.workers[0].series(panel, out);
            if (sink != null) {
                sink.block(0, 0, 1);
            }
            return;
        }
        int blocks = LaneBlock.blocks(panel.instruments());
        this.blocks = blocks;
        this.panel = panel;
        this.out = out;
        try {
            if (threads == 1 || blocks == 1) {
                runBlocks(0, 0, blocks);
            } else {
                if (pool == null) {
                    pool = new RowPool(threads, "vectrade-features");
                }
                pool.run(job, blocks);
            }
        } finally {
            this.panel = null;
            this.out = null;
        }
    }

    /** Part {@code part} computes the blocks {@code [fromBlock, toBlock)} with its own worker state. */
    private void runBlocks(int part, int fromBlock, int toBlock) {
        Worker w = plan.workers[part];
        Panel p = panel;
        FeatureTable o = out;
        int n = p.instruments();
        for (int blk = fromBlock; blk < toBlock; blk++) {
            int first = LaneBlock.blockStart(n, blocks, blk);
            w.block(p, first, LaneBlock.blockStart(n, blocks, blk + 1) - first, o);
        }
    }

    /** Blocks of instruments computed whole on the reference path so far (package-private, for tests). */
    long referenceBlocks() {
        long sum = 0;
        for (Worker w : plan == null ? new Worker[0] : plan.workers) {
            sum += w.referenceBlocks;
        }
        return sum;
    }

    /** Stops the workers; the engine may still be used (a later panel call starts new ones). */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    /** Per-feature-set state: one worker per part. */
    private final class Plan {
        final FeatureSet features;
        final Worker[] workers;

        Plan(FeatureSet features, int threads) {
            this.features = features;
            this.workers = new Worker[threads];
            for (int k = 0; k < threads; k++) {
                workers[k] = new Worker(features);
            }
        }
    }

    /** Everything one thread needs: a lane block, the lane kernels, the scalar fallback and scratch. */
    private static final class Worker {
        final FeatureSet features;
        final LaneBlock block = new LaneBlock();
        final LaneKernel[] kernels;
        /** Specs that run on the scalar reference path even in clean blocks; null when none. */
        final boolean[] scalarSpecs;
        /** Specs the N = 1 path runs on the reference path (no single-series kernel); null when none. */
        final boolean[] seriesReferenceSpecs;
        final boolean logReturns;
        final CpuInstrumentPath reference = new CpuInstrumentPath();
        /** The call's sink (null: none) and this worker's part. */
        ChunkSink sink;
        int part;
        /** The N = 1 path when no spec has a single-series kernel: cpu's own engine, so never slower than cpu. */
        final CpuFeatureEngine seriesReference;
        final GapLanes gaps;
        /** Blocks computed whole on the reference path (for tests). */
        long referenceBlocks;
        double[] scratch1 = new double[0];
        double[] series = new double[0];

        Worker(FeatureSet features) {
            this.features = features;
            this.gaps = new GapLanes(features);
            LaneKernel[] ks = new LaneKernel[features.size()];
            boolean[] scalar = new boolean[features.size()];
            boolean[] seriesReference = new boolean[features.size()];
            int count = 0;
            boolean anyScalar = false;
            boolean anySeriesReference = false;
            boolean lr = false;
            for (int s = 0; s < features.size(); s++) {
                LaneKernel k = LaneKernel.of(features.spec(s), features.firstColumn(s));
                if (k == null) {
                    scalar[s] = true;
                    anyScalar = true;
                } else {
                    ks[count++] = k;
                    lr |= k.needsLogReturns();
                }
                if (!hasSeriesKernel(features.spec(s).type())) {
                    seriesReference[s] = true;
                    anySeriesReference = true;
                }
            }
            // stoch and willr of the same window length share one pass over the window extremes
            this.kernels = RangeLanes.shareExtremes(java.util.Arrays.copyOf(ks, count));
            this.scalarSpecs = anyScalar ? scalar : null;
            this.seriesReferenceSpecs = anySeriesReference ? seriesReference : null;
            boolean allSeriesReference = true;
            for (boolean r : seriesReference) {
                allSeriesReference &= r;
            }
            this.seriesReference = allSeriesReference ? new CpuFeatureEngine() : null;
            this.logReturns = lr;
        }

        static boolean hasSeriesKernel(FeatureType type) {
            return switch (type) {
                case RSI, EMA, VOLATILITY, MOMENTUM, LOGRET -> true;
                default -> false;
            };
        }

        /**
         * Instruments {@code [first, first + count)}: on the lane kernels, or on the reference path
         * when they do not fill one vector.
         */
        void block(Panel panel, int first, int count, FeatureTable out) {
            if (count >= LaneBlock.LANES) {
                lanePath(panel, first, count, out);
            } else {
                fallback(panel, first, count, out, null);
                if (sink != null) {
                    sink.block(part, first, count);
                }
            }
        }

        private void lanePath(Panel panel, int first, int count, FeatureTable out) {
            // with a sink the chunks go to its chunk table (a feature without a lane kernel: the whole block to out)
            boolean chunked = sink != null && scalarSpecs == null;
            int done = lanes(panel, first, count, out, chunked);
            if (done == NARROW) {
                // an invalid close in a block wider than a unit: from bar 0 again, to out, unit by unit
                // (each at least a vector wide: the block's last unit is the panel's, or a whole one)
                for (int from = 0; from < count; from += LaneBlock.UNIT) {
                    lanes(panel, first + from, Math.min(LaneBlock.UNIT, count - from), out, false); // OUT or REFERENCE: in out either way
                }
                done = OUT;
            }
            if (done == REFERENCE) {
                if (sink != null) {
                    sink.block(part, first, count);
                }
                return;
            }
            if (scalarSpecs != null) {
                fallback(panel, first, count, out, scalarSpecs);
            }
            if (sink != null && done == OUT) {
                sink.block(part, first, count);
            }
        }

        /** {@link #lanes}: the block's chunks went to the sink. */
        private static final int CHUNKED = 0;
        /** {@link #lanes}: the block is in the output table. */
        private static final int OUT = 1;
        /** {@link #lanes}: the block had an invalid close and is in the output table from the reference path, whole. */
        private static final int REFERENCE = 2;
        /**
         * {@link #lanes}: the block is wider than a unit ({@link LaneBlock#UNIT}) and has an invalid close;
         * what it wrote is not final.
         */
        private static final int NARROW = 3;

        /**
         * Instruments {@code [first, first + count)} on the lane kernels, chunk by chunk, to the sink's
         * chunk table when {@code chunked}; from the first chunk with a missing bar on the gap path.
         * Returns how it ended ({@link #CHUNKED}, {@link #OUT},
         * {@link #REFERENCE}, {@link #NARROW}).
         */
        private int lanes(Panel panel, int first, int count, FeatureTable out, boolean chunked) {
            LaneBlock b = block;
            b.bind(panel, first, count, out);
            if (chunked) {
                b.redirect(sink.chunkTable(part));
            }
            for (LaneKernel k : kernels) {
                k.reset();
            }
            int bars = panel.bars();
            for (int t0 = 0; t0 < bars; t0 += LaneBlock.CHUNK) {
                int t1 = Math.min(bars, t0 + LaneBlock.CHUNK);
                if (b.hasMissing(t0, t1)) {
                    int from = t0;
                    if (chunked) {
                        // earlier chunks went to the sink's chunk table: the whole block goes to the
                        // table through the gap path and is handed over from there (the same bits)
                        b.bind(panel, first, count, out);
                        for (LaneKernel k : kernels) {
                            k.reset();
                        }
                        chunked = false;
                        from = 0;
                    }
                    if (!gaps.run(b, panel, from, kernels, logReturns, out)) {
                        if (count > LaneBlock.UNIT) {
                            return NARROW;
                        }
                        fallback(panel, first, count, out, null);
                        return REFERENCE;
                    }
                    return OUT;
                }
                if (chunked) {
                    b.startChunk(t0);
                }
                if (logReturns) {
                    b.computeLogReturns(t0, t1);
                }
                for (LaneKernel k : kernels) {
                    k.run(b, t0, t1);
                }
                if (chunked) {
                    sink.chunk(part, first, count, t0, t1);
                }
            }
            return chunked ? CHUNKED : OUT;
        }

        private void fallback(Panel panel, int first, int count, FeatureTable out, boolean[] only) {
            if (only == null) {
                referenceBlocks++;
            }
            reference.compute(panel, first, count, features, only, out);
        }

        /** The N = 1 path. */
        void series(Panel panel, FeatureTable out) {
            if (seriesReference != null) {
                // nothing to vectorise: exactly the cpu backend's path (it handles missing bars itself)
                seriesReference.computeInto(panel, features, out);
                return;
            }
            int bars = panel.bars();
            double[] close = panel.closeColumn();
            int off = panel.index(0, 0);
            if (panel.stride() != 1) {
                if (!SeriesKernels.validCloses(close, off, panel.stride(), bars)) {
                    // missing (NaN) or invalid: the reference path defines the result
                    reference.compute(panel, 0, 1, features, null, out);
                    return;
                }
                if (series.length < bars) {
                    series = new double[bars];
                }
                for (int t = 0; t < bars; t++) {
                    series[t] = close[off + t * panel.stride()];
                }
                close = series;
                off = 0;
            }
            if (scratch1.length < bars) {
                scratch1 = new double[bars];
            }
            for (int s = 0; s < features.size(); s++) {
                FeatureSpec spec = features.spec(s);
                double[] o = out.column(features.firstColumn(s));
                int n = spec.type().paramNames().isEmpty() ? 0 : spec.intParam(0);
                // each kernel checks every close in its own pass (no separate read of the column)
                boolean valid = switch (spec.type()) {
                    case RSI -> SeriesKernels.rsi(close, off, bars, n, o, scratch1);
                    case EMA -> SeriesKernels.ema(close, off, bars, n, o);
                    case VOLATILITY -> SeriesKernels.volatility(close, off, bars, n, o, scratch1);
                    case MOMENTUM -> SeriesKernels.momentum(close, off, bars, n, o);
                    case LOGRET -> SeriesKernels.logReturns(close, off, bars, n, o);
                    default -> true; // on the reference path below
                };
                if (!valid) {
                    // missing (NaN) or invalid close: the reference path defines every column
                    reference.compute(panel, 0, 1, features, null, out);
                    return;
                }
            }
            if (seriesReferenceSpecs != null) {
                // features without a single-series kernel: the reference path
                fallback(panel, 0, 1, out, seriesReferenceSpecs);
            }
        }
    }
}
