package io.vectrade.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PortfolioMetricsTest {
    private static final double[] NET = {0.1, -0.05, 0.02, -0.1, 0.05};
    private static final double[] GROSS = {0.101, -0.049, 0.021, -0.099, 0.051};
    private static final double[] TURNOVER = {1, 0.5, 0.2, 0.4, 0.1};

    /** Expected values worked out by hand (Python's statistics module for the sd, formulas in docs/evaluation.md). */
    @Test
    void fiveBarsMatchTheHandComputation() {
        PortfolioMetrics m = PortfolioMetrics.of(NET, GROSS, TURNOVER, 0, 5, 252);
        assertEquals(5, m.bars());
        assertEquals(1.1 * 0.95 * 1.02 * 0.9 * 1.05 - 1, m.totalReturn(), 1e-15);
        assertEquals(0.00727549999999999, m.totalReturn(), 1e-15);
        assertEquals(0.4410294092374143, m.annualReturn(), 1e-12);
        assertEquals(1.2629964370496063, m.annualVolatility(), 1e-12);
        assertEquals(0.7981020139334006, m.sharpe(), 1e-12);
        assertEquals(1.2699606293110035, m.sortino(), 1e-12);
        // peak 1.1 after bar 0; trough 1.1 * 0.95 * 1.02 * 0.9 after bar 3
        assertEquals(0.95 * 1.02 * 0.9 - 1, m.maxDrawdown(), 1e-15);
        assertEquals(4, m.maxDrawdownBars());
        assertEquals(3.44823619419401, m.calmar(), 1e-12);
        assertEquals(3.0 / 5, m.hitRate(), 0);
        assertEquals(2.2 / 5, m.turnoverPerBar(), 1e-15);
        assertEquals(2.2 / 5 * 252, m.turnoverPerYear(), 1e-12);
        assertEquals(0.2519999999999998, m.costDrag(), 1e-12);
    }

    @Test
    void aSubRangeUsesOnlyItsBars() {
        PortfolioMetrics m = PortfolioMetrics.of(NET, GROSS, TURNOVER, 1, 3, 12);
        assertEquals(0.95 * 1.02 - 1, m.totalReturn(), 1e-15);
        assertEquals(Math.pow(0.95 * 1.02, 12.0 / 2) - 1, m.annualReturn(), 1e-13);
        assertEquals(0.5, m.hitRate(), 0);
        assertEquals(2, m.maxDrawdownBars());  // 0.95, then 0.969: both below the starting 1
        assertThrows(IllegalArgumentException.class, () -> PortfolioMetrics.of(NET, GROSS, TURNOVER, 3, 3, 252));
        assertThrows(IllegalArgumentException.class, () -> PortfolioMetrics.of(NET, GROSS, TURNOVER, 0, 6, 252));
    }

    @Test
    void noLossesMeansNoSortinoNorCalmar() {
        double[] up = {0.01, 0.02, 0.0, 0.03};
        PortfolioMetrics m = PortfolioMetrics.of(up, up, new double[4], 0, 4, 252);
        assertEquals(Double.NaN, m.sortino());
        assertEquals(Double.NaN, m.calmar());
        assertEquals(0, m.maxDrawdown());
        assertEquals(0, m.maxDrawdownBars());
        assertEquals(1.0, m.hitRate());
    }

    /**
     * empyrical's definitions, written out here independently (two-pass moments, drawdown by an O(n²) scan of
     * every earlier peak including the starting value).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void matchesEmpyricalDefinitionsOnRandomReturns(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 30 + rnd.nextInt(300);
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = rnd.nextGaussian() * 0.02 + 0.0003;
        }
        double ppy = new double[]{252, 52, 12, 365}[rnd.nextInt(4)];
        PortfolioMetrics m = PortfolioMetrics.of(r, r, new double[n], 0, n, ppy);

        double sum = 0;
        for (double x : r) {
            sum += x;
        }
        double mean = sum / n;
        double var = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(var / (n - 1));                                     // np.nanstd(ddof=1)
        double sharpe = mean / std * Math.sqrt(ppy);                               // empyrical.sharpe_ratio
        double down = 0;
        for (double x : r) {
            down += Math.pow(Math.min(x, 0), 2);
        }
        double downsideRisk = Math.sqrt(down / n) * Math.sqrt(ppy);                // empyrical.downside_risk
        double sortino = mean * ppy / downsideRisk;                                // empyrical.sortino_ratio
        double ending = 1;
        for (double x : r) {
            ending *= 1 + x;
        }
        double annual = Math.pow(ending, 1 / (n / ppy)) - 1;                       // empyrical.annual_return
        double[] cum = new double[n + 1];
        cum[0] = 100;
        for (int k = 0; k < n; k++) {
            cum[k + 1] = cum[k] * (1 + r[k]);
        }
        double mdd = 0;
        for (int k = 0; k <= n; k++) {
            double peak = 0;
            for (int j = 0; j <= k; j++) {
                peak = Math.max(peak, cum[j]);
            }
            mdd = Math.min(mdd, (cum[k] - peak) / peak);                           // empyrical.max_drawdown
        }
        assertEquals(sharpe, m.sharpe(), 1e-9);
        assertEquals(std * Math.sqrt(ppy), m.annualVolatility(), 1e-12);           // empyrical.annual_volatility
        assertEquals(sortino, m.sortino(), 1e-9);
        assertEquals(annual, m.annualReturn(), 1e-9);
        assertEquals(mdd, m.maxDrawdown(), 1e-12);
        assertEquals(annual / Math.abs(mdd), m.calmar(), 1e-8);                    // empyrical.calmar_ratio
    }

    @Test
    void periodsPerYearFromTheBarInterval() {
        long day = 86_400_000L;
        assertEquals(252, Annualisation.periodsPerYear(new long[]{0, day, 2 * day, 5 * day, 6 * day}));
        assertEquals(52, Annualisation.periodsPerYear(new long[]{0, 7 * day, 14 * day}));
        assertEquals(12, Annualisation.periodsPerYear(new long[]{0, 31 * day, 59 * day, 90 * day}));
        // one-minute bars around the clock: 525,960 a year
        long[] minutes = new long[1001];
        for (int k = 0; k < minutes.length; k++) {
            minutes[k] = k * 60_000L;
        }
        assertEquals(365.25 * 24 * 60, Annualisation.periodsPerYear(minutes), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Annualisation.periodsPerYear(new long[]{0}));
    }
}
