package io.vectrade.feature.cpu;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;

import java.util.Arrays;

/**
 * The reference backend: plain Java, double precision, on the calling thread.
 *
 * <p>Instruments are processed in blocks of {@value #BLOCK} (one cache line of a time-major row):
 * the engine gathers each instrument's own (non-missing) bars into contiguous scratch series,
 * runs {@link SeriesKernels} over each series, and scatters the results back row by row, NaN at
 * missing bars. A missing bar is therefore skipped: the instrument's features continue over its own
 * bars as if the gap were not there. Scratch buffers are kept between calls, so a repeated call on
 * panels of the same shape allocates nothing. Not thread-safe: use one engine per thread.
 */
public final class CpuFeatureEngine implements FeatureEngine {
    /** Instruments gathered and scattered together: 8 doubles = one 64-byte cache line. */
    static final int BLOCK = 8;

    private BlockScratch scratch = new BlockScratch(0, 0, 0);

    @Override
    public Backend backend() {
        return Backend.CPU;
    }

    /**
     * @throws IllegalArgumentException when {@code out} was allocated for other features or another
     *                                  panel shape
     */
    @Override
    public void computeInto(Panel panel, FeatureSet features, FeatureTable out) {
        // identity first: List.equals would allocate an iterator on every call
        boolean sameFeatures = out.features() == features || out.features().equals(features);
        if (!sameFeatures || out.bars() != panel.bars() || out.instruments() != panel.instruments()) {
            throw new IllegalArgumentException("output table does not fit the panel and features, table="
                    + out.bars() + "x" + out.instruments() + " panel=" + panel.bars() + "x" + panel.instruments()
                    + " sameFeatures=" + sameFeatures);
        }
        int bars = panel.bars();
        int width = Math.min(BLOCK, panel.instruments());
        if (scratch.capacity() < bars || scratch.outputs() < features.columns() || scratch.width() < width) {
            scratch = new BlockScratch(width, bars, features.columns());
        }
        for (int i0 = 0; i0 < panel.instruments(); i0 += BLOCK) {
            computeBlock(panel, i0, Math.min(BLOCK, panel.instruments() - i0), features, out, scratch);
        }
    }

    /** Gathers instruments {@code [i0, i0 + width)}, computes every feature, scatters into {@code out}. */
    private static void computeBlock(Panel panel, int i0, int width, FeatureSet features, FeatureTable out,
                                     BlockScratch s) {
        s.gather(panel, i0, width);
        for (int j = 0; j < width; j++) {
            int m = s.length[j];
            double[][] o = s.out[j];
            for (int c = 0; c < features.columns(); c++) {
                Arrays.fill(o[c], 0, m, Double.NaN);
            }
            for (int f = 0; f < features.size(); f++) {
                SeriesKernels.compute(features.spec(f), s.open[j], s.high[j], s.low[j], s.close[j], s.volume[j], m,
                        o, features.firstColumn(f), s.kernel);
            }
        }
        int bars = panel.bars();
        int n = panel.instruments();
        for (int c = 0; c < features.columns(); c++) {
            double[] col = out.column(c);
            for (int j = 0; j < width; j++) {
                double[] src = s.out[j][c];
                int[] pos = s.position[j];
                for (int t = 0, x = i0 + j; t < bars; t++, x += n) {
                    int k = pos[t];
                    col[x] = k < 0 ? Double.NaN : src[k];
                }
            }
        }
    }

    /** Per-engine scratch: a block of instruments' contiguous bars, their outputs and kernel temporaries. */
    static final class BlockScratch {
        final double[][] open;
        final double[][] high;
        final double[][] low;
        final double[][] close;
        final double[][] volume;
        /** out[j][c][k]: column c of the block's instrument j at its own bar k. */
        final double[][][] out;
        /** position[j][t]: index of panel bar t in instrument j's gathered series, or -1 when missing. */
        final int[][] position;
        /** Number of own bars of instrument j. */
        final int[] length;
        final KernelScratch kernel;

        BlockScratch(int width, int bars, int outputs) {
            open = new double[width][bars];
            high = new double[width][bars];
            low = new double[width][bars];
            close = new double[width][bars];
            volume = new double[width][bars];
            out = new double[width][outputs][bars];
            position = new int[width][bars];
            length = new int[width];
            kernel = new KernelScratch(bars);
        }

        int width() {
            return open.length;
        }

        int capacity() {
            return kernel.capacity();
        }

        int outputs() {
            return width() == 0 ? 0 : out[0].length;
        }

        /** Copies the non-missing bars (NaN close = missing) of instruments {@code [i0, i0 + width)}. */
        void gather(Panel p, int i0, int width) {
            double[] o = p.openColumn();
            double[] h = p.highColumn();
            double[] l = p.lowColumn();
            double[] c = p.closeColumn();
            double[] v = p.volumeColumn();
            Arrays.fill(length, 0);
            for (int t = 0; t < p.bars(); t++) {
                int row = p.index(t, i0);
                for (int j = 0; j < width; j++) {
                    int x = row + j;
                    double ct = c[x];
                    if (Double.isNaN(ct)) {
                        position[j][t] = -1;
                        continue;
                    }
                    int m = length[j]++;
                    position[j][t] = m;
                    open[j][m] = o[x];
                    high[j][m] = h[x];
                    low[j][m] = l[x];
                    close[j][m] = ct;
                    volume[j][m] = v[x];
                }
            }
        }
    }
}
