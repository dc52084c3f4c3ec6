package io.vectrade.feature.cpu;

/**
 * Mean and sum of squared deviations of a sliding window, kept as compensated (Neumaier) sums of
 * {@code x - anchor} and {@code (x - anchor)^2}. {@link #reset} anchors at the window's own mean;
 * {@link #rebase} at a given one (the mean of the window {@code n} bars earlier, which a streaming
 * kernel knows in advance and so accumulates bar by bar instead of in one O(n) pass). Callers
 * rebase every window length and reset whenever {@link #drifted()} says the mean moved far from
 * the anchor, so the cancellation in {@code S2 - S1^2 / n} stays small and the result stays within
 * ~1e-12 relative of a two-pass recomputation on any series length.
 * Not thread-safe; one instance per {@link KernelScratch}.
 */
final class RollingMoments {
    private int n;
    private double anchor;
    private final CompensatedSum s1 = new CompensatedSum();
    private final CompensatedSum s2 = new CompensatedSum();

    /** Recomputes the sums over {@code x[from, from + n)}, anchored at their plain mean. */
    void reset(double[] x, int from, int n) {
        this.n = n;
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += x[i];
        }
        anchor = sum / n;
        s1.reset();
        s2.reset();
        for (int i = from; i < from + n; i++) {
            add(x[i]);
        }
    }

    /**
     * Recomputes the sums over {@code x[from, from + n)} anchored at {@code anchor}, oldest first.
     *
     * @return the plain mean of the window (a sequential sum, oldest first, over {@code n}): the anchor
     *         of the next rebase
     */
    double rebase(double[] x, int from, int n, double anchor) {
        this.n = n;
        this.anchor = anchor;
        s1.reset();
        s2.reset();
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            add(x[i]);
            sum += x[i];
        }
        return sum / n;
    }

    /** The anchor of the sums. */
    double anchor() {
        return anchor;
    }

    /** Adds a value entering the window. */
    void add(double x) {
        double d = x - anchor;
        s1.add(d);
        s2.add(d * d);
    }

    /** Removes a value leaving the window (the same value that was added). */
    void remove(double x) {
        double d = x - anchor;
        s1.add(-d);
        s2.add(-(d * d));
    }

    /** {@code x - mean}, computed from the anchor for precision. */
    double deviation(double x) {
        return (x - anchor) - s1.value() / n;
    }

    /** Sum of squared deviations from the window mean, clamped at 0. */
    double squaredDeviations() {
        double d1 = s1.value();
        double m2 = s2.value() - d1 * d1 / n;
        return m2 > 0 ? m2 : 0.0;
    }

    /** True when the mean drifted more than 100 standard deviations from the anchor. */
    boolean drifted() {
        double d1 = s1.value();
        return d1 * d1 > 1e4 * n * squaredDeviations();
    }
}
