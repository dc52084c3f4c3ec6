package io.vectrade.feature.stream;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.testdata.OhlcvSeries;
import io.vectrade.testdata.RandomMarket;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Test panels as time-major OHLCV columns ({@code t * n + i}; a missing bar is NaN in all five) and
 * the ways of turning them into features: streaming tick by tick, the cpu batch engine, and the
 * independent reference ({@link SeriesReference} per instrument over its own non-missing bars, NaN
 * at missing bars).
 */
record Bars(int bars, int instruments, double[] open, double[] high, double[] low, double[] close,
            double[] volume) {

    /**
     * A seeded random panel ({@link RandomMarket}): geometric random walks, some rounded to a tick
     * (so equal closes, equal highs and zero ranges occur), instruments that start late, random
     * missing bars, and with {@code flat} some stretches of constant prices, mostly without volume.
     */
    static Bars random(long seed, int bars, int instruments, double missing, boolean flat) {
        return of(RandomMarket.panel(seed, instruments, bars, new RandomMarket.Options(missing, true, flat)));
    }

    /** The columns of a dense panel (copied). */
    static Bars of(Panel p) {
        return new Bars(p.bars(), p.instruments(), p.openColumn().clone(), p.highColumn().clone(),
                p.lowColumn().clone(), p.closeColumn().clone(), p.volumeColumn().clone());
    }

    /** One real instrument. */
    static Bars of(OhlcvSeries s) {
        return new Bars(s.length(), 1, s.open().clone(), s.high().clone(), s.low().clone(), s.close().clone(),
                s.volume().clone());
    }

    /** Streams the panel through {@code features} tick by tick; returns {@code [column][t * n + i]}. */
    double[][] stream(StreamingFeatures live) {
        int n = instruments;
        int columns = live.columns();
        double[][] out = new double[columns][bars * n];
        double[] row = new double[columns * n];
        double[] to = new double[n];
        double[] th = new double[n];
        double[] tl = new double[n];
        double[] tc = new double[n];
        double[] tv = new double[n];
        for (int t = 0; t < bars; t++) {
            System.arraycopy(open, t * n, to, 0, n);
            System.arraycopy(high, t * n, th, 0, n);
            System.arraycopy(low, t * n, tl, 0, n);
            System.arraycopy(close, t * n, tc, 0, n);
            System.arraycopy(volume, t * n, tv, 0, n);
            live.update(to, th, tl, tc, tv, row);
            for (int c = 0; c < columns; c++) {
                System.arraycopy(row, c * n, out[c], t * n, n);
            }
        }
        return out;
    }

    /** The panel (copied columns) with daily timestamps and symbols {@code s0, s1, ...}. */
    Panel toPanel() {
        long[] ts = new long[bars];
        for (int t = 0; t < bars; t++) {
            ts[t] = 1_356_998_400_000L + t * 86_400_000L;
        }
        List<String> symbols = IntStream.range(0, instruments).mapToObj(i -> "s" + i).toList();
        return Panel.of(symbols, ts, open.clone(), high.clone(), low.clone(), close.clone(), volume.clone());
    }

    /** The cpu batch engine's output for every column of {@code set}: {@code [column][t * n + i]}. */
    double[][] cpuBatch(FeatureSet set) {
        FeatureTable table = new CpuFeatureEngine().compute(toPanel(), set);
        double[][] out = new double[set.columns()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = table.column(c);
        }
        return out;
    }

    /** The batch reference for every column of {@code set}: {@code [column][t * n + i]}. */
    double[][] reference(FeatureSet set) {
        int n = instruments;
        double[][] out = new double[set.columns()][bars * n];
        for (double[] col : out) {
            Arrays.fill(col, Double.NaN);
        }
        double[] so = new double[bars];
        double[] sh = new double[bars];
        double[] sl = new double[bars];
        double[] sc = new double[bars];
        double[] sv = new double[bars];
        int[] at = new int[bars];
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int t = 0; t < bars; t++) {
                int x = t * n + i;
                if (Double.isNaN(close[x])) {
                    continue;
                }
                so[m] = open[x];
                sh[m] = high[x];
                sl[m] = low[x];
                sc[m] = close[x];
                sv[m] = volume[x];
                at[m] = t;
                m++;
            }
            for (int s = 0; s < set.size(); s++) {
                FeatureSpec spec = set.spec(s);
                double[][] parts = SeriesReference.compute(spec, so, sh, sl, sc, sv, m);
                for (int p = 0; p < parts.length; p++) {
                    double[] col = out[set.firstColumn(s) + p];
                    for (int k = 0; k < m; k++) {
                        col[at[k] * n + i] = parts[p][k];
                    }
                }
            }
        }
        return out;
    }
}
