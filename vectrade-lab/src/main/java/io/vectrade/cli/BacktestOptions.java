package io.vectrade.cli;

import io.vectrade.backtest.BacktestConfig;
import io.vectrade.backtest.Costs;
import io.vectrade.backtest.Execution;
import io.vectrade.data.Panel;
import io.vectrade.evaluation.Annualisation;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of a backtest, shared by {@code backtest} and {@code walkforward}: execution, costs (several
 * commission levels run as a sweep over the same weights), annualisation, quantiles and the report directory.
 */
final class BacktestOptions {
    @Option(names = "--execution", defaultValue = "close", paramLabel = "close|next-open",
            description = "When a weight decided at the close of bar t trades: at that close, or at the open of t+1 (default: ${DEFAULT-VALUE}).")
    String execution;

    @Option(names = "--cost-bps", defaultValue = "5", split = ",", paramLabel = "BPS[,BPS...]",
            description = "Transaction cost in basis points of traded notional; a list runs one backtest per level (default: ${DEFAULT-VALUE}).")
    List<Double> costBps;

    @Option(names = "--slippage-bps", defaultValue = "0", paramLabel = "BPS",
            description = "Slippage in basis points of traded notional, added to every level (default: ${DEFAULT-VALUE}).")
    double slippageBps;

    @Option(names = "--borrow-bps", defaultValue = "0", paramLabel = "BPS",
            description = "Borrow cost of shorts in basis points a year (default: ${DEFAULT-VALUE}).")
    double borrowBps;

    @Option(names = "--periods-per-year", paramLabel = "N",
            description = "Bars per year for annualisation (default: from the bar interval: daily 252, weekly 52, monthly 12, else observed).")
    Double periodsPerYear;

    @Option(names = "--quantiles", defaultValue = "10", paramLabel = "Q",
            description = "Score quantiles for the forward-return table (default: ${DEFAULT-VALUE}: deciles).")
    int quantiles;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write backtest.md, backtest.html, backtest_*.png and backtest_metrics.json into DIR.")
    Path report;

    /** The configuration at the first cost level, checked. */
    BacktestConfig config(Panel panel) {
        Execution ex;
        try {
            ex = Execution.parse(execution);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --execution, execution=" + execution + "; valid: close, next-open");
        }
        if (costBps == null || costBps.isEmpty()) {
            throw new UsageException("give at least one --cost-bps");
        }
        for (double c : costBps) {
            if (!(c >= 0) || !Double.isFinite(c)) {
                throw new UsageException("--cost-bps must be finite and >= 0, cost-bps=" + c);
            }
        }
        if (!(slippageBps >= 0) || !(borrowBps >= 0) || !Double.isFinite(slippageBps) || !Double.isFinite(borrowBps)) {
            throw new UsageException("--slippage-bps and --borrow-bps must be finite and >= 0, slippage-bps=" + slippageBps
                    + " borrow-bps=" + borrowBps);
        }
        if (periodsPerYear != null && !(periodsPerYear > 0 && Double.isFinite(periodsPerYear))) {
            throw new UsageException("--periods-per-year must be > 0, periods-per-year=" + periodsPerYear);
        }
        if (quantiles < 2) {
            throw new UsageException("--quantiles must be >= 2, quantiles=" + quantiles);
        }
        double ppy = periodsPerYear != null ? periodsPerYear : Annualisation.periodsPerYear(panel.timestampsMillis());
        return new BacktestConfig(ex, new Costs(costBps.getFirst(), slippageBps, borrowBps), ppy);
    }
}
