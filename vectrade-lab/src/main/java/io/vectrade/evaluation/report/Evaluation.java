package io.vectrade.evaluation.report;

import io.vectrade.backend.Backend;
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
 * @param title          what was tested (source, model, policies)
 * @param symbols        instruments
 * @param timestamps     bar timestamps (epoch ms)
 * @param config         execution, the first cost level's costs, bars per year
 * @param from           first evaluated bar
 * @param runs           one backtest per (policy, commission level): policies in the order given, each with
 *                       its commission levels in the order given
 * @param benchmark      the equal-weight universe (every instrument with a price, rebalanced each bar, no costs)
 * @param benchmarkEquity its equity per bar, 1 before {@code from}
 * @param quality        signal quality per horizon of the scores shared by every policy (empty without scores)
 */
public record Evaluation(String title, List<String> symbols, long[] timestamps, BacktestConfig config, int from,
                         List<Run> runs, PortfolioMetrics benchmark, double[] benchmarkEquity,
                         List<SignalQuality> quality) {

    /** Horizons of the signal quality. */
    public static final int[] HORIZONS = {1, 5, 20};

    /**
     * The target weights of one policy.
     *
     * @param policy  its name (the chain's text)
     * @param weights time-major T × N target weights
     */
    public record PolicyWeights(String policy, double[] weights) {
    }

    /**
     * One backtest: one policy at one commission level.
     *
     * @param policy   the policy's name
     * @param costs    its costs
     * @param metrics  over {@code [from, T)}
     * @param longLeg  the policy's positive weights alone, at the same costs
     * @param shortLeg the policy's negative weights alone, at the same costs
     * @param equity   net equity per bar, rebased to 1 before {@code from}
     * @param drawdown {@code equity / running peak - 1} per bar
     * @param turnover turnover per bar
     * @param netReturn net return per bar
     * @param grossExposure gross exposure per bar
     */
    public record Run(String policy, Costs costs, PortfolioMetrics metrics, PortfolioMetrics longLeg,
                      PortfolioMetrics shortLeg, double[] equity, double[] drawdown, double[] turnover,
                      double[] netReturn, double[] grossExposure) {
    }

    /**
     * One policy's weights on the scalar reference backtester: {@link #run(String, Panel, List, double[],
     * BacktestConfig, List, int, int, Backend)} with {@code policy} named {@code "policy"} and {@link Backend#CPU}.
     */
    public static Evaluation run(String title, Panel panel, double[] weights, double[] scores, BacktestConfig config,
                                 List<Double> commissionBps, int from, int quantiles) {
        return run(title, panel, List.of(new PolicyWeights("policy", weights)), scores, config, commissionBps, from,
                quantiles, Backend.CPU);
    }

    /**
     * Runs the report's backtests: every policy's weights at every commission level, with its long and short legs
     * at the same level, on one {@link Backtester} of {@code backend}; the benchmark once; and, when
     * {@code scores} is not null, the signal quality of the scores at {@link #HORIZONS} with {@code quantiles}
     * quantiles (at most one per instrument). The scores are shared: the policies are several readings of one
     * model run.
     *
     * @param commissionBps one backtest per level
     * @param from          first evaluated bar (-1: the first bar where any policy has a non-zero weight)
     */
    public static Evaluation run(String title, Panel panel, List<PolicyWeights> policies, double[] scores,
                                 BacktestConfig config, List<Double> commissionBps, int from, int quantiles,
                                 Backend backend) {
        int bars = panel.bars();
        int n = panel.instruments();
        if (commissionBps.isEmpty()) {
            throw new IllegalArgumentException("give at least one --cost-bps");
        }
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("give at least one --policy");
        }
        int start = from;
        if (start < 0) {
            start = bars;
            for (PolicyWeights p : policies) {
                start = Math.min(start, firstPosition(p.weights(), bars, n));
            }
        }
        if (start >= bars - 1) {
            throw new IllegalArgumentException("nothing to evaluate: no position before the last bar, first=" + start
                    + " bars=" + bars);
        }
        double ppy = config.periodsPerYear();
        Backtester bt = new Backtester(bars, n, backend);
        List<BacktestConfig> levels = new ArrayList<>();
        for (double bps : commissionBps) {
            levels.add(config.withCosts(config.costs().withCommissionBps(bps)));
        }
        List<Run> runs = new ArrayList<>();
        double[] longW = new double[bars * n];
        double[] shortW = new double[bars * n];
        for (PolicyWeights p : policies) {
            double[] weights = p.weights();
            for (int r = 0; r < bars * n; r++) {
                double w = Double.isFinite(weights[r]) ? weights[r] : 0;
                longW[r] = Math.max(w, 0);
                shortW[r] = Math.min(w, 0);
            }
            for (BacktestConfig c : levels) {
                PortfolioMetrics longLeg = PortfolioMetrics.of(bt.run(panel, longW, c), start, bars, ppy);
                PortfolioMetrics shortLeg = PortfolioMetrics.of(bt.run(panel, shortW, c), start, bars, ppy);
                runs.add(capture(p.policy(), bt.run(panel, weights, c), c.costs(), longLeg, shortLeg, start, ppy));
            }
        }
        double[] eqW = new double[bars * n];
        for (int t = 0; t < bars; t++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                k += Double.isNaN(panel.close(t, i)) ? 0 : 1;
            }
            for (int i = 0; i < n; i++) {
                eqW[t * n + i] = k == 0 || Double.isNaN(panel.close(t, i)) ? 0 : 1.0 / k;
            }
        }
        BacktestResult benchResult = bt.run(panel, eqW, config.withCosts(Costs.NONE));
        PortfolioMetrics benchMetrics = PortfolioMetrics.of(benchResult, start, bars, ppy);
        double[] benchEquity = rebased(benchResult.netReturn(), start);
        List<SignalQuality> quality = new ArrayList<>();
        int q = Math.max(2, Math.min(quantiles, n));   // no more quantiles than instruments
        if (scores != null) {
            for (int h : HORIZONS) {
                if (start + h < bars) {
                    quality.add(SignalQuality.evaluate(scores, panel, start, bars, h, q));
                }
            }
        }
        return new Evaluation(title, panel.symbols(), panel.timestampsMillis(), levels.getFirst(), start,
                List.copyOf(runs), benchMetrics, benchEquity, List.copyOf(quality));
    }

    private static Run capture(String policy, BacktestResult r, Costs costs, PortfolioMetrics longLeg,
                               PortfolioMetrics shortLeg, int start, double ppy) {
        int bars = r.bars();
        double[] eq = rebased(r.netReturn(), start);
        double[] dd = new double[bars];
        double peak = 1;
        for (int t = 0; t < bars; t++) {
            peak = Math.max(peak, eq[t]);
            dd[t] = eq[t] / peak - 1;
        }
        return new Run(policy, costs, PortfolioMetrics.of(r, start, bars, ppy), longLeg, shortLeg, eq, dd,
                r.turnover().clone(), r.netReturn().clone(), r.grossExposure().clone());
    }

    /** Equity compounded from the net returns of bars {@code >= start}, 1 before. */
    private static double[] rebased(double[] netReturn, int start) {
        double[] eq = new double[netReturn.length];
        double e = 1;
        for (int t = 0; t < netReturn.length; t++) {
            if (t >= start) {
                e *= 1 + netReturn[t];
            }
            eq[t] = e;
        }
        return eq;
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
