package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * Mean and sum of squared deviations ({@code m2}) of each instrument's last {@code n} values, to
 * within about 1e-10 relative of a two-pass computation over the window, in amortised O(1).
 *
 * <ul>
 *   <li>The mean is a sliding Neumaier-compensated sum / count: no drift however long the stream.</li>
 *   <li>{@code m2} follows Welford's update while the window fills and the sliding update
 *       {@code m2 += (x - old) * (x - mean' + old - mean)} once full; it works on deviations, so
 *       a high price level does not cancel the variance away.</li>
 *   <li>The rounding error of {@code m2} since its last exact value is bounded from above; when
 *       that bound exceeds 1e-10 of {@code m2} (the variance collapsed, e.g. near-equal prices, or
 *       very many updates) {@code m2} is recomputed two-pass from the ring in time order, O(n).
 *       A window of equal values has {@code m2} exactly 0.</li>
 * </ul>
 */
final class WindowMoments {
    private static final double ROUNDING = 4 * Math.ulp(1.0);
    private static final double RELATIVE_ERROR = 1e-10;

    private final int n;
    private final LagRing values;
    private final double[] sum;
    private final double[] compensation;
    private final double[] m2;
    private final double[] errorBound;

    WindowMoments(int instruments, int n) {
        this.n = n;
        this.values = new LagRing(instruments, n);
        this.sum = new double[instruments];
        this.compensation = new double[instruments];
        this.m2 = new double[instruments];
        this.errorBound = new double[instruments];
    }

    /** Pushes instrument {@code i}'s {@code j}-th value (0-based count of values pushed before it). */
    void push(int i, int j, double x) {
        double old = values.push(i, x);
        int before = Math.min(j, n);
        int count = Math.min(j + 1, n);
        double meanBefore = before == 0 ? x : (sum[i] + compensation[i]) / before;
        add(i, x);
        double d;
        if (j >= n) {
            add(i, -old);
            d = x - old;
        } else {
            d = x - meanBefore;
        }
        double meanAfter = (sum[i] + compensation[i]) / count;
        double term = j >= n ? d * (x - meanAfter + old - meanBefore) : d * (x - meanAfter);
        double m = m2[i] + term;
        m2[i] = m;
        double bound = errorBound[i] + ROUNDING * (Math.abs(m) + Math.abs(term)
                + (Math.abs(meanBefore) + Math.abs(meanAfter)) * Math.abs(d));
        errorBound[i] = bound;
        if (!(bound <= RELATIVE_ERROR * m)) {
            recompute(i, count);
        }
    }

    private void add(int i, double x) {
        double s = sum[i];
        double t = s + x;
        compensation[i] += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
        sum[i] = t;
    }

    /** Two-pass m2 over the window, oldest value first; exactly 0 when all values are equal. */
    private void recompute(int i, int count) {
        int first = count < n ? 0 : values.nextSlot(i);
        double total = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0, s = first; k < count; k++, s = s + 1 == n ? 0 : s + 1) {
            double v = values.slot(i, s);
            total += v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double mean = total / count;
        double squares = 0;
        if (lo != hi) {
            for (int k = 0, s = first; k < count; k++, s = s + 1 == n ? 0 : s + 1) {
                double dev = values.slot(i, s) - mean;
                squares += dev * dev;
            }
        }
        m2[i] = squares;
        errorBound[i] = 0;
    }

    /** Mean of the values in instrument {@code i}'s window ({@code count} values, at most n). */
    double mean(int i, int count) {
        return (sum[i] + compensation[i]) / count;
    }

    /** Sum of squared deviations from the mean over the window, never negative. */
    double m2(int i) {
        return Math.max(m2[i], 0.0);
    }

    void reset() {
        values.reset();
        Arrays.fill(sum, 0.0);
        Arrays.fill(compensation, 0.0);
        Arrays.fill(m2, 0.0);
        Arrays.fill(errorBound, 0.0);
    }
}
