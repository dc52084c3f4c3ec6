package io.vectrade.evaluation.report;

import io.vectrade.backtest.BacktestConfig;
import io.vectrade.backtest.BacktestResult;
import io.vectrade.backtest.Backtester;
import io.vectrade.backtest.Costs;
import io.vectrade.data.Panel;
import io.vectrade.evaluation.PortfolioMetrics;
import io.vectrade.evaluation.SignalQuality;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a backtest report shows, over the evaluated bars {@code [from, T)}. Immutable apart from the
 * arrays, which callers must not change.
 *
 * @param title          what was tested (source, model, policy)
 * @param symbols        instruments
 * @param timestamps     bar timestamps (epoch ms)
 * @param config         execution, the first cost level's costs, bars per year
 * @param from           first evaluated bar
 * @param runs           one backtest per commission level, in the order given
 * @param benchmark      the equal-weight universe (every instrument with a price, rebalanced each bar, no costs)
 * @param benchmarkEquity its equity per bar, 1 before {@code from}
 * @param longLeg        the positive weights alone, at the first cost level
 * @param shortLeg       the negative weights alone, at the first cost level
 * @param quality        signal quality per horizon (empty without scores)
 */
public record Evaluation(String title, List<String> symbols, long[] timestamps, BacktestConfig config, int from,
                         List<Run> runs, PortfolioMetrics benchmark, double[] benchmarkEquity,
                         PortfolioMetrics longLeg, PortfolioMetrics shortLeg, List<SignalQuality> quality) {

    /** Horizons of the signal quality. */
    public static final int[] HORIZONS = {1, 5, 20};

    /**
     * One backtest.
     *
     * @param costs    its costs
     * @param metrics  over {@code [from, T)}
     * @param equity   net equity per bar, rebased to 1 before {@code from}
     * @param drawdown {@code equity / running peak - 1} per bar
     * @param turnover turnover per bar
     * @param netReturn net return per bar
     * @param grossExposure gross exposure per bar
     */
    public record Run(Costs costs, PortfolioMetrics metrics, double[] equity, double[] drawdown, double[] turnover,
                      double[] netReturn, double[] grossExposure) {
    }

    /**
     * Runs the report's backtests of {@code weights} (time-major T × N) and, when {@code scores} is not null, the
     * signal quality at {@link #HORIZONS} with {@code quantiles} quantiles (at most one per instrument).
     *
     * @param commissionBps one backtest per level; the first is the reference for the legs
     * @param from          first evaluated bar (-1: the first bar with a non-zero weight)
     */
    public static Evaluation run(String title, Panel panel, double[] weights, double[] scores, BacktestConfig config,
                                 List<Double> commissionBps, int from, int quantiles) {
        int bars = panel.bars();
        int n = panel.instruments();
        if (commissionBps.isEmpty()) {
            throw new IllegalArgumentException("give at least one --cost-bps");
        }
        int start = from >= 0 ? from : firstPosition(weights, bars, n);
        if (start >= bars - 1) {
            throw new IllegalArgumentException("nothing to evaluate: no position before the last bar, first=" + start
                    + " bars=" + bars);
        }
        double ppy = config.periodsPerYear();
        Backtester bt = new Backtester(bars, n);
        List<Run> runs = new ArrayList<>();
        BacktestConfig first = null;
        for (double bps : commissionBps) {
            BacktestConfig c = config.withCosts(config.costs().withCommissionBps(bps));
            first = first == null ? c : first;
            runs.add(capture(bt.run(panel, weights, c), c.costs(), start, ppy));
        }
        double[] longW = new double[bars * n];
        double[] shortW = new double[bars * n];
        double[] eqW = new double[bars * n];
        for (int r = 0; r < bars * n; r++) {
            double w = Double.isFinite(weights[r]) ? weights[r] : 0;
            longW[r] = Math.max(w, 0);
            shortW[r] = Math.min(w, 0);
        }
        for (int t = 0; t < bars; t++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                k += Double.isNaN(panel.close(t, i)) ? 0 : 1;
            }
            for (int i = 0; i < n; i++) {
                eqW[t * n + i] = k == 0 || Double.isNaN(panel.close(t, i)) ? 0 : 1.0 / k;
            }
        }
        PortfolioMetrics longLeg = PortfolioMetrics.of(bt.run(panel, longW, first), start, bars, ppy);
        PortfolioMetrics shortLeg = PortfolioMetrics.of(bt.run(panel, shortW, first), start, bars, ppy);
        Run bench = capture(bt.run(panel, eqW, config.withCosts(Costs.NONE)), Costs.NONE, start, ppy);
        List<SignalQuality> quality = new ArrayList<>();
        int q = Math.max(2, Math.min(quantiles, n));   // no more quantiles than instruments
        if (scores != null) {
            for (int h : HORIZONS) {
                if (start + h < bars) {
                    quality.add(SignalQuality.evaluate(scores, panel, start, bars, h, q));
                }
            }
        }
        return new Evaluation(title, panel.symbols(), panel.timestampsMillis(), first, start, List.copyOf(runs),
                bench.metrics(), bench.equity(), longLeg, shortLeg, List.copyOf(quality));
    }

    private static Run capture(BacktestResult r, Costs costs, int start, double ppy) {
        int bars = r.bars();
        double[] eq = new double[bars];
        double[] dd = new double[bars];
        double e = 1;
        double peak = 1;
        for (int t = 0; t < bars; t++) {
            if (t >= start) {
                e *= 1 + r.netReturn()[t];
                peak = Math.max(peak, e);
            }
            eq[t] = e;
            dd[t] = e / peak - 1;
        }
        return new Run(costs, PortfolioMetrics.of(r, start, bars, ppy), eq, dd, r.turnover().clone(),
                r.netReturn().clone(), r.grossExposure().clone());
    }

    /** The first bar with a non-zero finite weight, or 0. */
    static int firstPosition(double[] weights, int bars, int n) {
        for (int r = 0; r < bars * n; r++) {
            if (Double.isFinite(weights[r]) && weights[r] != 0) {
                return r / n;
            }
        }
        return 0;
    }
}
