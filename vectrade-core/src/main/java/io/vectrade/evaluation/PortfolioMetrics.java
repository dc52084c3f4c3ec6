package io.vectrade.evaluation;

import io.vectrade.backtest.BacktestResult;

/**
 * Portfolio metrics over bars {@code [from, to)} of a backtest; definitions in docs/evaluation.md (empyrical's:
 * sample standard deviation (n - 1), risk-free rate 0, drawdown from the starting equity). Immutable.
 *
 * @param bars                 bars in the range (n)
 * @param periodsPerYear       bars per year used to annualise
 * @param totalReturn          {@code Π(1 + r) - 1} of the net returns
 * @param annualReturn         {@code (1 + total)^(periodsPerYear / n) - 1}
 * @param annualVolatility     {@code sd(r) · √periodsPerYear}
 * @param sharpe               {@code mean(r) / sd(r) · √periodsPerYear}; NaN if sd is 0
 * @param sortino              {@code mean(r) · periodsPerYear / (√mean(min(r, 0)²) · √periodsPerYear)}; NaN without a loss
 * @param maxDrawdown          {@code min_k (E_k / max_{j≤k} E_j - 1)} with {@code E_0 = 1} before the range (≤ 0)
 * @param maxDrawdownBars      longest run of bars below the previous equity peak
 * @param calmar               {@code annualReturn / |maxDrawdown|}; NaN if there is no drawdown
 * @param hitRate              share of bars with {@code r > 0} among bars with {@code r ≠ 0}
 * @param turnoverPerBar       mean one-way turnover per bar (fraction of equity)
 * @param turnoverPerYear      {@code turnoverPerBar · periodsPerYear}
 * @param grossAnnualReturn    {@link #annualReturn} of the gross returns
 * @param grossSharpe          {@link #sharpe} of the gross returns
 * @param costDrag             {@code (mean(gross) - mean(net)) · periodsPerYear}: costs and borrow per year
 */
public record PortfolioMetrics(int bars, double periodsPerYear, double totalReturn, double annualReturn,
                               double annualVolatility, double sharpe, double sortino, double maxDrawdown,
                               int maxDrawdownBars, double calmar, double hitRate, double turnoverPerBar,
                               double turnoverPerYear, double grossAnnualReturn, double grossSharpe, double costDrag) {

    /** The metrics of bars {@code [from, to)} of a result. */
    public static PortfolioMetrics of(BacktestResult r, int from, int to, double periodsPerYear) {
        return of(r.netReturn(), r.grossReturn(), r.turnover(), from, to, periodsPerYear);
    }

    /**
     * The metrics of bars {@code [from, to)} of net and gross return columns and a turnover column.
     *
     * @throws IllegalArgumentException if the range is empty or out of bounds, or periodsPerYear is not &gt; 0
     */
    public static PortfolioMetrics of(double[] net, double[] gross, double[] turnover, int from, int to,
                                      double periodsPerYear) {
        if (from < 0 || to > net.length || to - from < 1) {
            throw new IllegalArgumentException("bad metrics range, from=" + from + " to=" + to + " bars=" + net.length);
        }
        if (!(periodsPerYear > 0)) {
            throw new IllegalArgumentException("periods per year must be > 0, periodsPerYear=" + periodsPerYear);
        }
        int n = to - from;
        double total = totalReturn(net, from, to);
        double annual = annualReturn(total, n, periodsPerYear);
        double mean = mean(net, from, to);
        double sd = sampleSd(net, from, to, mean);
        double sqrtP = Math.sqrt(periodsPerYear);
        double sharpe = sd > 0 ? mean / sd * sqrtP : Double.NaN;
        double down = 0;
        int hits = 0;
        int nonZero = 0;
        for (int t = from; t < to; t++) {
            double r = net[t];
            double m = Math.min(r, 0);
            down += m * m;
            hits += r > 0 ? 1 : 0;
            nonZero += r != 0 ? 1 : 0;
        }
        double downside = Math.sqrt(down / n) * sqrtP;
        double sortino = downside > 0 ? mean * periodsPerYear / downside : Double.NaN;
        double eq = 1;
        double peak = 1;
        double maxDd = 0;
        int under = 0;
        int longest = 0;
        for (int t = from; t < to; t++) {
            eq *= 1 + net[t];
            if (eq >= peak) {
                peak = eq;
                under = 0;
            } else {
                under++;
                longest = Math.max(longest, under);
                maxDd = Math.min(maxDd, eq / peak - 1);
            }
        }
        double calmar = maxDd < 0 ? annual / -maxDd : Double.NaN;
        double hitRate = nonZero > 0 ? (double) hits / nonZero : Double.NaN;
        double turn = mean(turnover, from, to);
        double gTotal = totalReturn(gross, from, to);
        double gMean = mean(gross, from, to);
        double gSd = sampleSd(gross, from, to, gMean);
        return new PortfolioMetrics(n, periodsPerYear, total, annual, sd * sqrtP, sharpe, sortino, maxDd, longest,
                calmar, hitRate, turn, turn * periodsPerYear, annualReturn(gTotal, n, periodsPerYear),
                gSd > 0 ? gMean / gSd * sqrtP : Double.NaN, (gMean - mean) * periodsPerYear);
    }

    private static double totalReturn(double[] r, int from, int to) {
        double e = 1;
        for (int t = from; t < to; t++) {
            e *= 1 + r[t];
        }
        return e - 1;
    }

    private static double annualReturn(double total, int n, double periodsPerYear) {
        return Math.pow(1 + total, periodsPerYear / n) - 1;
    }

    static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += x[t];
        }
        return s / (to - from);
    }

    static double sampleSd(double[] x, int from, int to, double mean) {
        int n = to - from;
        if (n < 2) {
            return Double.NaN;
        }
        double ss = 0;
        for (int t = from; t < to; t++) {
            double d = x[t] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (n - 1));
    }
}
