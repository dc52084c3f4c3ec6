package io.vectrade.feature.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.FeatureType;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.testdata.RandomMarket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * simd == cpu for every feature of the standard set (plus a few non-default parameters), with and
 * without missing bars, on seeded random panels whose instrument count is not a multiple of the
 * lane count, and on sub-panel views.
 *
 * <p>The panels are {@code testdata.RandomMarket}'s (price levels 0.05 to 5000, tick-rounded
 * instruments, flat stretches). Raw bits compared for every feature except: logret within 2 ulps
 * (vector LOG against StrictMath.log, each within 1 ulp); volatility within 1e-14 of the largest
 * |log return| in the window (the same rolling arithmetic on those log returns); on the N = 1 path
 * rsi and ema within 1e-12 of the column's largest magnitude (chain-broken recurrences), and
 * volatility within 5e-12 relative plus 2e-14 of the largest return (two passes per window).
 */
class SimdVersusCpuTest {
    private static final FeatureSet FEATURES = features();

    private static FeatureSet features() {
        List<FeatureSpec> specs = new ArrayList<>(FeatureSet.standard().specs());
        for (String s : List.of("logret(5)", "rsi(2)", "macd(11,12,9)", "bbands(10,1.5)", "ema(3)", "atr(1)",
                "volatility(2)", "sma(2)", "momentum(1)", "stoch(5,1,1)", "stoch(3,4,2)", "willr(2)", "cci(2)", "cci(7)",
                "adx(2)", "adx(5)", "vwap(2)")) {
            specs.add(FeatureSpec.parse(s));
        }
        return FeatureSet.of(specs);
    }

    @ParameterizedTest(name = "seed={0} instruments={1} bars={2} missing={3}")
    @CsvSource({
        "1, 1, 2000, false", "2, 1, 2000, false", "3, 1, 2000, false", "4, 1, 2000, false",
        "5, 1, 2000, true", "6, 1, 2000, true", "7, 7, 500, false", "8, 7, 500, true",
        "9, 33, 600, false", "10, 33, 600, true", "11, 1000, 260, false", "12, 1000, 260, true",
        // 13 and 45: a last vector shifted to overlap the one before; 37: a last block of 5 (reference path)
        "13, 13, 400, false", "14, 45, 300, false", "15, 45, 300, true", "16, 37, 300, false",
        // one series over volatility's chunk edges (2,048 bars a chunk)
        "17, 1, 5000, false", "18, 1, 5000, true"})
    void simdEqualsCpu(long seed, int instruments, int bars, boolean missing) {
        Panel panel = RandomPanels.of(seed, instruments, bars, missing);
        if (missing) {
            assertThat(RandomPanels.anyMissing(panel)).isTrue();
        }
        compare(panel, 3);
    }

    /**
     * Missing bars inside the lanes: about 5 % of the bars missing, scattered over every instrument
     * (with late starts, and some instruments whose bars end early), so every block has gaps; no
     * block may take the reference path, and every value equals cpu's.
     */
    @ParameterizedTest(name = "seed={0} instruments={1} bars={2} missing={3}")
    @CsvSource({"21, 41, 700, 0.05", "22, 45, 600, 0.05", "23, 64, 300, 0.2", "24, 8, 900, 0.01", "25, 40, 520, 0.5",
        // only the three gaps below: the first block turns gappy in a later chunk (history copied in)
        "26, 40, 900, 0.0"})
    void gapsStayInTheLanes(long seed, int instruments, int bars, double missing) {
        Panel base = RandomMarket.panel(seed, instruments, bars, new RandomMarket.Options(missing, missing > 0, true));
        double[][] c = {base.openColumn().clone(), base.highColumn().clone(), base.lowColumn().clone(),
            base.closeColumn().clone(), base.volumeColumn().clone()};
        // instrument 1 ends early, instrument 2 has no bar at all, instrument 3 loses one bar in the middle
        for (int t = 0; t < bars; t++) {
            for (int i : new int[] {1, 2, 3}) {
                if (i == 1 && t < bars - 40 || i == 3 && t != bars / 2) {
                    continue;
                }
                for (double[] col : c) {
                    col[t * instruments + i] = Double.NaN;
                }
            }
        }
        Panel panel = Panel.of(base.symbols(), base.timestampsMillis(), c[0], c[1], c[2], c[3], c[4]);
        try (SimdFeatureEngine e = new SimdFeatureEngine(2)) {
            compare(panel, e);
            assertThat(e.referenceBlocks()).as("blocks on the reference path").isZero();
        }
    }

    /**
     * Long gaps at the start: six instruments of the first block have no bar before bar 1,400, so
     * the first chunk of those lanes spans about 1,460 panel rows (written in several spans of the
     * scatter's map; written for the former list of missing cells, 2 × 64 × 32, that this overran);
     * the others keep 3 % scattered gaps. Every value equals cpu's, NaN at every missing bar, no
     * block on the reference path.
     */
    @Test
    void moreMissingBarsThanTheScatterNotes() {
        int instruments = 40;
        int bars = 1600;
        Panel base = RandomMarket.panel(31, instruments, bars, new RandomMarket.Options(0.03, true, true));
        double[][] c = {base.openColumn().clone(), base.highColumn().clone(), base.lowColumn().clone(),
            base.closeColumn().clone(), base.volumeColumn().clone()};
        for (int t = 0; t < 1400; t++) {
            for (int i = 4; i < 10; i++) {
                for (double[] col : c) {
                    col[t * instruments + i] = Double.NaN;
                }
            }
        }
        Panel panel = Panel.of(base.symbols(), base.timestampsMillis(), c[0], c[1], c[2], c[3], c[4]);
        try (SimdFeatureEngine e = new SimdFeatureEngine(1)) {
            compare(panel, e);
            assertThat(e.referenceBlocks()).as("blocks on the reference path").isZero();
        }
    }

    /**
     * Lanes far apart in one block of 256 (the gap path's width): 512 instruments, 700 bars, no
     * missing bar but these: one lane without bars 100 to 499 (its compact rows some 400 bars behind
     * its neighbours'), lanes missing the panel's first bars, its last bars, only bar 0, only the last
     * bar, every other bar for a stretch, the bars around the 64-row chunk edges of its compact rows,
     * and the block's first and last lanes missing bars; a lane of the second block missing all but its
     * last 3 bars. Every value equals cpu's, NaN at every missing bar, no block on the reference path.
     */
    @Test
    void lanesFarApart() {
        int instruments = 512;
        int bars = 700;
        Panel base = RandomMarket.panel(51, instruments, bars, new RandomMarket.Options(0.0, false, true));
        double[][] c = {base.openColumn().clone(), base.highColumn().clone(), base.lowColumn().clone(),
            base.closeColumn().clone(), base.volumeColumn().clone()};
        java.util.function.BiConsumer<Integer, Integer> drop = (t, i) -> {
            for (double[] col : c) {
                col[t * instruments + i] = Double.NaN;
            }
        };
        for (int t = 0; t < bars; t++) {
            if (t >= 100 && t < 500) {
                drop.accept(t, 3);
            }
            if (t < 10 || t >= bars - 5) {
                drop.accept(t, 40);
            }
            if (t >= 64 && t < 200 && t % 2 == 0) {
                drop.accept(t, 200);
            }
            if (t < bars - 3) {
                drop.accept(t, 300);
            }
        }
        drop.accept(0, 41);
        drop.accept(bars - 1, 42);
        for (int t : new int[] {62, 63, 64, 65, 127, 128, 129, 300, 301}) {
            drop.accept(t, 0);
            drop.accept(t, 255);
        }
        Panel panel = Panel.of(base.symbols(), base.timestampsMillis(), c[0], c[1], c[2], c[3], c[4]);
        for (int threads : new int[] {1, 2}) {
            try (SimdFeatureEngine e = new SimdFeatureEngine(threads)) {
                compare(panel, e);
                assertThat(e.referenceBlocks()).as("blocks on the reference path").isZero();
            }
        }
    }

    /**
     * Each unit of 32 instruments alone (a sub-panel, as a Spark task sees it) gets the same raw bits,
     * every column (logret and volatility included), as inside the whole panel, where its block of 256
     * takes the gap path for other units' missing bars and starts it at another chunk; a unit with an
     * invalid close in a gappy block takes the reference path alone (the other units of the block stay
     * on the lanes).
     */
    @Test
    void aUnitAloneEqualsTheUnitInAGappyBlock() {
        int instruments = 512;
        int bars = 600;
        Panel base = RandomMarket.panel(53, instruments, bars, new RandomMarket.Options(0.0, false, true));
        double[][] c = {base.openColumn().clone(), base.highColumn().clone(), base.lowColumn().clone(),
            base.closeColumn().clone(), base.volumeColumn().clone()};
        // gaps in units 0 (from bar 70) and 9 (from bar 400); unit 3 has an invalid close, unit 12 both
        for (int[] gap : new int[][] {{70, 5}, {71, 5}, {300, 20}, {400, 300}, {450, 301}, {200, 390}}) {
            for (double[] col : c) {
                col[gap[0] * instruments + gap[1]] = Double.NaN;
            }
        }
        c[3][250 * instruments + 100] = 0.0;
        c[3][500 * instruments + 395] = -2.0;
        Panel panel = Panel.of(base.symbols(), base.timestampsMillis(), c[0], c[1], c[2], c[3], c[4]);
        try (SimdFeatureEngine e = new SimdFeatureEngine(1)) {
            FeatureTable whole = e.compute(panel, FEATURES);
            assertThat(e.referenceBlocks()).as("units on the reference path").isEqualTo(2);
            compare(panel, e);
            for (int first = 0; first < instruments; first += LaneBlock.UNIT) {
                Panel unit = panel.instruments(first, LaneBlock.UNIT);
                FeatureTable alone = e.compute(unit, FEATURES);
                for (int col = 0; col < FEATURES.columns(); col++) {
                    double[] a = alone.column(col);
                    double[] w = whole.column(col);
                    for (int t = 0; t < bars; t++) {
                        for (int j = 0; j < LaneBlock.UNIT; j++) {
                            long x = Double.doubleToRawLongBits(a[t * LaneBlock.UNIT + j]);
                            long y = Double.doubleToRawLongBits(w[t * instruments + first + j]);
                            if (x != y) {
                                throw new AssertionError(FEATURES.columnNames().get(col) + " instrument "
                                        + (first + j) + " bar " + t + ": alone " + a[t * LaneBlock.UNIT + j]
                                        + " in the panel " + w[t * instruments + first + j]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void subPanelViews() {
        Panel base = RandomPanels.of(77, 50, 600, true);
        compare(base.instruments(5, 37).bars(20, 500), 2);
        compare(base.instruments(9, 1), 2);
        compare(RandomPanels.of(78, 50, 600, false).instruments(3, 41).bars(1, 590), 2);
        compare(RandomPanels.of(79, 5, 900, false).instruments(2, 1), 1);
    }

    @Test
    void invalidPricesTakeTheReferencePath() {
        Panel base = RandomPanels.of(91, 40, 300, false);
        double[] close = base.closeColumn().clone();
        close[100 * 40 + 3] = 0.0;
        close[150 * 40 + 35] = Double.POSITIVE_INFINITY;
        close[200 * 40 + 12] = -1.0;
        Panel p = Panel.of(base.symbols(), base.timestampsMillis(), base.openColumn(), base.highColumn(),
                base.lowColumn(), close, base.volumeColumn());
        compare(p, 2);
        double[] one = new double[300];
        for (int t = 0; t < 300; t++) {
            one[t] = close[t * 40 + 3];
        }
        compare(Panel.of(java.util.List.of("Z"), base.timestampsMillis(), one.clone(), one.clone(), one.clone(),
                one, one.clone()), 1);
    }

    /**
     * One series (N = 1) with one missing or invalid close (at the start, at a chunk edge of the
     * volatility kernel, in the middle, or only the last bar): the kernels' own check sends it to the
     * reference path, so every column is exactly the reference path's (raw bits), also when the
     * output table still holds a valid series' values and whichever kernel runs first.
     */
    @ParameterizedTest(name = "set={0}")
    @CsvSource(delimiter = ';', value = {"rsi(14),ema(20),volatility(20),momentum(10),logret(1),sma(20)", "volatility(20)",
        "ema(20)", "rsi(14)", "momentum(10)", "logret(1)", "sma(20),volatility(2)"})
    void oneSeriesWithAnInvalidCloseIsExactlyTheReferencePath(String features) {
        FeatureSet set = FeatureSet.parse(features);
        Panel valid = RandomPanels.of(41, 1, 5000, false);
        int bars = valid.bars();
        try (SimdFeatureEngine simd = new SimdFeatureEngine(1)) {
            FeatureTable out = FeatureTable.allocate(set, valid);
            for (int at : new int[] {0, 1, 20 + 2048, bars / 2, bars - 1}) {
                for (double bad : new double[] {Double.NaN, 0.0, -0.0, -3.0, Double.POSITIVE_INFINITY}) {
                    double[][] cols = {valid.openColumn().clone(), valid.highColumn().clone(),
                        valid.lowColumn().clone(), valid.closeColumn().clone(), valid.volumeColumn().clone()};
                    if (Double.isNaN(bad)) {
                        for (double[] col : cols) {
                            col[at] = Double.NaN; // a missing bar
                        }
                    } else {
                        cols[3][at] = bad;
                    }
                    Panel p = Panel.of(valid.symbols(), valid.timestampsMillis(), cols[0], cols[1], cols[2], cols[3], cols[4]);
                    simd.computeInto(valid, set, out); // the kernels' values first, then the invalid series over them
                    simd.computeInto(p, set, out);
                    FeatureTable want = FeatureTable.allocate(set, p);
                    new io.vectrade.feature.cpu.CpuInstrumentPath().compute(p, 0, 1, set, null, want);
                    for (int c = 0; c < set.columns(); c++) {
                        double[] a = out.column(c);
                        double[] b = want.column(c);
                        for (int t = 0; t < bars; t++) {
                            assertThat(Double.doubleToRawLongBits(a[t])).as("%s at=%d bad=%s t=%d: %s vs %s",
                                    set.columnNames().get(c), at, bad, t, a[t], b[t])
                                    .isEqualTo(Double.doubleToRawLongBits(b[t]));
                        }
                    }
                }
            }
        }
    }

    @Test
    void shortPanelsAreAllWarmUp() {
        compare(RandomPanels.of(5, 9, 12, false), 2);
        compare(RandomPanels.of(6, 1, 30, false), 1);
    }

    @Test
    void flatStretchGivesZeroVolatilityAndZscore() {
        int bars = 60;
        double[] close = new double[bars];
        for (int t = 0; t < bars; t++) {
            close[t] = t < 30 ? 100 + Math.sin(t) : 50.0;
        }
        for (int instruments : new int[] {1, 9}) {
            double[] col = new double[bars * instruments];
            for (int t = 0; t < bars; t++) {
                Arrays.fill(col, t * instruments, (t + 1) * instruments, close[t]);
            }
            long[] ts = new long[bars];
            Arrays.setAll(ts, t -> t);
            List<String> syms = new ArrayList<>();
            for (int i = 0; i < instruments; i++) {
                syms.add("X" + i);
            }
            Panel p = Panel.of(syms, ts, col.clone(), col.clone(), col.clone(), col.clone(), col.clone());
            FeatureSet set = FeatureSet.parse("volatility(20),zscore(20)");
            try (SimdFeatureEngine simd = new SimdFeatureEngine(2)) {
                FeatureTable out = simd.compute(p, set);
                // returns are 0 from bar 31 on: the 20-return window at bar 50 is flat
                for (int t = 50; t < bars; t++) {
                    assertThat(out.value(0, t, instruments - 1)).isEqualTo(0.0);
                }
                for (int t = 49; t < bars; t++) {
                    assertThat(out.value(1, t, 0)).isEqualTo(0.0);
                }
                assertThat(out.value(0, 49, 0)).isGreaterThan(0.0);
            }
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Panel panel = RandomPanels.of(4242, 1013, 300, true); // 31 blocks of 32 and one of 21 (overlapping vectors)
        FeatureTable one;
        try (SimdFeatureEngine e = new SimdFeatureEngine(1)) {
            one = e.compute(panel, FEATURES);
        }
        for (int threads : new int[] {2, 3, 8}) {
            try (SimdFeatureEngine e = new SimdFeatureEngine(threads)) {
                FeatureTable many = FeatureTable.allocate(FEATURES, panel);
                e.computeInto(panel, FEATURES, many);
                e.computeInto(panel, FEATURES, many); // a repeated call on the same buffers
                for (int s = 0; s < FEATURES.size(); s++) {
                    FeatureType type = FEATURES.spec(s).type();
                    for (int c = FEATURES.firstColumn(s); c < FEATURES.firstColumn(s) + type.outputs(); c++) {
                        String name = FEATURES.columnNames().get(c) + " threads=" + threads;
                        if (type == FeatureType.LOGRET || type == FeatureType.VOLATILITY) {
                            // vector LOG: SVML once C2 compiled the caller, Java code before (design.md,
                            // determinism): a cold and a warm call may differ by an ulp of a return
                            double[] a = one.column(c);
                            double[] b = many.column(c);
                            for (int k = 0; k < a.length; k++) {
                                assertThat(Math.abs(a[k] - b[k]) <= 1e-11 * Math.abs(a[k]) + 1e-18
                                        || Double.doubleToRawLongBits(a[k]) == Double.doubleToRawLongBits(b[k]))
                                        .as("%s at %d: %s vs %s", name, k, a[k], b[k]).isTrue();
                            }
                        } else {
                            assertThat(Arrays.equals(one.column(c), many.column(c))).as(name).isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void rejectsATableOfAnotherShape() {
        Panel panel = RandomPanels.of(1, 10, 50, false);
        FeatureSet set = FeatureSet.parse("rsi");
        try (SimdFeatureEngine e = new SimdFeatureEngine(2)) {
            assertThatThrownBy(() -> e.computeInto(panel, set, FeatureTable.allocate(set, 49, 10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
        }
        assertThatThrownBy(() -> new SimdFeatureEngine(0)).hasMessageContaining("threads=0");
    }

    /** {@code n} ulps of each cpu value: the vector LOG and StrictMath.log are each within 1 ulp. */
    private static double[] ulps(double[] cpu, int n) {
        double[] tol = new double[cpu.length];
        for (int k = 0; k < cpu.length; k++) {
            tol[k] = n * Math.ulp(cpu[k]);
        }
        return tol;
    }

    /** {@code relative} times the larger of the value and the column's largest finite magnitude. */
    private static double[] scaled(double[] cpu, double relative) {
        double scale = 0;
        for (double v : cpu) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double[] tol = new double[cpu.length];
        for (int k = 0; k < cpu.length; k++) {
            tol[k] = relative * Math.max(scale, Math.abs(cpu[k]));
        }
        return tol;
    }

    /**
     * Twice each engine's accuracy against exact window moments (SimdVersusReferenceTest: 5e-12 of
     * the value plus 1e-14 of the window's largest |log return|): the lanes' log returns (vector
     * LOG, from SVML once C2 has compiled the caller) and cpu's (StrictMath.log) may differ by an ulp, and
     * the anchored moments' S2 - S1^2 / n may cancel up to 1e4-fold, so an ulp of a return can move
     * the sd by a few 1e-13 relative (measured: 1.2e-13 for volatility(2)); on the N = 1 path the
     * arithmetic differs (two passes per window).
     */
    private static double[] volatilityTolerance(Panel panel, int n, double[] cpu, boolean single) {
        int bars = panel.bars();
        int instruments = panel.instruments();
        double[] tol = new double[bars * instruments];
        for (int i = 0; i < instruments; i++) {
            double[] c = RandomPanels.closes(panel, i);
            int k = 0;
            for (int t = 0; t < bars; t++) {
                if (panel.isMissing(t, i)) {
                    continue;
                }
                double largest = 0;
                for (int j = Math.max(1, k - n + 1); j <= k; j++) {
                    largest = Math.max(largest, Math.abs(Math.log(c[j] / c[j - 1])));
                }
                int x = t * instruments + i;
                tol[x] = 1e-11 * Math.abs(cpu[x]) + 2e-14 * largest;
                k++;
            }
        }
        return tol;
    }

    private static void compare(Panel panel, int threads) {
        try (SimdFeatureEngine e = new SimdFeatureEngine(threads)) {
            compare(panel, e);
        }
    }

    private static void compare(Panel panel, SimdFeatureEngine e) {
        FeatureTable cpu = new CpuFeatureEngine().compute(panel, FEATURES);
        FeatureTable simd = e.compute(panel, FEATURES);
        boolean single = panel.instruments() == 1;
        for (int s = 0; s < FEATURES.size(); s++) {
            FeatureSpec spec = FEATURES.spec(s);
            for (int c = FEATURES.firstColumn(s); c < FEATURES.firstColumn(s) + spec.type().outputs(); c++) {
                String name = FEATURES.columnNames().get(c) + " " + panel;
                double[] a = simd.column(c);
                double[] b = cpu.column(c);
                double[] tolerance = switch (spec.type()) {
                    case VOLATILITY -> volatilityTolerance(panel, spec.intParam(0), b, single);
                    case LOGRET -> ulps(b, 2);
                    case RSI, EMA -> single ? scaled(b, 1e-12) : null;
                    default -> null;
                };
                for (int k = 0; k < a.length; k++) {
                    boolean same = Double.doubleToRawLongBits(a[k]) == Double.doubleToRawLongBits(b[k]);
                    if (!same && !(tolerance != null && Math.abs(a[k] - b[k]) <= tolerance[k])) {
                        throw new AssertionError(name + " differs at bar=" + k / panel.instruments()
                                + " instrument=" + k % panel.instruments() + " simd=" + a[k] + " cpu=" + b[k]
                                + (tolerance == null ? " (bit for bit)" : " tolerance=" + tolerance[k]));
                    }
                }
            }
        }
        assertThat(FEATURES.specs().stream().map(FeatureSpec::type).distinct().count())
                .isEqualTo(FeatureType.values().length);
    }
}
