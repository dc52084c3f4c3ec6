package io.vectrade.bench.stats;

/**
 * The one percentile definition of the lab: linear interpolation between closest ranks
 * (Hyndman &amp; Fan type 7, the default of NumPy, R and Excel's {@code PERCENTILE.INC}). For
 * {@code n} sorted values {@code x[0..n-1]} and {@code p} in [0, 100], the position is
 * {@code h = (n-1) p/100}; the percentile is {@code x[floor(h)] + (h - floor(h)) (x[floor(h)+1] - x[floor(h)])}.
 * So the 0th is the minimum, the 100th the maximum, every percentile lies within [min, max], and
 * percentiles never decrease as {@code p} grows. Exact on the samples (no histogram buckets).
 * Thread-safe (no state).
 */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * The {@code p}-th percentile of {@code sorted} (ascending, not empty, no NaN).
     *
     * @param p percentile in [0, 100]
     * @throws IllegalArgumentException when empty or {@code p} is outside [0, 100]
     */
    public static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], p=" + p);
        }
        double h = (sorted.length - 1) * (p / 100);
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double w = h - lo;
        double v = sorted[lo] + w * (sorted[lo + 1] - sorted[lo]);
        // rounding can step past the upper neighbour by an ulp; clamp keeps the bracket exact
        return Math.min(Math.max(v, sorted[lo]), sorted[lo + 1]);
    }

    /** The {@code p}-th percentile of unsorted {@code samples} (sorts a copy). */
    public static double of(double[] samples, double p) {
        double[] s = samples.clone();
        java.util.Arrays.sort(s);
        return ofSorted(s, p);
    }
}
