package io.vectrade.bench.stats;

import java.util.Arrays;

/**
 * Summary of one metric's samples, in the samples' own unit (ns, bytes, per second).
 *
 * <p>{@code mean}, {@code stddev} (sample standard deviation, n&minus;1 denominator; 0 for one
 * sample), {@code min} and {@code max} are exact. The percentiles are exact on the samples, by the
 * lab's one definition, {@link Percentiles} (linear interpolation, type 7): so
 * {@code min <= median <= p90 <= p99 <= max} always holds. (Before schema 2 they came from an
 * HdrHistogram whose bucket tops could exceed the maximum.) Immutable.
 *
 * @param count  number of samples
 * @param median 50th percentile
 * @param p90    90th percentile
 * @param p99    99th percentile
 */
public record Summary(int count, double median, double mean, double stddev, double min, double max,
                      double p90, double p99) {

    /**
     * Summarises {@code samples}.
     *
     * @throws IllegalArgumentException when empty, or a sample is negative or not finite
     */
    public static Summary of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        double[] sorted = samples.clone();
        for (double v : sorted) {
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("samples must be finite and >= 0, sample=" + v);
            }
        }
        Arrays.sort(sorted);
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
        return new Summary(n, Percentiles.ofSorted(sorted, 50), mean, sd, min, max,
                Percentiles.ofSorted(sorted, 90), Percentiles.ofSorted(sorted, 99));
    }

    /** Median of {@code samples}: the 50th {@link Percentiles percentile} (the mean of the middle two for an even count); sorts a copy. */
    public static double exactMedian(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        return Percentiles.of(samples, 50);
    }
}
