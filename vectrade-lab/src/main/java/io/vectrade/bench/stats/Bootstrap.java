package io.vectrade.bench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap of the relative change of the median between two independent samples:
 * {@code median(current) / median(baseline) - 1}. Each resample draws both sides with
 * replacement; the interval is the {@code (1-level)/2} and {@code (1+level)/2} quantiles of the
 * resampled changes. Deterministic for a given seed. Thread-safe (no state).
 */
public final class Bootstrap {
    /** Resamples used by {@code vectrade compare}. */
    public static final int DEFAULT_RESAMPLES = 2_000;
    /** Seed used by {@code vectrade compare}, so a comparison is reproducible. */
    public static final long DEFAULT_SEED = 0x5EED_BE4CL;

    private Bootstrap() {
    }

    /**
     * A change and its confidence interval, as fractions ({@code 0.05} = +5%).
     *
     * @param change observed {@code median(current)/median(baseline) - 1}
     * @param lower  lower bound of the interval
     * @param upper  upper bound of the interval
     */
    public record Interval(double change, double lower, double upper) {
        /** True when the interval does not contain zero. */
        public boolean excludesZero() {
            return lower > 0 || upper < 0;
        }
    }

    /**
     * Bootstrap interval of the median ratio change.
     *
     * @throws IllegalArgumentException when a side is empty, the baseline median is not positive,
     *                                  {@code resamples < 100} or {@code level} not in (0, 1)
     */
    public static Interval medianChange(double[] baseline, double[] current, double level, int resamples, long seed) {
        if (baseline.length == 0 || current.length == 0) {
            throw new IllegalArgumentException("both sides need samples, baseline=" + baseline.length
                    + " current=" + current.length);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be >= 100, resamples=" + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), level=" + level);
        }
        double b0 = Summary.exactMedian(baseline);
        if (!(b0 > 0)) {
            throw new IllegalArgumentException("baseline median must be > 0, median=" + b0);
        }
        double change = Summary.exactMedian(current) / b0 - 1;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] changes = new double[resamples];
        double[] bs = new double[baseline.length];
        double[] cs = new double[current.length];
        int kept = 0;
        for (int r = 0; r < resamples; r++) {
            double mb = resampledMedian(baseline, bs, rnd);
            double mc = resampledMedian(current, cs, rnd);
            if (mb > 0) {
                changes[kept++] = mc / mb - 1;
            }
        }
        if (kept == 0) {
            return new Interval(change, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double[] c = Arrays.copyOf(changes, kept);
        Arrays.sort(c);
        double alpha = (1 - level) / 2;
        return new Interval(change, quantile(c, alpha), quantile(c, 1 - alpha));
    }

    /**
     * Percentile-bootstrap interval {lower, upper} of one sample's median (a single sample gives the
     * point itself). Deterministic for a given seed.
     *
     * @throws IllegalArgumentException when empty, {@code resamples < 100} or {@code level} not in (0, 1)
     */
    public static double[] medianInterval(double[] x, double level, int resamples, long seed) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        if (resamples < 100 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("resamples must be >= 100 and level in (0, 1), resamples=" + resamples
                    + " level=" + level);
        }
        if (x.length == 1) {
            return new double[] {x[0], x[0]};
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] meds = new double[resamples];
        double[] scratch = new double[x.length];
        for (int r = 0; r < resamples; r++) {
            meds[r] = resampledMedian(x, scratch, rnd);
        }
        Arrays.sort(meds);
        double alpha = (1 - level) / 2;
        return new double[] {quantile(meds, alpha), quantile(meds, 1 - alpha)};
    }

    private static double resampledMedian(double[] x, double[] scratch, SplittableRandom rnd) {
        for (int k = 0; k < x.length; k++) {
            scratch[k] = x[rnd.nextInt(x.length)];
        }
        Arrays.sort(scratch);
        int m = scratch.length / 2;
        return scratch.length % 2 == 1 ? scratch[m] : (scratch[m - 1] + scratch[m]) / 2;
    }

    /** The {@code q} quantile of sorted data, by the lab's one definition ({@link Percentiles}). */
    static double quantile(double[] sorted, double q) {
        return Percentiles.ofSorted(sorted, 100 * q);
    }
}
