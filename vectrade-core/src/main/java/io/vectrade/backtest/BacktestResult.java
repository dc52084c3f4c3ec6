package io.vectrade.backtest;

/**
 * Per-bar outputs of one backtest over T bars, primitive columns indexed by bar (live arrays, overwritten by
 * the {@link Backtester}'s next run). Returns are fractions (0.01 = 1 %); exposures and turnover are fractions
 * of equity. Bar t's return is earned from the close of t-1 to the close of t (bar 0 earns nothing); the
 * exposures and counts are those held after the trades of bar t. Not thread-safe while being written.
 */
public final class BacktestResult {
    private final int bars;
    final double[] grossReturn;
    final double[] netReturn;
    final double[] equity;
    final double[] grossEquity;
    final double[] turnover;
    final double[] cost;
    final double[] borrow;
    final double[] grossExposure;
    final double[] netExposure;
    final int[] longCount;
    final int[] shortCount;

    BacktestResult(int bars) {
        this.bars = bars;
        grossReturn = new double[bars];
        netReturn = new double[bars];
        equity = new double[bars];
        grossEquity = new double[bars];
        turnover = new double[bars];
        cost = new double[bars];
        borrow = new double[bars];
        grossExposure = new double[bars];
        netExposure = new double[bars];
        longCount = new int[bars];
        shortCount = new int[bars];
    }

    public int bars() {
        return bars;
    }

    /** Return before commission, slippage and borrow: {@code Σ_i h[t-1,i] · r[t,i]} (compounded over both legs on next-open). */
    public double[] grossReturn() {
        return grossReturn;
    }

    /** Return after costs and borrow: {@code equity[t] / equity[t-1] - 1} (bar 0: relative to 1). */
    public double[] netReturn() {
        return netReturn;
    }

    /** Net equity at the close of each bar after its trades, starting from 1 before bar 0. */
    public double[] equity() {
        return equity;
    }

    /** Equity compounded from the gross returns. */
    public double[] grossEquity() {
        return grossEquity;
    }

    /** One-way traded notional {@code Σ_i |target - drifted|} in fractions of equity (both trades of a bar on next-open). */
    public double[] turnover() {
        return turnover;
    }

    /** Commission and slippage paid, a fraction of equity at the trade: {@code turnover · (bps + slippage) / 1e4}. */
    public double[] cost() {
        return cost;
    }

    /** Borrow paid on the shorts held into the bar, a fraction of the previous equity. */
    public double[] borrow() {
        return borrow;
    }

    /** {@code Σ_i |h[t,i]|} after the bar's trades. */
    public double[] grossExposure() {
        return grossExposure;
    }

    /** {@code Σ_i h[t,i]} after the bar's trades. */
    public double[] netExposure() {
        return netExposure;
    }

    /** Instruments with a positive weight after the bar's trades. */
    public int[] longCount() {
        return longCount;
    }

    /** Instruments with a negative weight after the bar's trades. */
    public int[] shortCount() {
        return shortCount;
    }
}
