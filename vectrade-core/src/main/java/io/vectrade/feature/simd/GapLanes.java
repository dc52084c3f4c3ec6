package io.vectrade.feature.simd;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.FeatureType;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Missing bars inside the lanes: a block with missing bars (NaN close) runs the same lane kernels
 * on each lane's own bars. The block's bars are compacted per lane: row k of the compact columns
 * holds, in lane j, instrument j's k-th present bar, so every lane sees a gap-free series, and a
 * lane that has no bar at panel bar t simply does not advance there: its state is kept across the
 * gap. The kernels run over the compact rows in chunks of {@value #ROWS}; each chunk's
 * outputs go to a small table and are scattered back to the panel bars they belong to; a missing
 * bar gets NaN in every column. This is exactly the reference path's rule
 * ({@code feature.cpu.CpuFeatureEngine}: skip the missing bar, continue over the instrument's own
 * bars), so the values equal what the lane kernels give on the gap-free series, and so the cpu
 * reference's, bit for bit (within the documented tolerances for logret and volatility).
 *
 * <p>A lane whose bars run out before the others' is padded with its last bar (the padding's
 * outputs are not scattered). Bars already computed on the direct path (rows before the first
 * chunk with a missing bar) are copied in as history. A present bar with an invalid close
 * (infinite, zero or negative) stops the compaction: the engine then takes the reference path for
 * that block's unit of 32 instruments, as before.
 *
 * <p>The compact columns are a window of {@code H + ROWS} rows (H = the largest integer parameter
 * of the feature set plus one, enough for every kernel's look-back): before each chunk its last H
 * rows move to the front, so the window stays in cache instead of the block's whole history going
 * to memory and back. Only the columns the features read are compacted (close; high and low for
 * atr, stoch, willr, cci, adx, vwap; volume for obv, vwap). Each panel row is read as the block's
 * neighbouring values (reading lane by lane down the strided columns cost a TLB miss per value).
 *
 * <p>The scatter is bound by the stores to the output table (a separate pass, where the complete
 * path's kernels store among their arithmetic). It writes in panel-row order: each chunk owns, per
 * lane, the panel bars from the one after the lane's previous chunk up to its last bar in this chunk
 * (to the panel's end once the lane's bars run out), writes its values at the present ones and NaN at
 * the missing ones, so each cell is written once; a row's lanes are stored together, a vector at a
 * time (the lanes' compact rows drift apart by their missing bars, so writing compact row by compact
 * row stored to a different panel row, a different page, per lane). The gather is bound by memory
 * latency (every panel row is a new page of each column read), so the scatter also reads the panel
 * rows the next gather starts with ({@link #AHEAD} rows, a share per output column), and those loads
 * overlap with its stores instead of waiting alone in the gather. The windows are made with the
 * instance, the chunk table on first use; allocates nothing after. One instance per worker thread;
 * not thread-safe.
 */
final class GapLanes {
    /**
     * Instruments per block on this path at most: the engine's block width ({@link LaneBlock#WIDTH}, 256
     * with AVX-512), the row stride of the compact columns and the chunk table. The scatter writes a
     * panel row's lanes together, so a wider block writes longer runs of each output row (2 KiB in a row
     * rather than 256 bytes with the former 32).
     */
    static final int WIDTH = LaneBlock.WIDTH;
    /**
     * Compact rows per chunk: 64 (a chunk of outputs for the whole standard set is 22 columns × 65 × 256
     * doubles, 2.9 MiB; 48 and 96 measured no different, 32 slower: the window's slide copies the
     * look-back rows each chunk).
     */
    static final int ROWS = 64;
    /**
     * Panel rows the scatter reads ahead for the next gather: {@code ROWS + ROWS / 2}, about what a
     * chunk's gather reads at 5 % missing bars with the lanes some bars apart.
     */
    static final int AHEAD = ROWS + ROWS / 2;
    /**
     * Panel rows the scatter maps at a time: {@code 2 × ROWS}, a chunk's rows with the lanes up to 64
     * bars apart (a chunk spanning more, a lane with a long gap, is written in several such spans).
     */
    static final int SPAN = 2 * ROWS;
    /** The chunk table's extra row, NaN in every column: the value of a missing bar in the scatter's map. */
    private static final int NAN_SLOT = ROWS * WIDTH;
    /**
     * The scatter map's mark of a cell another chunk writes: an index inside the NaN row (so that a
     * vector of the map is always a valid gather), never stored.
     */
    private static final int SKIP = NAN_SLOT + 1;
    /** Species of the map's indices: one int per double lane. */
    private static final VectorSpecies<Integer> INDEX =
            VectorSpecies.of(int.class, VectorShape.forBitSize(LaneBlock.LANES * Integer.SIZE));
    private final FeatureSet features;
    /** Rows kept before each chunk: at least every kernel's look-back into its inputs. */
    private final int keep;
    private final boolean ranges;
    private final boolean volumes;
    /** Compact columns: row k of lane j at {@code (k - origin) * WIDTH + j}, {@code keep + ROWS} rows. */
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    /** Compact row held at index 0 of the window. */
    private int origin;
    /** Panel bar of each compact row of the chunk in progress: {@code position[(k - k0) * WIDTH + j]}. */
    private final int[] position = new int[ROWS * WIDTH];
    /** Per lane: the next panel bar to read, and the present bars read so far. */
    private final int[] cursor = new int[WIDTH];
    /**
     * Per lane: the first panel bar of the chunk in progress ({@link #cursor} before its gather); the
     * chunk writes the lane's panel bars {@code [from, cursor)}: its values at the present ones, NaN at
     * the missing ones.
     */
    private final int[] from = new int[WIDTH];
    /** Per lane: the compact row at which the scatter's next span of panel rows starts. */
    private final int[] next = new int[WIDTH];
    /**
     * The scatter's map of up to {@link #SPAN} panel rows × {@link #WIDTH} lanes: the chunk-table
     * offset of each cell's value ({@link #NAN_SLOT} for a missing bar), or {@link #SKIP} for a cell this
     * chunk does not write; then a spare row the gather writes for rows past the span.
     */
    private final int[] map = new int[(SPAN + 1) * WIDTH];
    private final int[] length = new int[WIDTH];
    /** Per lane: its last present bar (high, low, close, volume), for padding. */
    private final double[] last = new double[4 * WIDTH];
    /** One chunk of outputs, row k - k0 of lane j at {@code (k - k0) * WIDTH + j}; made on first use. */
    private FeatureTable chunk;
    /** The sum of the values read ahead: kept, so that the compiler cannot drop the reads. */
    private double readAhead;

    GapLanes(FeatureSet features) {
        this.features = features;
        int most = 1;
        boolean r = false;
        boolean v = false;
        for (FeatureSpec spec : features.specs()) {
            FeatureType type = spec.type();
            for (int k = 0; k < type.paramNames().size(); k++) {
                if (type.integerParam(k)) {
                    most = Math.max(most, spec.intParam(k));
                }
            }
            switch (type) {
                case ATR, STOCH, WILLR, CCI, ADX -> r = true;
                case VWAP -> {
                    r = true;
                    v = true;
                }
                case OBV -> v = true;
                default -> {
                    // close only
                }
            }
        }
        this.keep = most + 1;
        this.ranges = r;
        this.volumes = v;
        int rows = (keep + ROWS) * WIDTH;
        this.close = new double[rows];
        this.high = r ? new double[rows] : close;
        this.low = r ? new double[rows] : close;
        this.volume = v ? new double[rows] : close;
    }

    /**
     * Computes bars {@code [t0, bars)} of the block bound to {@code b} (bars before t0 are done, on
     * the direct path, and have no missing bar) into {@code out}, rebinding {@code b} to the compact
     * columns. Returns false, having written part of the block, when a present close is invalid.
     */
    boolean run(LaneBlock b, Panel panel, int t0, LaneKernel[] kernels, boolean logReturns, FeatureTable out) {
        int first = b.outBase;
        int width = b.width;
        if (chunk == null) {
            chunk = FeatureTable.allocate(features, ROWS + 1, WIDTH);
            for (int col = 0; col < features.columns(); col++) {
                Arrays.fill(chunk.column(col), NAN_SLOT, NAN_SLOT + WIDTH, Double.NaN);
            }
        }
        history(panel, first, width, t0);
        b.high = high;
        b.low = low;
        b.close = close;
        b.volume = volume;
        b.stride = WIDTH;
        b.out = chunk;
        b.outStride = WIDTH;
        for (int k0 = t0; ; ) {
            slide(k0);
            if (!gather(panel, first, width, k0)) {
                return false;
            }
            int k1 = k0;
            for (int j = 0; j < width; j++) {
                k1 = Math.max(k1, length[j]);
            }
            if (k1 > k0) {
                pad(width, k1);
                b.base = -origin * WIDTH;
                b.outBase = -k0 * WIDTH;
                if (logReturns) {
                    b.computeLogReturns(k0, k1);
                }
                for (LaneKernel k : kernels) {
                    k.run(b, k0, k1);
                }
            }
            // with no bar left in any lane (k1 == k0) only the NaN of trailing missing bars remain
            scatter(panel, first, width, k0, out);
            if (k1 == k0) {
                return true;
            }
            k0 = k1;
        }
    }

    /** The window's rows {@code [k0 - keep, k0)} move to its front; row k0 - keep is now at index 0. */
    private void slide(int k0) {
        int from = k0 - keep;
        int shift = (from - origin) * WIDTH;
        if (shift > 0) {
            int n = (k0 - from) * WIDTH;
            System.arraycopy(close, shift, close, 0, n);
            if (ranges) {
                System.arraycopy(high, shift, high, 0, n);
                System.arraycopy(low, shift, low, 0, n);
            }
            if (volumes) {
                System.arraycopy(volume, shift, volume, 0, n);
            }
        }
        origin = from;
    }

    /**
     * The last {@code keep} rows before t0 (no missing bar there) copied as they are, the window's
     * origin at t0 - keep; the lanes continue at t0.
     */
    private void history(Panel panel, int first, int width, int t0) {
        origin = t0 - keep;
        for (int t = Math.max(0, t0 - keep); t < t0; t++) {
            int in = panel.index(t, first);
            int at = (t - origin) * WIDTH;
            System.arraycopy(panel.closeColumn(), in, close, at, width);
            if (ranges) {
                System.arraycopy(panel.highColumn(), in, high, at, width);
                System.arraycopy(panel.lowColumn(), in, low, at, width);
            }
            if (volumes) {
                System.arraycopy(panel.volumeColumn(), in, volume, at, width);
            }
        }
        for (int j = 0; j < width; j++) {
            cursor[j] = t0;
            length[j] = t0;
            if (t0 > 0) {
                int in = panel.index(t0 - 1, first + j);
                last[j] = panel.highColumn()[in];
                last[WIDTH + j] = panel.lowColumn()[in];
                last[2 * WIDTH + j] = panel.closeColumn()[in];
                last[3 * WIDTH + j] = panel.volumeColumn()[in];
            } else {
                for (int q = 0; q < 4; q++) {
                    last[q * WIDTH + j] = 1.0;
                }
            }
        }
    }

    /**
     * Reads each lane's next present bars until it has {@code k0 + ROWS} or the panel ends (its
     * missing bars are skipped; the scatter writes their NaN). False at an invalid close. Row by row
     * (a lane skips the rows it has read already, and stops when full). Makes the scatter's
     * {@link #map} of the first {@link #SPAN} rows it reads (they are the chunk's first rows) and, where
     * it reads more, the lanes' compact rows at the next span ({@link #next}).
     */
    private boolean gather(Panel panel, int first, int width, int k0) {
        System.arraycopy(cursor, 0, from, 0, width);
        double[] c = panel.closeColumn();
        int bars = panel.bars();
        int end = k0 + ROWS;
        int t = bars;
        int active = 0;
        for (int j = 0; j < width; j++) {
            if (cursor[j] < bars && length[j] < end) {
                t = Math.min(t, cursor[j]);
                active++;
            }
        }
        // the scatter's map of the first SPAN rows is made here, row by row; later rows map from next[]
        int mapEnd = t + SPAN;
        int[] map = this.map;
        for (; t < bars && active > 0; t++) {
            int row = panel.index(t, first);
            if (t == mapEnd) {
                System.arraycopy(length, 0, next, 0, width);
            }
            // rows past the span go to the map's spare last row (no branch per cell)
            int mapRow = t < mapEnd ? (t - (mapEnd - SPAN)) * WIDTH : SPAN * WIDTH;
            for (int j = 0; j < width; j++) {
                int m = length[j];
                if (m >= end || t < cursor[j]) {
                    map[mapRow + j] = SKIP;
                    continue;
                }
                int in = row + j;
                double ct = c[in];
                if (ct != ct) {
                    map[mapRow + j] = NAN_SLOT;
                    continue;
                }
                if (!(ct > 0.0 && ct < Double.POSITIVE_INFINITY)) {
                    return false;
                }
                take(panel, in, (m - origin) * WIDTH + j);
                int x = (m - k0) * WIDTH + j;
                position[x] = t;
                map[mapRow + j] = x;
                length[j] = m + 1;
                if (m + 1 == end) {
                    cursor[j] = t + 1;
                    active--;
                }
            }
        }
        for (int j = 0; j < width; j++) {
            if (length[j] < end) {
                cursor[j] = bars;
            }
        }
        return true;
    }

    /** Panel cell {@code in} into the window at {@code at}. */
    private void take(Panel panel, int in, int at) {
        close[at] = panel.closeColumn()[in];
        if (ranges) {
            high[at] = panel.highColumn()[in];
            low[at] = panel.lowColumn()[in];
        }
        if (volumes) {
            volume[at] = panel.volumeColumn()[in];
        }
    }

    /**
     * Lanes whose bars ran out repeat their last bar (1.0 when they have none) up to row k1; the
     * others keep their last bar for later.
     */
    private void pad(int width, int k1) {
        for (int j = 0; j < width; j++) {
            int m = length[j];
            if (m >= k1) {
                continue;
            }
            if (m >= 1 && m - 1 >= origin) {
                // its last bar is still in the window: remember it
                int at = (m - 1 - origin) * WIDTH + j;
                last[j] = high[at];
                last[WIDTH + j] = low[at];
                last[2 * WIDTH + j] = close[at];
                last[3 * WIDTH + j] = volume[at];
            }
            for (int k = Math.max(m, origin); k < k1; k++) {
                int at = (k - origin) * WIDTH + j;
                close[at] = last[2 * WIDTH + j];
                if (ranges) {
                    high[at] = last[j];
                    low[at] = last[WIDTH + j];
                }
                if (volumes) {
                    volume[at] = last[3 * WIDTH + j];
                }
            }
        }
    }

    /**
     * The chunk's cells to the panel, row by row: lane j's panel bars {@code [from[j], cursor[j])},
     * its outputs of compact rows {@code [k0, length[j])} at their bars and NaN at its missing bars
     * between them, so each cell of the block is written by exactly one chunk. Panel rows are taken
     * {@link #SPAN} at a time, by a map of the span's cells (chunk-table offsets; the gather's for the
     * first span, {@link #mapSpan}'s for any later one); each column writes the span's rows, a row's
     * lanes together (2 KiB of one page of the output column, where compact row by compact row stored
     * to a different panel row, a different page, per lane). With each column a share of the
     * {@link #AHEAD} panel rows the next gather starts at is read.
     */
    private void scatter(Panel panel, int first, int width, int k0, FeatureTable out) {
        int n = panel.instruments();
        int bars = panel.bars();
        int lo = bars;
        int hi = 0;
        int after = bars;
        for (int j = 0; j < width; j++) {
            if (from[j] < cursor[j]) {
                lo = Math.min(lo, from[j]);
                hi = Math.max(hi, cursor[j]);
            }
            after = Math.min(after, cursor[j]);
        }
        int ahead = Math.min(bars - after, AHEAD);
        int columns = features.columns();
        int share = (ahead + columns - 1) / columns;
        double sum = 0.0;
        for (int ta = lo; ta < hi; ta += SPAN) {
            int tb = Math.min(hi, ta + SPAN);
            if (ta > lo) {
                // the gather mapped the first span
                mapSpan(width, k0, ta, tb);
            }
            boolean last = tb == hi;
            for (int col = 0; col < columns; col++) {
                rows(chunk.column(col), out.column(col), ta, tb, n, first, width);
                if (last) {
                    int t0 = after + col * share;
                    sum += readAhead(panel, first, width, t0, Math.min(after + ahead, t0 + share));
                }
            }
        }
        readAhead = sum;
    }

    /**
     * Panel rows {@code [ta, tb)} of one column from the chunk table {@code src} to the output column
     * {@code dst}, a vector of lanes at a time: the map's offsets gathered, stored whole where every lane
     * of the vector is this chunk's, else masked to those that are (the last vector shifted to end at
     * the last lane, as in the kernels).
     */
    private void rows(double[] src, double[] dst, int ta, int tb, int n, int first, int width) {
        int[] m = map;
        int lastLane = width - LaneBlock.LANES;
        for (int t = ta; t < tb; t++) {
            int row = (t - ta) * WIDTH;
            int at = t * n + first;
            for (int j = 0; j < width; j += LaneBlock.LANES) {
                int lane = Math.min(j, lastLane);
                VectorMask<Double> mine = IntVector.fromArray(INDEX, m, row + lane)
                        .compare(VectorOperators.NE, SKIP).cast(LaneBlock.S);
                DoubleVector v = DoubleVector.fromArray(LaneBlock.S, src, 0, m, row + lane);
                if (mine.allTrue()) {
                    v.intoArray(dst, at + lane);
                } else {
                    v.intoArray(dst, at + lane, mine);
                }
            }
        }
    }

    /** {@link #map} for panel rows {@code [ta, tb)}, each lane's compact rows continuing from {@link #next}. */
    private void mapSpan(int width, int k0, int ta, int tb) {
        int[] pos = position;
        for (int j = 0; j < width; j++) {
            int k = next[j];
            int e = length[j];
            int a = Math.min(tb, Math.max(ta, from[j]));
            int b = Math.max(a, Math.min(tb, cursor[j]));
            int t = ta;
            for (; t < a; t++) {
                map[(t - ta) * WIDTH + j] = SKIP;
            }
            for (; t < b; t++) {
                int x = (k - k0) * WIDTH + j;
                if (k < e && pos[x] == t) {
                    map[(t - ta) * WIDTH + j] = x;
                    k++;
                } else {
                    map[(t - ta) * WIDTH + j] = NAN_SLOT;
                }
            }
            for (; t < tb; t++) {
                map[(t - ta) * WIDTH + j] = SKIP;
            }
            next[j] = k;
        }
    }

    /**
     * Reads one value per cache line of the columns the gather reads, panel rows {@code [t0, t1)}
     * of the block, so that the next gather finds them in cache; returns their sum.
     */
    private double readAhead(Panel panel, int first, int width, int t0, int t1) {
        double[] c = panel.closeColumn();
        double[] h = panel.highColumn();
        double[] l = panel.lowColumn();
        double[] v = panel.volumeColumn();
        double sum = 0.0;
        for (int t = t0; t < t1; t++) {
            int in = panel.index(t, first);
            for (int j = 0; j < width; j += LaneBlock.LANES) {
                sum += c[in + j];
                if (ranges) {
                    sum += h[in + j] + l[in + j];
                }
                if (volumes) {
                    sum += v[in + j];
                }
            }
        }
        return sum;
    }
}
