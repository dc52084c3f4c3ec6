package io.vectrade.backtest;

/**
 * What the scalar reference ({@link Backtester}) and the simd kernels ({@link SimdCloseKernel},
 * {@link SimdNextOpenKernel}) share: writing one bar's row of a {@link BacktestResult} and summing a vector's
 * lanes in a fixed order. Small static methods, so that C2 inlines them into the bar loops.
 */
final class BacktestRows {
    private BacktestRows() {
    }

    /**
     * Writes bar {@code t}'s row; the net return is {@code eq / prev - 1} ({@code 0} when {@code prev} is not
     * positive).
     */
    static void record(BacktestResult res, int t, double g, double prev, double eq, double geq, double turnover,
                       double cost, double borrow, double gross, double net, int longs, int shorts) {
        res.grossReturn[t] = g;
        res.netReturn[t] = prev > 0 ? eq / prev - 1 : 0;
        res.equity[t] = eq;
        res.grossEquity[t] = geq;
        res.turnover[t] = turnover;
        res.cost[t] = cost;
        res.borrow[t] = borrow;
        res.grossExposure[t] = gross;
        res.netExposure[t] = net;
        res.longCount[t] = longs;
        res.shortCount[t] = shorts;
    }

    /**
     * {@code a[0] + a[1] + ...}, in that order: a vector's lanes after {@code intoArray}.
     * {@code reduceLanes(ADD)}'s order is unspecified and differed between the JIT's code and the
     * Java fallback (one ulp between two runs of the same bars: BacktesterTest's no-look-ahead
     * test), so results would have depended on the compilation state.
     */
    static double sumLanes(double[] a) {
        double sum = 0.0;
        for (double x : a) {
            sum += x;
        }
        return sum;
    }
}
