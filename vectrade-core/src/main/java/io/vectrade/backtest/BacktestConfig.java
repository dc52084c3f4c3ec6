package io.vectrade.backtest;

/**
 * How a backtest runs. Immutable.
 *
 * @param execution      when a decision is traded
 * @param costs          commission, slippage and borrow
 * @param periodsPerYear bars per year (for the per-bar borrow charge and annualisation), &gt; 0
 */
public record BacktestConfig(Execution execution, Costs costs, double periodsPerYear) {
    public BacktestConfig {
        if (execution == null || costs == null) {
            throw new IllegalArgumentException("execution and costs are required");
        }
        if (!(periodsPerYear > 0) || !Double.isFinite(periodsPerYear)) {
            throw new IllegalArgumentException("periods per year must be > 0, periodsPerYear=" + periodsPerYear);
        }
    }

    /** Close execution, no costs, 252 bars a year. */
    public static BacktestConfig frictionless() {
        return new BacktestConfig(Execution.CLOSE, Costs.NONE, 252);
    }

    /** The same configuration with other costs. */
    public BacktestConfig withCosts(Costs c) {
        return new BacktestConfig(execution, c, periodsPerYear);
    }
}
