package io.vectrade.feature.cpu;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;

import java.util.Arrays;

/**
 * The cpu backend's per-instrument reference path, exposed for other backends (simd falls back to
 * it for instruments with missing bars and for features it does not vectorise). Computes exactly
 * what {@link CpuFeatureEngine} computes for those instruments: it gathers each instrument's own
 * bars (in blocks of {@value CpuFeatureEngine#BLOCK}), runs the same {@link SeriesKernels} and
 * scatters the results, NaN at missing bars. Each instrument is computed on its own, so the values
 * do not depend on how instruments are grouped.
 *
 * <p>Keeps its scratch buffers between calls; not thread-safe (one instance per thread).
 */
public final class CpuInstrumentPath {
    private CpuFeatureEngine.BlockScratch scratch = new CpuFeatureEngine.BlockScratch(0, 0, 0);

    /**
     * Computes instruments {@code [first, first + count)} of {@code panel} into {@code out}, for the
     * specs {@code s} of {@code features} with {@code only[s]} true, or all specs when {@code only}
     * is null. Columns of the other specs are left as they are.
     */
    public void compute(Panel panel, int first, int count, FeatureSet features, boolean[] only, FeatureTable out) {
        int bars = panel.bars();
        int width = Math.min(CpuFeatureEngine.BLOCK, count);
        if (scratch.capacity() < bars || scratch.outputs() < features.columns() || scratch.width() < width) {
            scratch = new CpuFeatureEngine.BlockScratch(Math.max(width, scratch.width()), bars, features.columns());
        }
        for (int i0 = first; i0 < first + count; i0 += CpuFeatureEngine.BLOCK) {
            block(panel, i0, Math.min(CpuFeatureEngine.BLOCK, first + count - i0), features, only, out);
        }
    }

    private void block(Panel panel, int i0, int width, FeatureSet features, boolean[] only, FeatureTable out) {
        CpuFeatureEngine.BlockScratch s = scratch;
        s.gather(panel, i0, width);
        for (int j = 0; j < width; j++) {
            int m = s.length[j];
            double[][] o = s.out[j];
            for (int c = 0; c < features.columns(); c++) {
                Arrays.fill(o[c], 0, m, Double.NaN);
            }
            for (int f = 0; f < features.size(); f++) {
                if (only == null || only[f]) {
                    SeriesKernels.compute(features.spec(f), s.open[j], s.high[j], s.low[j], s.close[j],
                            s.volume[j], m, o, features.firstColumn(f), s.kernel);
                }
            }
        }
        int bars = panel.bars();
        int n = panel.instruments();
        for (int f = 0; f < features.size(); f++) {
            if (only != null && !only[f]) {
                continue;
            }
            int firstColumn = features.firstColumn(f);
            for (int c = firstColumn; c < firstColumn + features.spec(f).type().outputs(); c++) {
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
    }
}
