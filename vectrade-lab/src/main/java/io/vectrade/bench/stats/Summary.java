package io.vectrade.bench.stats;

import org.HdrHistogram.Histogram;

/**
 * Summary of one metric's samples, in the samples' own unit (ns, bytes, per second).
 *
 * <p>{@code mean}, {@code stddev} (sample standard deviation, n&minus;1 denominator; 0 for one
 * sample), {@code min} and {@code max} are exact. The percentiles come from an HdrHistogram
 * {@link Histogram} of the samples rounded to whole units with {@value #SIGNIFICANT_DIGITS}
 * significant digits: HdrHistogram's percentile rule (the smallest value whose cumulative count
 * reaches {@code round(p/100 * n)}), within 0.1% above that sample (exact below 2,048). Immutable.
 *
 * @param count  number of samples
 * @param median 50th percentile
 * @param p90    90th percentile
 * @param p99    99th percentile
 */
public record Summary(int count, double median, double mean, double stddev, double min, double max,
                      double p90, double p99) {

    /** Significant digits kept by the histograms. */
    public static final int SIGNIFICANT_DIGITS = 3;

    /**
     * Summarises {@code samples}.
     *
     * @throws IllegalArgumentException when empty, or a sample is negative or not finite
     */
    public static Summary of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        Histogram h = histogram(samples);
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : samples) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int n = samples.length;
        double mean = sum / n;
        double ss = 0;
        for (double v : samples) {
            ss += (v - mean) * (v - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        return new Summary(n, h.getValueAtPercentile(50), mean, sd, min, max,
                h.getValueAtPercentile(90), h.getValueAtPercentile(99));
    }

    /**
     * An auto-resizing histogram of {@code samples} rounded to whole units.
     *
     * @throws IllegalArgumentException when a sample is negative or not finite
     */
    public static Histogram histogram(double[] samples) {
        Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        for (double v : samples) {
            if (!Double.isFinite(v) || v < 0 || v > Long.MAX_VALUE / 4.0) {
                throw new IllegalArgumentException("samples must be finite and >= 0, sample=" + v);
            }
            h.recordValue(Math.round(v));
        }
        return h;
    }

    /** Median of {@code samples} (exact, mean of the middle two for an even count); sorts a copy. */
    public static double exactMedian(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        double[] s = samples.clone();
        java.util.Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
