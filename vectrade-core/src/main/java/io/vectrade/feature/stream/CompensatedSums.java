package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * One Neumaier-compensated running sum per instrument, the same arithmetic as the cpu backend's
 * {@code CompensatedSum}: adding and later subtracting the same values leaves about one rounding of
 * the true sum, however many values passed through.
 */
final class CompensatedSums {
    /** Running sums (live; the hot loops inline {@link #add} on them). */
    final double[] sum;
    /** Their compensations (live). */
    final double[] compensation;

    CompensatedSums(int instruments) {
        this.sum = new double[instruments];
        this.compensation = new double[instruments];
    }

    void add(int i, double x) {
        double s = sum[i];
        double t = s + x;
        compensation[i] += error(s, x, t);
        sum[i] = t;
    }

    /**
     * The rounding error of {@code t = s + x} (Neumaier): {@code (larger - t) + smaller} of
     * {@code s} and {@code x} by magnitude. For the hot loops that keep the sums in locals.
     */
    static double error(double s, double x, double t) {
        // selects, not branches: which operand is larger is a coin flip for a sum of deviations
        boolean sumLarger = Math.abs(s) >= Math.abs(x);
        double larger = sumLarger ? s : x;
        double smaller = sumLarger ? x : s;
        return (larger - t) + smaller;
    }

    double value(int i) {
        return sum[i] + compensation[i];
    }

    /** Takes instrument {@code i}'s sum and compensation from {@code other}. */
    void copy(int i, CompensatedSums other) {
        sum[i] = other.sum[i];
        compensation[i] = other.compensation[i];
    }

    void clear(int i) {
        sum[i] = 0;
        compensation[i] = 0;
    }

    void reset() {
        Arrays.fill(sum, 0.0);
        Arrays.fill(compensation, 0.0);
    }
}
