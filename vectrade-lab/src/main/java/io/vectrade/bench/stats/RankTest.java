package io.vectrade.bench.stats;

/**
 * One-sided Mann&ndash;Whitney U test (Wilcoxon rank-sum), normal approximation with the tie
 * correction and a continuity correction of 1/2. Used by {@code vectrade compare} to ask whether
 * one side's samples are stochastically larger than the other's <em>after</em> scaling by the noise
 * threshold. Distribution-free: no normality assumed, only independent samples. Thread-safe.
 */
public final class RankTest {
    private RankTest() {
    }

    /**
     * The one-sided p-value of "{@code x} tends to be larger than {@code y}": the probability, under
     * the null hypothesis that both come from one distribution, of a U statistic at least as large
     * as the observed {@code U = #{(i,j): x_i > y_j} + #{ties}/2}.
     *
     * @throws IllegalArgumentException when a side is empty or holds NaN
     */
    public static double greaterPValue(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both sides need samples, x=" + n1 + " y=" + n2);
        }
        int n = n1 + n2;
        double[] all = new double[n];
        System.arraycopy(x, 0, all, 0, n1);
        System.arraycopy(y, 0, all, n1, n2);
        for (double v : all) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("samples must not be NaN");
            }
        }
        double[] sorted = all.clone();
        java.util.Arrays.sort(sorted);
        // midranks (1-based) and the tie term sum(t^3 - t)
        double tie = 0;
        double rankSumX = 0;
        for (double v : x) {
            rankSumX += midrank(sorted, v);
        }
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            tie += t * t * t - t;
            i = j;
        }
        double u = rankSumX - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2;
        double var = n1 * (double) n2 / 12 * ((n + 1) - tie / ((double) n * (n - 1)));
        if (!(var > 0)) {
            return u > mean ? 0 : 1; // every value tied
        }
        double z = (u - mean - 0.5) / Math.sqrt(var);
        return upperTail(z);
    }

    private static double midrank(double[] sorted, double v) {
        int lo = lowerBound(sorted, v);
        int hi = lowerBound(sorted, Math.nextUp(v));
        return (lo + 1 + hi) / 2.0;
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (a[m] < v) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    /** {@code P(Z > z)} for a standard normal Z; relative error below 1.2e-7 (Chebyshev fit of erfc). */
    public static double upperTail(double z) {
        return erfc(z / Math.sqrt(2)) / 2;
    }

    /** Complementary error function (Numerical Recipes' erfcc, fractional error &lt; 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /**
     * Holm's step-down adjustment: adjusted {@code p_(i) = max_{j<=i} min(1, (m - j + 1) p_(j))} over
     * the p-values sorted ascending, returned in the input order. Rejecting where the adjusted value
     * is below {@code alpha} controls the family-wise error rate at {@code alpha} under any dependence.
     */
    public static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] adj = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++) {
            double v = Math.min(1, (m - k) * p[order[k]]);
            running = Math.max(running, v);
            adj[order[k]] = running;
        }
        return adj;
    }
}
