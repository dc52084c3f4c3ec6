package io.vectrade.feature.cpu;

/**
 * The own rolling statistics (not in TA-Lib; reference: a naive two-pass recomputation in the
 * tests): {@code volatility(n)}, {@code zscore(n)}. O(length): compensated rolling moments,
 * rebased every {@code n} bars and reset on drift (see {@link RollingMoments}); within ~1e-12
 * relative of a two-pass recomputation on 1,000,000-bar series.
 *
 * <p>A window holding a non-finite input gives NaN (until that input leaves the window). A window
 * of {@code n} identical inputs has a standard deviation of exactly 0 (detected exactly, not by a
 * tolerance). Stateless apart from the scratch; thread-safe with one scratch per thread.
 */
final class Statistics {
    private Statistics() {
    }

    /**
     * volatility(n): sample standard deviation ({@code n - 1} denominator) of the last {@code n}
     * log returns {@code ln(c[t] / c[t-1])} ({@link StrictMath#log}, as logret), per bar (not annualised); first value at bar {@code n};
     * 0 for {@code n} identical returns (a flat stretch). Writes {@code [n, length)}.
     */
    static void volatility(double[] close, int length, int n, double[] out, KernelScratch s) {
        if (n >= length) {
            return;
        }
        double[] r = s.a;
        for (int t = 1; t < length; t++) {
            r[t] = StrictMath.log(close[t] / close[t - 1]);
        }
        rolling(r, 1, length, n, out, s, false);
    }

    /**
     * zscore(n): (c - SMA(n)) / population standard deviation(n) of close; 0 when the {@code n}
     * closes are identical (the close equals the mean: no deviation, rather than NaN, so a flat
     * market gives a finite feature). Writes {@code [n - 1, length)}.
     */
    static void zscore(double[] close, int length, int n, double[] out, KernelScratch s) {
        rolling(close, 0, length, n, out, s, true);
    }

    /**
     * Sliding window of {@code n} values of {@code x[from, length)}; z-score or sample stddev. The sums
     * are reset (anchored at the window's own mean) at the first bar, after a non-finite input has left
     * the window and on drift; {@code n} bars after a reset or rebase they are rebased at the mean of
     * the window of that reset or rebase. The streaming kernel does the same arithmetic in O(1) per bar
     * (bit for bit: {@code StreamingFeatures}' tests).
     */
    private static void rolling(double[] x, int from, int length, int n, double[] out, KernelScratch s,
                                boolean zscore) {
        int first = from + n - 1;
        if (first >= length) {
            return;
        }
        RollingMoments m = s.moments;
        int lastBad = Integer.MIN_VALUE / 2;
        int equalRun = 0;
        int nextReset = first;
        int lastReset = Integer.MIN_VALUE / 2;
        double nextAnchor = 0;
        for (int t = from; t < length; t++) {
            double v = x[t];
            if (!Double.isFinite(v)) {
                lastBad = t;
            }
            equalRun = t > from && v == x[t - 1] ? equalRun + 1 : 0;
            if (t < first) {
                continue;
            }
            if (t - lastBad < n) {
                out[t] = Double.NaN;
                nextReset = t + 1;
                continue;
            }
            if (t >= nextReset) {
                if (t == lastReset + n) {
                    // n bars after the last reset or rebase, no non-finite input since (t would be on the NaN path)
                    nextAnchor = m.rebase(x, t - n + 1, n, nextAnchor);
                    if (equalRun < n - 1 && m.drifted()) {
                        // the window's mean is far from the previous window's: anchor at its own
                        m.reset(x, t - n + 1, n);
                        nextAnchor = m.anchor();
                    }
                } else {
                    m.reset(x, t - n + 1, n);
                    nextAnchor = m.anchor();
                }
                lastReset = t;
                nextReset = t + n;
            } else {
                m.add(v);
                m.remove(x[t - n]);
                if (equalRun < n - 1 && m.drifted()) {
                    m.reset(x, t - n + 1, n);
                    nextAnchor = m.anchor();
                    lastReset = t;
                    nextReset = t + n;
                }
            }
            if (equalRun >= n - 1) {
                out[t] = 0.0;
            } else if (zscore) {
                double sd = Math.sqrt(m.squaredDeviations() / n);
                out[t] = sd > 0 ? m.deviation(v) / sd : 0.0;
            } else {
                out[t] = Math.sqrt(m.squaredDeviations() / (n - 1));
            }
        }
    }
}
