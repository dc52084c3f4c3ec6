package io.vectrade.feature.cpu;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.reference.FeatureReference;
import io.vectrade.feature.reference.SeriesComparison;
import io.vectrade.testdata.OhlcvSeries;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cpu engine on panels: missing bars, views, reuse, properties and allocation. */
class CpuFeatureEngineTest {
    static final FeatureSet ALL = FeatureSet.parse("rsi,momentum,roc,volatility,logret,sma,ema,macd,bbands,atr,"
            + "stoch,willr,cci,adx,obv,zscore,vwap,rsi(3),stoch(5,1,2),bbands(7,1.5),macd(4,9,3),vwap(3),zscore(5)");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    @Test
    void missingBarIsNaNAndTheInstrumentContinuesOverItsOwnBars() {
        Panel panel = RandomMarket.panel(11, 11, 400, 0.0);
        // instrument 1 misses bar 100 (a holiday) and 250..252, instrument 9 (second block of 8) misses
        // bars 0, 37 and 399; instrument 10 misses its first 30 bars
        double[][] cols = columns(panel);
        int n = panel.instruments();
        int[][] holes = {{1, 100}, {1, 250}, {1, 251}, {1, 252}, {9, 0}, {9, 37}, {9, 399}};
        for (int[] hole : holes) {
            for (double[] col : cols) {
                col[hole[1] * n + hole[0]] = Double.NaN;
            }
        }
        for (int t = 0; t < 30; t++) {
            for (double[] col : cols) {
                col[t * n + 10] = Double.NaN;
            }
        }
        Panel holed = Panel.of(panel.symbols(), panel.timestampsMillis(), cols[0], cols[1], cols[2], cols[3], cols[4]);
        FeatureTable table = new CpuFeatureEngine().compute(holed, ALL);
        for (int i = 0; i < n; i++) {
            OhlcvSeries own = ownBars(holed, i);
            for (int f = 0; f < ALL.size(); f++) {
                FeatureSpec spec = ALL.spec(f);
                double[][] expected = reference(spec, own);
                for (int p = 0; p < expected.length; p++) {
                    double[] column = table.column(ALL.firstColumn(f) + p);
                    double[] got = new double[own.length()];
                    int k = 0;
                    for (int t = 0; t < holed.bars(); t++) {
                        if (holed.isMissing(t, i)) {
                            assertThat(column[t * n + i]).as(spec + " at missing bar t=" + t + " i=" + i).isNaN();
                        } else {
                            got[k++] = column[t * n + i];
                        }
                    }
                    SeriesComparison.assertMatches("instrument " + i + " " + spec.columnNames().get(p), got,
                            expected[p], Math.min(spec.lookback(), own.length()), 1e-9);
                }
            }
        }
    }

    @Test
    void subPanelViewsGiveTheSameAsCompactedCopies() {
        Panel panel = RandomMarket.panel(5, 7, 300, 0.02);
        CpuFeatureEngine engine = new CpuFeatureEngine();
        Panel[] views = {panel.instruments(2, 3), panel.bars(40, 200), panel.instruments(1, 5).bars(60, 150),
            panel.instruments(6, 1)};
        for (Panel view : views) {
            FeatureTable fromView = engine.compute(view, ALL);
            FeatureTable fromCopy = new CpuFeatureEngine().compute(view.compact(), ALL);
            for (int c = 0; c < ALL.columns(); c++) {
                assertThat(Arrays.equals(fromView.column(c), fromCopy.column(c)))
                        .as(view + " column " + ALL.columnNames().get(c)).isTrue();
            }
        }
    }

    @Test
    void repeatedComputeIntoTheSameTableGivesIdenticalResults() {
        Panel a = RandomMarket.panel(1, 4, 500, 0.01);
        Panel b = RandomMarket.panel(2, 4, 500, 0.05);
        CpuFeatureEngine engine = new CpuFeatureEngine();
        FeatureTable out = FeatureTable.allocate(ALL, a);
        engine.computeInto(a, ALL, out);
        double[][] first = snapshot(out);
        engine.computeInto(b, ALL, out);
        double[][] other = snapshot(out);
        engine.computeInto(a, ALL, out);
        for (int c = 0; c < ALL.columns(); c++) {
            assertThat(Arrays.equals(out.column(c), first[c])).as(ALL.columnNames().get(c)).isTrue();
        }
        assertThat(Arrays.deepEquals(first, other)).as("different panels give different features").isFalse();
        // a fresh engine agrees with the reused one: no state leaks between calls
        assertThat(Arrays.deepEquals(snapshot(new CpuFeatureEngine().compute(a, ALL)), first)).isTrue();
    }

    @Test
    void rejectsATableOfAnotherShape() {
        Panel a = RandomMarket.panel(1, 4, 50, 0);
        FeatureTable wrong = FeatureTable.allocate(ALL, 49, 4);
        assertThatThrownBy(() -> new CpuFeatureEngine().computeInto(a, ALL, wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table=49x4 panel=50x4");
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void propertiesOnRandomPanels(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int bars = 150 + rnd.nextInt(250);
        Panel panel = RandomMarket.panel(seed, 1 + rnd.nextInt(4), bars, 0);
        CpuFeatureEngine engine = new CpuFeatureEngine();
        FeatureTable table = engine.compute(panel, ALL);
        int n = panel.instruments();
        for (int f = 0; f < ALL.size(); f++) {
            FeatureSpec spec = ALL.spec(f);
            for (int p = 0; p < spec.type().outputs(); p++) {
                double[] col = table.column(ALL.firstColumn(f) + p);
                for (int t = 0; t < bars; t++) {
                    for (int i = 0; i < n; i++) {
                        double v = col[t * n + i];
                        String where = spec.columnNames().get(p) + " t=" + t + " i=" + i;
                        if (t < spec.lookback()) {
                            assertThat(v).as(where).isNaN();
                        } else {
                            assertThat(Double.isFinite(v)).as(where + " finite after lookback, value=" + v).isTrue();
                        }
                    }
                }
            }
        }
        for (double v : table.column("rsi(14)")) {
            assertThat(Double.isNaN(v) || (v >= 0 && v <= 100)).as("rsi in [0, 100], value=" + v).isTrue();
        }
        for (double v : table.column("stoch(14,3,3).k")) {
            assertThat(Double.isNaN(v) || (v >= -1e-9 && v <= 100 + 1e-9)).as("stoch in [0, 100], value=" + v).isTrue();
        }
        for (double v : table.column("willr(14)")) {
            assertThat(Double.isNaN(v) || (v >= -100 - 1e-9 && v <= 1e-9)).as("willr in [-100, 0], value=" + v).isTrue();
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void changingBarsAfterTNeverChangesOutputsUpToT(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 31);
        int bars = 300;
        OhlcvSeries s = RandomMarket.series(seed, bars);
        int cut = 1 + rnd.nextInt(bars - 1);
        OhlcvSeries changed = RandomMarket.withNewFuture(s, cut, seed + 1000);
        CpuFeatureEngine engine = new CpuFeatureEngine();
        FeatureTable before = engine.compute(s.toPanel(), ALL);
        FeatureTable after = engine.compute(changed.toPanel(), ALL);
        boolean anyChange = false;
        for (int c = 0; c < ALL.columns(); c++) {
            double[] x = before.column(c);
            double[] y = after.column(c);
            assertThat(Arrays.equals(x, 0, cut, y, 0, cut))
                    .as(ALL.columnNames().get(c) + " up to t=" + (cut - 1) + " must not see bars from t=" + cut).isTrue();
            anyChange |= !Arrays.equals(x, y);
        }
        assertThat(anyChange).as("the new future changes something").isTrue();
    }

    static double[][] reference(FeatureSpec spec, OhlcvSeries s) {
        return FeatureReference.compute(spec, s.open(), s.high(), s.low(), s.close(), s.volume());
    }

    /** Instrument i's non-missing bars, compacted (test-side gather, independent of the engine). */
    static OhlcvSeries ownBars(Panel p, int i) {
        int m = 0;
        for (int t = 0; t < p.bars(); t++) {
            if (!p.isMissing(t, i)) {
                m++;
            }
        }
        double[][] c = new double[5][m];
        long[] ts = new long[m];
        int k = 0;
        for (int t = 0; t < p.bars(); t++) {
            if (p.isMissing(t, i)) {
                continue;
            }
            c[0][k] = p.open(t, i);
            c[1][k] = p.high(t, i);
            c[2][k] = p.low(t, i);
            c[3][k] = p.close(t, i);
            c[4][k] = p.volume(t, i);
            ts[k++] = p.timestampMillis(t);
        }
        return new OhlcvSeries(p.symbol(i), ts, c[0], c[1], c[2], c[3], c[4]);
    }

    static double[][] columns(Panel p) {
        Panel d = p.compact();
        return new double[][] {d.openColumn().clone(), d.highColumn().clone(), d.lowColumn().clone(),
            d.closeColumn().clone(), d.volumeColumn().clone()};
    }

    static double[][] snapshot(FeatureTable t) {
        double[][] out = new double[t.features().columns()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = t.column(c).clone();
        }
        return out;
    }
}
