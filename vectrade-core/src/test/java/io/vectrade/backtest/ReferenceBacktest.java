package io.vectrade.backtest;

import io.vectrade.data.Panel;

/**
 * An independent, slow reference for {@link Backtester}: it holds shares and cash (not weights), values the
 * book at the last known prices, and trades to {@code weight × equity after costs}. Used only by tests.
 */
final class ReferenceBacktest {
    private ReferenceBacktest() {
    }

    /** Net equity at the close of each bar. */
    static double[] equity(Panel p, double[] w, Execution ex, Costs costs, double periodsPerYear) {
        int bars = p.bars();
        int n = p.instruments();
        double frac = (costs.commissionBps() + costs.slippageBps()) / 10_000.0;
        double rate = costs.borrowBpsPerYear() / 10_000.0 / periodsPerYear;
        int[] last = new int[n];
        for (int i = 0; i < n; i++) {
            last[i] = -1;
            for (int t = 0; t < bars; t++) {
                if (!Double.isNaN(p.close(t, i))) {
                    last[i] = t;
                }
            }
        }
        double[] shares = new double[n];
        double[] mark = new double[n];
        double[] pending = new double[n];
        java.util.Arrays.fill(mark, Double.NaN);
        double cash = 1;
        double[] out = new double[bars];
        for (int t = 0; t < bars; t++) {
            // borrow on the shorts held into the bar, at their last marks
            double borrow = 0;
            for (int i = 0; i < n; i++) {
                if (shares[i] < 0) {
                    borrow += -shares[i] * mark[i] * rate;
                }
            }
            cash -= borrow;
            boolean[] present = new boolean[n];
            double[] target = new double[n];
            for (int i = 0; i < n; i++) {
                present[i] = !Double.isNaN(p.close(t, i));
                if (ex == Execution.CLOSE) {
                    if (present[i]) {
                        mark[i] = p.close(t, i);
                    }
                    double wi = Double.isFinite(w[t * n + i]) ? w[t * n + i] : 0;
                    target[i] = t == last[i] && t < bars - 1 ? 0 : wi;
                } else {
                    if (present[i]) {
                        double o = p.open(t, i);
                        mark[i] = Double.isNaN(o) ? p.close(t, i) : o;
                    }
                    target[i] = pending[i];
                }
            }
            cash = trade(shares, mark, present, target, cash, frac);
            if (ex == Execution.NEXT_OPEN) {
                boolean[] delisted = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (present[i]) {
                        mark[i] = p.close(t, i);
                    }
                    delisted[i] = present[i] && t == last[i] && t < bars - 1;
                    pending[i] = Double.isFinite(w[t * n + i]) ? w[t * n + i] : 0;
                }
                // close the delisted at their last close; other positions keep their shares
                double tradedValue = 0;
                for (int i = 0; i < n; i++) {
                    if (delisted[i]) {
                        tradedValue += Math.abs(shares[i] * mark[i]);
                        cash += shares[i] * mark[i];
                        shares[i] = 0;
                    }
                }
                cash -= tradedValue * frac;
            }
            out[t] = value(shares, mark, cash);
        }
        return out;
    }

    /** Trades the present instruments to {@code target × equity after costs}; returns the new cash. */
    private static double trade(double[] shares, double[] mark, boolean[] present, double[] target, double cash,
                                double frac) {
        int n = shares.length;
        double equity = value(shares, mark, cash);
        double traded = 0;
        for (int i = 0; i < n; i++) {
            if (present[i]) {
                traded += Math.abs(target[i] - shares[i] * mark[i] / equity);
            }
        }
        double after = equity * (1 - traded * frac);
        double invested = 0;
        for (int i = 0; i < n; i++) {
            if (present[i]) {
                shares[i] = target[i] * after / mark[i];
            }
            if (shares[i] != 0) {
                invested += shares[i] * mark[i];
            }
        }
        return after - invested;
    }

    private static double value(double[] shares, double[] mark, double cash) {
        double v = cash;
        for (int i = 0; i < shares.length; i++) {
            if (shares[i] != 0) {
                v += shares[i] * mark[i];
            }
        }
        return v;
    }
}
