package io.vectrade.feature.cpu;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;

import java.util.Arrays;

/**
 * The reference backend: plain Java, double precision, one instrument at a time on the calling
 * thread.
 *
 * <p>For each instrument the engine gathers its own (non-missing) bars into contiguous scratch
 * series, runs {@link SeriesKernels} over them, and scatters the results back, NaN at missing
 * bars. Scratch buffers are kept between calls, so a repeated call on panels of the same shape
 * allocates nothing. Not thread-safe: use one engine per thread.
 */
public final class CpuFeatureEngine implements FeatureEngine {
    private SeriesScratch scratch = new SeriesScratch(0, 0);

    @Override
    public Backend backend() {
        return Backend.CPU;
    }

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
        if (scratch.capacity() < bars || scratch.outputs() < features.columns()) {
            scratch = new SeriesScratch(bars, features.columns());
        }
        for (int i = 0; i < panel.instruments(); i++) {
            computeInstrument(panel, i, features, out, scratch);
        }
    }

    /** Gathers instrument {@code i}, computes every feature, scatters into {@code out}. */
    static void computeInstrument(Panel panel, int i, FeatureSet features, FeatureTable out, SeriesScratch s) {
        int bars = panel.bars();
        int n = panel.instruments();
        int m = s.gather(panel, i);
        for (int f = 0; f < features.size(); f++) {
            int first = features.firstColumn(f);
            SeriesKernels.compute(features.spec(f), s.open, s.high, s.low, s.close, s.volume, m, s.out, first,
                    s.kernel);
        }
        for (int c = 0; c < features.columns(); c++) {
            double[] col = out.column(c);
            double[] src = s.out[c];
            if (m == bars) {
                for (int t = 0; t < bars; t++) {
                    col[t * n + i] = src[t];
                }
            } else {
                for (int t = 0; t < bars; t++) {
                    int k = s.position[t];
                    col[t * n + i] = k < 0 ? Double.NaN : src[k];
                }
            }
        }
    }

    /** Per-thread scratch: one instrument's contiguous bars and per-column outputs. */
    static final class SeriesScratch {
        final double[] open;
        final double[] high;
        final double[] low;
        final double[] close;
        final double[] volume;
        final double[][] out;
        /** For each panel bar t, the index into the gathered series, or -1 for a missing bar. */
        final int[] position;
        /** Temporaries of the kernels. */
        final KernelScratch kernel;

        SeriesScratch(int bars, int outputs) {
            open = new double[bars];
            high = new double[bars];
            low = new double[bars];
            close = new double[bars];
            volume = new double[bars];
            out = new double[outputs][bars];
            position = new int[bars];
            kernel = new KernelScratch(bars);
        }

        int capacity() {
            return close.length;
        }

        int outputs() {
            return out.length;
        }

        /** Copies instrument {@code i}'s non-missing bars; returns how many. */
        int gather(Panel p, int i) {
            double[] o = p.openColumn();
            double[] h = p.highColumn();
            double[] l = p.lowColumn();
            double[] c = p.closeColumn();
            double[] v = p.volumeColumn();
            int m = 0;
            for (int t = 0; t < p.bars(); t++) {
                int x = p.index(t, i);
                double ct = c[x];
                if (Double.isNaN(ct)) {
                    position[t] = -1;
                    continue;
                }
                position[t] = m;
                open[m] = o[x];
                high[m] = h[x];
                low[m] = l[x];
                close[m] = ct;
                volume[m] = v[x];
                m++;
            }
            for (double[] col : out) {
                Arrays.fill(col, 0, Math.max(m, 0), Double.NaN);
            }
            return m;
        }
    }
}
