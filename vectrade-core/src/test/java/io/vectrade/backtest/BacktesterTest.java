package io.vectrade.backtest;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BacktesterTest {
    private static final double NaN = Double.NaN;

    /** Two instruments, four bars; B has no bar 3, so it is delisted after bar 2. */
    private static Panel small() {
        double[] close = {100, 50, 110, 50, 99, 55, 99, NaN};
        double[] open = {100, 50, 105, 52, 100, 54, 98, NaN};
        return Panel.of(List.of("A", "B"), new long[]{0, 86_400_000L, 2 * 86_400_000L, 3 * 86_400_000L},
                open, close.clone(), close.clone(), close, new double[]{1, 1, 1, 1, 1, 1, 1, NaN});
    }

    private static final double[] SMALL_WEIGHTS = {0.5, -0.5, 0.5, -0.5, 1.0, -0.5, 0.0, 0.3};

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void closeExecutionMatchesTheHandComputation(Backend backend) {
        Panel p = small();
        BacktestResult r = new Backtester(4, 2, backend).run(p, SMALL_WEIGHTS,
                new BacktestConfig(Execution.CLOSE, new Costs(10, 0, 0), 252));
        // bar 0: buy 0.5 A, short 0.5 B: turnover 1, cost 10 bp of it
        double e0 = 1 - 0.001;
        // bar 1: A +10 %, B flat; gross 0.05; drifted A 0.55/1.05, B -0.5/1.05; back to +-0.5 trades 0.05/1.05
        double t1 = 0.05 / 1.05;
        double e1 = e0 * 1.05 * (1 - 0.001 * t1);
        // bar 2: A -10 %, B +10 %: gross -0.1; drifted A 0.45/0.9 = 0.5, B -0.55/0.9; A to 1.0, B (delisted) to 0
        double t2 = 0.5 + 0.55 / 0.9;
        double e2 = e1 * 0.9 * (1 - 0.001 * t2);
        // bar 3: A unchanged; close A (weight 0): turnover 1; B has no bar
        double e3 = e2 * (1 - 0.001);
        assertArrayEquals(new double[]{0, 0.05, -0.1, 0}, r.grossReturn(), 1e-15);
        assertArrayEquals(new double[]{1, t1, t2, 1}, r.turnover(), 1e-15);
        assertArrayEquals(new double[]{e0, e1, e2, e3}, r.equity(), 1e-15);
        assertArrayEquals(new double[]{e0 - 1, e1 / e0 - 1, e2 / e1 - 1, e3 / e2 - 1}, r.netReturn(), 1e-15);
        assertArrayEquals(new double[]{1, 1, 1, 0}, r.grossExposure(), 1e-15);
        assertArrayEquals(new double[]{0, 0, 1, 0}, r.netExposure(), 1e-15);
        assertArrayEquals(new int[]{1, 1, 1, 0}, r.longCount());
        assertArrayEquals(new int[]{1, 1, 0, 0}, r.shortCount());
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void nextOpenExecutionMatchesTheHandComputation(Backend backend) {
        Panel p = small();
        BacktestResult r = new Backtester(4, 2, backend).run(p, SMALL_WEIGHTS,
                new BacktestConfig(Execution.NEXT_OPEN, Costs.NONE, 252));
        // bar 0: nothing held, decision recorded
        // bar 1: trade to (0.5, -0.5) at the open (105, 52), then to the close (110, 50)
        double g1 = 0.5 * (110.0 / 105 - 1) - 0.5 * (50.0 / 52 - 1);
        // bar 2: close 1 -> open 2 on the drifted book, trade to (0.5, -0.5) at the open, then to the close;
        // B closes (delisted) at its close of bar 2
        double a = 0.5 * 110 / 105, b = -0.5 * 50 / 52;
        double hA = a / (1 + g1), hB = b / (1 + g1);
        double gOpen = hA * (100.0 / 110 - 1) + hB * (54.0 / 50 - 1);
        double gClose = 0.5 * (99.0 / 100 - 1) - 0.5 * (55.0 / 54 - 1);
        double g2 = (1 + gOpen) * (1 + gClose) - 1;
        // bar 3: open 3 trades A to 1.0 (decision of bar 2) at 98, then to the close 99
        double hA2 = 0.5 * 0.99 / (1 + gClose);
        double gOpen3 = hA2 * (98.0 / 99 - 1);
        double g3 = (1 + gOpen3) * (1 + 1.0 * (99.0 / 98 - 1)) - 1;
        assertArrayEquals(new double[]{0, g1, g2, g3}, r.grossReturn(), 1e-14);
        assertArrayEquals(new double[]{0, g1, g2, g3}, r.netReturn(), 1e-14);
        double bDrift = 0.5 * (55.0 / 54) / (1 + gClose);
        double openTrade = Math.abs(0.5 - hA * (100.0 / 110) / (1 + gOpen)) + Math.abs(-0.5 - hB * (54.0 / 50) / (1 + gOpen));
        assertEquals(openTrade + bDrift, r.turnover()[2], 1e-14);
        assertArrayEquals(new double[]{0, (a - b) / (1 + g1), 0.5 * 0.99 / (1 + gClose), 1}, r.grossExposure(), 1e-14);
    }

    @Test
    void borrowIsChargedOnShortsPerBar() {
        Panel p = small();
        double[] w = {0, -1, 0, -1, 0, 0, 0, 0};
        BacktestResult r = new Backtester(4, 2).run(p, w, new BacktestConfig(Execution.CLOSE, new Costs(0, 0, 252), 252));
        // 252 bp a year over 252 bars a year: 1 bp of the short notional per bar
        assertEquals(0, r.borrow()[0]);
        assertEquals(1e-4, r.borrow()[1], 1e-18);
        assertEquals(1e-4, r.borrow()[2], 1e-18);
        assertEquals(-1e-4, r.netReturn()[1], 1e-15);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void agreesWithTheSharesAndCashReference(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 2 + rnd.nextInt(7);
        int bars = 20 + rnd.nextInt(60);
        Panel p = delist(RandomMarket.panel(seed, n, bars, 0.1), rnd);
        double[] w = randomWeights(rnd, bars, n);
        for (Execution ex : Execution.values()) {
            Costs costs = new Costs(rnd.nextInt(30), rnd.nextInt(10), rnd.nextInt(500));
            double[] ref = ReferenceBacktest.equity(p, w, ex, costs, 252);
            for (Backend backend : new Backend[]{Backend.CPU, Backend.SIMD}) {
                BacktestResult r = new Backtester(bars, n, backend).run(p, w, new BacktestConfig(ex, costs, 252));
                assertArrayEquals(ref, r.equity(), 1e-12, () -> backend + " " + ex + " seed " + seed);
            }
        }
    }

    /**
     * No look-ahead: new prices and weights after bar t (the listing calendar kept) leave every output of bars
     * 0..t unchanged, bit for bit.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void barsAfterTChangeNothingUpToT(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(12);
        int bars = 10 + rnd.nextInt(80);
        Panel p = delist(RandomMarket.panel(seed, n, bars, 0.05), rnd);
        double[] w = randomWeights(rnd, bars, n);
        int cut = rnd.nextInt(bars);
        Panel other = RandomMarket.panel(seed + 1000, n, bars, 0);
        double[][] cols = {p.openColumn().clone(), p.highColumn().clone(), p.lowColumn().clone(),
                p.closeColumn().clone(), p.volumeColumn().clone()};
        double[][] src = {other.openColumn(), other.highColumn(), other.lowColumn(), other.closeColumn(), other.volumeColumn()};
        double[] w2 = w.clone();
        for (int t = cut + 1; t < bars; t++) {
            for (int i = 0; i < n; i++) {
                int r = t * n + i;
                if (!Double.isNaN(cols[3][r])) {
                    for (int c = 0; c < 5; c++) {
                        cols[c][r] = src[c][r];
                    }
                }
                w2[r] = rnd.nextDouble() - 0.5;
            }
        }
        Panel changed = Panel.of(p.symbols(), p.timestampsMillis(), cols[0], cols[1], cols[2], cols[3], cols[4]);
        for (Backend backend : new Backend[]{Backend.CPU, Backend.SIMD}) {
            for (Execution ex : Execution.values()) {
                BacktestConfig cfg = new BacktestConfig(ex, new Costs(5, 2, 100), 252);
                BacktestResult a = new Backtester(bars, n, backend).run(p, w, cfg);
                double[][] before = columns(a);
                BacktestResult b = new Backtester(bars, n, backend).run(changed, w2, cfg);
                double[][] after = columns(b);
                for (int k = 0; k < before.length; k++) {
                    for (int t = 0; t <= cut; t++) {
                        assertEquals(Double.doubleToRawLongBits(before[k][t]), Double.doubleToRawLongBits(after[k][t]),
                                backend + " " + ex + " column " + k + " bar " + t + " cut " + cut);
                    }
                }
            }
        }
    }

    @Test
    void aReusedBacktesterGivesTheSameResult() {
        SplittableRandom rnd = new SplittableRandom(7);
        Panel p = RandomMarket.panel(7, 5, 50, 0.1);
        double[] w = randomWeights(rnd, 50, 5);
        BacktestConfig cfg = new BacktestConfig(Execution.CLOSE, new Costs(5, 0, 0), 252);
        Backtester bt = new Backtester(50, 5);
        double[] first = bt.run(p, w, cfg).equity().clone();
        bt.run(p, randomWeights(rnd, 50, 5), cfg);
        assertArrayEquals(first, bt.run(p, w, cfg).equity(), 0);
    }

    /**
     * The simd kernel against the scalar reference on random panels with gaps (10 % of bars missing), late
     * starts, flat stretches and delistings, instrument counts below, at and around the vector length, random costs and borrow: equity and
     * gross equity within a relative 1e-12, the per-bar returns, turnover, costs and exposures within 1e-12
     * absolute, the long and short counts equal.
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32})
    void simdEqualsTheReferenceWithinRounding(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(45);
        int bars = 20 + rnd.nextInt(250);
        Panel p = delist(RandomMarket.panel(seed, n, bars, new RandomMarket.Options(0.1, true, true)), rnd);
        double[] w = randomWeights(rnd, bars, n);
        // some bars hold the whole book in one instrument, so costs and carried positions matter
        for (int t = 0; t < bars; t += 7) {
            w[t * n + rnd.nextInt(n)] = rnd.nextDouble() < 0.5 ? 1.5 : -1.5;
        }
        assertSimdMatchesReference(p, w, bars, n, new Costs(rnd.nextInt(40), rnd.nextInt(10), rnd.nextInt(800)), seed);
    }

    /** Leverage that wipes the book out: both kernels stop at zero equity on the same bar, on both executions. */
    @Test
    void simdEqualsTheReferenceWhenEquityIsWipedOut() {
        SplittableRandom rnd = new SplittableRandom(40);
        int n = 13;
        int bars = 120;
        Panel p = delist(RandomMarket.panel(40, n, bars, 0.1), rnd);
        double[] w = new double[bars * n];
        for (int r = 0; r < w.length; r++) {
            w[r] = (rnd.nextDouble() - 0.5) * 60;
        }
        for (Execution ex : Execution.values()) {
            BacktestResult ref = new Backtester(bars, n).run(p, w, new BacktestConfig(ex, Costs.NONE, 252));
            assertEquals(0, ref.equity()[bars - 1], "the reference is wiped out, " + ex);
        }
        assertSimdMatchesReference(p, w, bars, n, new Costs(10, 0, 100), 40);
    }

    private static void assertSimdMatchesReference(Panel p, double[] w, int bars, int n, Costs costs, long seed) {
        for (Execution ex : Execution.values()) {
            assertSimdMatchesReference(p, w, bars, n, new BacktestConfig(ex, costs, 252), seed);
        }
    }

    private static void assertSimdMatchesReference(Panel p, double[] w, int bars, int n, BacktestConfig cfg, long seed) {
        Backtester simd = new Backtester(bars, n, Backend.SIMD);
        assertEquals(Backend.SIMD, simd.backend());
        BacktestResult r = new Backtester(bars, n).run(p, w, cfg);
        double[][] ref = columns(r);
        double[][] got = columns(simd.run(p, w, cfg));
        String[] names = {"grossReturn", "netReturn", "equity", "grossEquity", "turnover", "cost", "borrow",
                "grossExposure", "netExposure", "longCount", "shortCount"};
        for (int k = 0; k < ref.length; k++) {
            for (int t = 0; t < bars; t++) {
                double a = ref[k][t];
                double b = got[k][t];
                double tol = switch (names[k]) {
                    case "equity", "grossEquity" -> 1e-12 * Math.abs(a);
                    case "longCount", "shortCount" -> 0;
                    default -> 1e-12;
                };
                assertEquals(a, b, tol, cfg.execution() + " " + names[k] + " bar " + t + " seed " + seed);
            }
        }
    }

    /** Steady state: a run allocates nothing on the calling thread (the only thread it uses), on both backends. */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void aRunAllocatesNothing(Backend backend) {
        SplittableRandom rnd = new SplittableRandom(9);
        Panel p = delist(RandomMarket.panel(9, 50, 300, 0.05), rnd);
        double[] w = randomWeights(rnd, 300, 50);
        Backtester bt = new Backtester(300, 50, backend);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (Execution ex : Execution.values()) {
            BacktestConfig cfg = new BacktestConfig(ex, new Costs(5, 1, 50), 252);
            // warm-up until compiled: a deoptimisation in the first calls can materialise an object the
            // compiler had scalar-replaced, which the counter sees; then a fixed window of 100 runs
            for (int k = 0; k < 2_000; k++) {
                bt.run(p, w, cfg);
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < 100; k++) {
                bt.run(p, w, cfg);
            }
            long after = mx.getCurrentThreadAllocatedBytes();
            assertEquals(0, after - before, backend + " " + ex.id());
        }
    }

    @Test
    void refusesAMismatchedShape() {
        Panel p = small();
        assertThrows(IllegalArgumentException.class, () -> new Backtester(3, 2).run(p, SMALL_WEIGHTS,
                BacktestConfig.frictionless()));
        assertThrows(IllegalArgumentException.class, () -> new Backtester(4, 2).run(p, new double[7],
                BacktestConfig.frictionless()));
        assertThrows(IllegalArgumentException.class, () -> new Costs(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Execution.parse("noon"));
    }

    private static double[][] columns(BacktestResult r) {
        double[] lc = new double[r.bars()];
        double[] sc = new double[r.bars()];
        for (int t = 0; t < r.bars(); t++) {
            lc[t] = r.longCount()[t];
            sc[t] = r.shortCount()[t];
        }
        return new double[][]{r.grossReturn().clone(), r.netReturn().clone(), r.equity().clone(),
                r.grossEquity().clone(), r.turnover().clone(), r.cost().clone(), r.borrow().clone(),
                r.grossExposure().clone(), r.netExposure().clone(), lc, sc};
    }

    static double[] randomWeights(SplittableRandom rnd, int bars, int n) {
        double[] w = new double[bars * n];
        for (int r = 0; r < w.length; r++) {
            double u = rnd.nextDouble();
            w[r] = u < 0.3 ? 0 : u < 0.32 ? Double.NaN : (rnd.nextDouble() - 0.5) * 2.0 / n;
        }
        return w;
    }

    /** Ends some instruments early (NaN to the last bar): delistings. */
    static Panel delist(Panel p, SplittableRandom rnd) {
        int n = p.instruments();
        int bars = p.bars();
        double[][] cols = {p.openColumn().clone(), p.highColumn().clone(), p.lowColumn().clone(),
                p.closeColumn().clone(), p.volumeColumn().clone()};
        for (int i = 0; i < n; i++) {
            if (rnd.nextDouble() < 0.4) {
                int end = 1 + rnd.nextInt(bars - 1);
                for (int t = end; t < bars; t++) {
                    for (double[] c : cols) {
                        c[t * n + i] = Double.NaN;
                    }
                }
            }
        }
        return Panel.of(p.symbols(), p.timestampsMillis(), cols[0], cols[1], cols[2], cols[3], cols[4]);
    }
}
