package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code volatility(n)} and {@code zscore(n)}, the project's own rolling statistics, computed
 * exactly as the cpu backend's {@code Statistics} does, so bit-exact with it:
 * <ul>
 *   <li>{@code volatility(n)}: sample standard deviation ({@code n - 1}) of the last {@code n} log
 *       returns {@code ln(c[t] / c[t-1])}, first value at bar {@code n};</li>
 *   <li>{@code zscore(n)}: {@code (close - mean) / population stddev} of the last {@code n} closes;</li>
 *   <li>0 when the window's {@code n} inputs are identical; NaN while the window holds a non-finite
 *       input.</li>
 * </ul>
 * Sums of {@code x - anchor} and {@code (x - anchor)^2} are compensated sliding sums; they are
 * recomputed from the ring, anchored at the window mean, every {@code n} bars and when the mean
 * drifts more than 100 standard deviations from the anchor. O(1) per bar amortised: one bar in
 * {@code n} costs O(n).
 */
final class RollingStatsStream extends StreamKernel {
    private final boolean zscore;
    private final int n;
    /** Index of the first input: returns start at bar 1, closes at bar 0. */
    private final int from;
    private final LagRing window;
    private final double[] prevInput;
    private final double[] prevClose;
    private final double[] anchor;
    private final CompensatedSums s1;
    private final CompensatedSums s2;
    private final int[] lastBad;
    private final int[] equalRun;
    private final int[] nextReset;

    RollingStatsStream(int instruments, int n, boolean zscore) {
        super(instruments);
        this.zscore = zscore;
        this.n = n;
        this.from = zscore ? 0 : 1;
        this.window = new LagRing(instruments, n);
        this.prevInput = new double[instruments];
        this.prevClose = new double[instruments];
        this.anchor = new double[instruments];
        this.s1 = new CompensatedSums(instruments);
        this.s2 = new CompensatedSums(instruments);
        this.lastBad = new int[instruments];
        this.equalRun = new int[instruments];
        this.nextReset = new int[instruments];
        reset();
    }

    @Override
    void update(int i, int t, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double v;
        if (zscore) {
            v = close;
        } else {
            double p = prevClose[i];
            prevClose[i] = close;
            if (t == 0) {
                out[index] = Double.NaN;
                return;
            }
            v = Math.log(close / p);
        }
        double leaving = window.push(i, v);
        if (!Double.isFinite(v)) {
            lastBad[i] = t;
        }
        int run = t > from && v == prevInput[i] ? equalRun[i] + 1 : 0;
        equalRun[i] = run;
        prevInput[i] = v;
        if (t < from + n - 1 || t - lastBad[i] < n || t >= nextReset[i]) {
            out[index] = rare(i, t, v, run);
            return;
        }
        double a = anchor[i];
        double d = v - a;
        s1.add(i, d);
        s2.add(i, d * d);
        double e = leaving - a;
        s1.add(i, -e);
        s2.add(i, -(e * e));
        if (run < n - 1 && drifted(i)) {
            recompute(i);
            nextReset[i] = t + n;
        }
        out[index] = value(i, v, run);
    }

    /** Warm-up, a non-finite input in the window, or the scheduled re-sum: off the hot path. */
    private double rare(int i, int t, double v, int run) {
        if (t < from + n - 1) {
            return Double.NaN;
        }
        if (t - lastBad[i] < n) {
            nextReset[i] = t + 1;
            return Double.NaN;
        }
        recompute(i);
        nextReset[i] = t + n;
        return value(i, v, run);
    }

    private double value(int i, double v, int run) {
        if (run >= n - 1) {
            return 0.0;
        }
        if (zscore) {
            double sd = Math.sqrt(squaredDeviations(i) / n);
            return sd > 0 ? ((v - anchor[i]) - s1.value(i) / n) / sd : 0.0;
        }
        return Math.sqrt(squaredDeviations(i) / (n - 1));
    }

    /** Sums over the window, oldest first, anchored at its plain mean. */
    private void recompute(int i) {
        int first = window.nextSlot(i);
        double sum = 0;
        for (int k = 0, s = first; k < n; k++, s = s + 1 == n ? 0 : s + 1) {
            sum += window.slot(i, s);
        }
        double a = sum / n;
        anchor[i] = a;
        s1.clear(i);
        s2.clear(i);
        for (int k = 0, s = first; k < n; k++, s = s + 1 == n ? 0 : s + 1) {
            double d = window.slot(i, s) - a;
            s1.add(i, d);
            s2.add(i, d * d);
        }
    }

    private double squaredDeviations(int i) {
        double d1 = s1.value(i);
        double m2 = s2.value(i) - d1 * d1 / n;
        return m2 > 0 ? m2 : 0.0;
    }

    private boolean drifted(int i) {
        double d1 = s1.value(i);
        return d1 * d1 > 1e4 * n * squaredDeviations(i);
    }

    @Override
    void tick(double[] open, double[] high, double[] low, double[] close, double[] volume,
              int[] barsSeen, double[] out, int column) {
        int b = instruments;
        for (int i = 0, index = column * b; i < b; i++, index++) {
            double c = close[i];
            if (c == c) {
                update(i, barsSeen[i], open[i], high[i], low[i], c, volume[i], out, index, b);
            }
        }
    }

    @Override
    void reset() {
        window.reset();
        Arrays.fill(prevInput, 0.0);
        Arrays.fill(prevClose, 0.0);
        Arrays.fill(anchor, 0.0);
        s1.reset();
        s2.reset();
        Arrays.fill(lastBad, Integer.MIN_VALUE / 2);
        Arrays.fill(equalRun, 0);
        Arrays.fill(nextReset, from + n - 1);
    }
}
