package io.vectrade.feature.cpu;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;

/**
 * The cpu backend's per-instrument reference path, exposed for other backends (simd falls back to
 * it for instruments with missing bars and for features it does not vectorise). Computes exactly
 * what {@link CpuFeatureEngine} computes for one instrument: it gathers the instrument's own bars,
 * runs the same kernels and scatters the results, NaN at missing bars.
 *
 * <p>Keeps its scratch buffers between calls; not thread-safe (one instance per thread).
 */
public final class CpuInstrumentPath {
    private CpuFeatureEngine.SeriesScratch scratch = new CpuFeatureEngine.SeriesScratch(0, 0);

    /**
     * Computes instrument {@code i} of {@code panel} into {@code out}, for the specs {@code s} of
     * {@code features} with {@code only[s]} true, or all specs when {@code only} is null.
     */
    public void compute(Panel panel, int i, FeatureSet features, boolean[] only, FeatureTable out) {
        if (scratch.capacity() < panel.bars() || scratch.outputs() < features.columns()) {
            scratch = new CpuFeatureEngine.SeriesScratch(panel.bars(), features.columns());
        }
        if (only == null) {
            CpuFeatureEngine.computeInstrument(panel, i, features, out, scratch);
            return;
        }
        CpuFeatureEngine.SeriesScratch s = scratch;
        int bars = panel.bars();
        int n = panel.instruments();
        int m = s.gather(panel, i);
        for (int f = 0; f < features.size(); f++) {
            if (!only[f]) {
                continue;
            }
            int first = features.firstColumn(f);
            SeriesKernels.compute(features.spec(f), s.open, s.high, s.low, s.close, s.volume, m, s.out, first,
                    s.kernel);
            for (int c = first; c < first + features.spec(f).type().outputs(); c++) {
                double[] col = out.column(c);
                double[] src = s.out[c];
                for (int t = 0; t < bars; t++) {
                    int k = s.position[t];
                    col[t * n + i] = k < 0 ? Double.NaN : src[k];
                }
            }
        }
    }
}
