package io.vectrade.feature.simd;

import static io.vectrade.feature.simd.LaneBlock.CHUNK;
import static io.vectrade.feature.simd.LaneBlock.WIDTH;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;

/**
 * Missing bars inside the lanes: a block with missing bars (NaN close) runs the same lane kernels
 * on each lane's own bars. The block's bars are compacted per lane: row k of the compact columns
 * holds, in lane j, instrument j's k-th present bar, so every lane sees a gap-free series, and a
 * lane that has no bar at panel bar t simply does not advance there: its state is kept across the
 * gap. The kernels run over the compact rows in chunks of {@link LaneBlock#CHUNK}; each chunk's
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
 * the block, as before.
 *
 * <p>The compact columns hold the block's whole history ({@code 4 × bars × WIDTH} doubles), sized
 * on the first gappy block and grown for longer panels; a call on panels of the same shape
 * allocates nothing. One instance per worker thread; not thread-safe.
 */
final class GapLanes {
    private final FeatureSet features;
    private double[] high = new double[0];
    private double[] low = new double[0];
    private double[] close = new double[0];
    private double[] volume = new double[0];
    /** Panel bar of each compact row of the chunk in progress: {@code position[(k - k0) * WIDTH + j]}. */
    private final int[] position = new int[CHUNK * WIDTH];
    /** Per lane: the next panel bar to read, and the present bars read so far. */
    private final int[] cursor = new int[WIDTH];
    private final int[] length = new int[WIDTH];
    /** One chunk of outputs, row k - k0 of lane j at {@code (k - k0) * WIDTH + j}; made on first use. */
    private FeatureTable chunk;

    GapLanes(FeatureSet features) {
        this.features = features;
    }

    /**
     * Computes bars {@code [t0, bars)} of the block bound to {@code b} (bars before t0 are done, on
     * the direct path, and have no missing bar) into {@code out}, rebinding {@code b} to the compact
     * columns. Returns false, having written part of the block, when a present close is invalid.
     */
    boolean run(LaneBlock b, Panel panel, int t0, LaneKernel[] kernels, boolean logReturns, FeatureTable out) {
        int first = b.outBase;
        int width = b.width;
        int bars = panel.bars();
        if (close.length < bars * WIDTH) {
            high = new double[bars * WIDTH];
            low = new double[bars * WIDTH];
            close = new double[bars * WIDTH];
            volume = new double[bars * WIDTH];
        }
        if (chunk == null) {
            chunk = FeatureTable.allocate(features, CHUNK, WIDTH);
        }
        history(panel, first, width, t0);
        b.high = high;
        b.low = low;
        b.close = close;
        b.volume = volume;
        b.base = 0;
        b.stride = WIDTH;
        b.out = chunk;
        b.outStride = WIDTH;
        for (int k0 = t0; ; ) {
            if (!gather(panel, first, width, k0, out)) {
                return false;
            }
            int k1 = k0;
            for (int j = 0; j < width; j++) {
                k1 = Math.max(k1, length[j]);
            }
            if (k1 == k0) {
                return true;
            }
            pad(width, k0, k1);
            b.outBase = -k0 * WIDTH;
            if (logReturns) {
                b.computeLogReturns(k0, k1);
            }
            for (LaneKernel k : kernels) {
                k.run(b, k0, k1);
            }
            scatter(first, width, panel.instruments(), k0, k1, out);
            k0 = k1;
        }
    }

    /** Rows {@code [0, t0)} (no missing bar there) copied as they are; the lanes continue at t0. */
    private void history(Panel panel, int first, int width, int t0) {
        double[] h = panel.highColumn();
        double[] l = panel.lowColumn();
        double[] c = panel.closeColumn();
        double[] v = panel.volumeColumn();
        for (int t = 0; t < t0; t++) {
            int in = panel.index(t, first);
            System.arraycopy(h, in, high, t * WIDTH, width);
            System.arraycopy(l, in, low, t * WIDTH, width);
            System.arraycopy(c, in, close, t * WIDTH, width);
            System.arraycopy(v, in, volume, t * WIDTH, width);
        }
        for (int j = 0; j < width; j++) {
            cursor[j] = t0;
            length[j] = t0;
        }
    }

    /**
     * Reads each lane's next present bars until it has {@code k0 + CHUNK} or the panel ends,
     * writing NaN to every output column at its missing bars. False at an invalid close.
     */
    private boolean gather(Panel panel, int first, int width, int k0, FeatureTable out) {
        double[] h = panel.highColumn();
        double[] l = panel.lowColumn();
        double[] c = panel.closeColumn();
        double[] v = panel.volumeColumn();
        int bars = panel.bars();
        int n = panel.instruments();
        int columns = features.columns();
        for (int j = 0; j < width; j++) {
            int t = cursor[j];
            int m = length[j];
            int end = k0 + CHUNK;
            for (; t < bars && m < end; t++) {
                int in = panel.index(t, first + j);
                double ct = c[in];
                if (ct != ct) {
                    for (int col = 0; col < columns; col++) {
                        out.column(col)[t * n + first + j] = Double.NaN;
                    }
                    continue;
                }
                if (!(ct > 0.0 && ct < Double.POSITIVE_INFINITY)) {
                    return false;
                }
                int at = m * WIDTH + j;
                high[at] = h[in];
                low[at] = l[in];
                close[at] = ct;
                volume[at] = v[in];
                position[(m - k0) * WIDTH + j] = t;
                m++;
            }
            cursor[j] = t;
            length[j] = m;
        }
        return true;
    }

    /** Lanes whose bars ran out repeat their last bar (1.0 when they have none) up to row k1. */
    private void pad(int width, int k0, int k1) {
        for (int j = 0; j < width; j++) {
            int m = length[j];
            int last = (m - 1) * WIDTH + j;
            for (int k = m; k < k1; k++) {
                int at = k * WIDTH + j;
                high[at] = m > 0 ? high[last] : 1.0;
                low[at] = m > 0 ? low[last] : 1.0;
                close[at] = m > 0 ? close[last] : 1.0;
                volume[at] = m > 0 ? volume[last] : 1.0;
            }
        }
    }

    /** Each lane's outputs of compact rows {@code [k0, min(k1, length))} to their panel bars. */
    private void scatter(int first, int width, int n, int k0, int k1, FeatureTable out) {
        int[] len = length;
        int[] pos = position;
        for (int col = 0; col < features.columns(); col++) {
            double[] src = chunk.column(col);
            double[] dst = out.column(col);
            for (int k = k0; k < k1; k++) {
                int row = (k - k0) * WIDTH;
                for (int j = 0; j < width; j++) {
                    if (k < len[j]) {
                        dst[pos[row + j] * n + first + j] = src[row + j];
                    }
                }
            }
        }
    }
}
