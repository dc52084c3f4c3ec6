package io.vectrade.feature.reference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a computed feature column with a reference column.
 *
 * <p>The error measure is {@code |a - b| / max(1, |b|)}: relative for values of magnitude above 1
 * and absolute below, because many features cross zero (momentum, macd, cci, zscore) where a
 * relative error means nothing.
 */
public final class SeriesComparison {
    private SeriesComparison() {
    }

    /** {@code |a - b| / max(1, |b|)}. */
    public static double error(double a, double b) {
        return Math.abs(a - b) / Math.max(1.0, Math.abs(b));
    }

    /**
     * Asserts NaN exactly on {@code [0, lookback)} in both columns, no NaN after it in either, and
     * {@link #error} at most {@code tolerance} everywhere after it; returns the largest error seen.
     */
    public static double assertMatches(String label, double[] actual, double[] expected, int lookback,
                                       double tolerance) {
        assertThat(actual).as(label + " length").hasSameSizeAs(expected);
        double max = 0;
        for (int t = 0; t < expected.length; t++) {
            double a = actual[t];
            double b = expected[t];
            if (t < lookback) {
                if (!Double.isNaN(a) || !Double.isNaN(b)) {
                    fail(label, t, a, b, "warm-up bar before lookback=" + lookback + " must be NaN in both");
                }
                continue;
            }
            if (Double.isNaN(a) || Double.isNaN(b)) {
                fail(label, t, a, b, "NaN after lookback=" + lookback);
            }
            double e = error(a, b);
            if (!(e <= tolerance)) {
                fail(label, t, a, b, "error=" + e + " above tolerance=" + tolerance);
            }
            max = Math.max(max, e);
        }
        return max;
    }

    private static void fail(String label, int t, double a, double b, String why) {
        throw new AssertionError(label + " at t=" + t + ": actual=" + a + " expected=" + b + ", " + why);
    }
}
