package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * One compensated running sum per instrument, the same bits as the cpu backend's Neumaier
 * {@code CompensatedSum} (see {@link #error}): adding and later subtracting the same values leaves about one rounding of
 * the true sum, however many values passed through.
 */
final class CompensatedSums {
    /** Running sums (live; the tick's vector lanes add to them a vector at a time, {@code RollingStatsStream.sumLanes}). */
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
     * The rounding error of {@code t = s + x}, exactly: Knuth's branch-free TwoSum. The cpu
     * backend's {@code CompensatedSum} takes it as Neumaier does ({@code (larger - t) + smaller} of
     * {@code s} and {@code x} by magnitude, Dekker's Fast2Sum); both give the exact error of a
     * round-to-nearest addition, a representable double, so the same bits for finite inputs (a zero
     * error is +0.0 in both), and NaN once {@code t} overflows. TwoSum needs no comparison of
     * magnitudes, which for a sum of deviations is a coin flip per value: 6-9 µs less per tick of
     * 1,024 instruments for volatility and zscore (docs/benchmarks.md). The tick's vector lanes take the
     * same error, written out in vector operations.
     */
    private static double error(double s, double x, double t) {
        double xPart = t - s;
        return (s - (t - xPart)) + (x - xPart);
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
