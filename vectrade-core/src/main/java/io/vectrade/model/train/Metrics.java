package io.vectrade.model.train;

import java.util.Arrays;

/**
 * Out-of-sample metrics over paired arrays. NaN pairs are skipped where stated. Stateless; each call
 * allocates its own small scratch (training-time code, not a hot path).
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Ranks {@code 1..n} of {@code x[0, n)}, ties getting the average of their ranks ("midranks").
     */
    public static double[] ranks(double[] x, int n) {
        Integer[] idx = new Integer[n];
        for (int k = 0; k < n; k++) {
            idx[k] = k;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(x[a], x[b]));
        double[] r = new double[n];
        int k = 0;
        while (k < n) {
            int j = k;
            while (j + 1 < n && x[idx[j + 1]] == x[idx[k]]) {
                j++;
            }
            double avg = (k + j) / 2.0 + 1;
            for (int m = k; m <= j; m++) {
                r[idx[m]] = avg;
            }
            k = j + 1;
        }
        return r;
    }

    /** Pearson correlation of {@code x[0, n)} and {@code y[0, n)}; NaN when either is constant or n &lt; 2. */
    public static double pearson(double[] x, double[] y, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int k = 0; k < n; k++) {
            mx += x[k];
            my += y[k];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int k = 0; k < n; k++) {
            double dx = x[k] - mx;
            double dy = y[k] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    /** Spearman rank correlation (Pearson of midranks) of the first {@code n} pairs; NaN if undefined. */
    public static double spearman(double[] x, double[] y, int n) {
        return pearson(ranks(x, n), ranks(y, n), n);
    }

    /**
     * Cross-sectional rank IC: for each bar in {@code [fromBar, toBar)} the Spearman correlation between scores
     * and labels over the instruments where both are finite, then the mean over the bars where it is defined
     * (at least 3 pairs, neither side constant). NaN if no bar qualifies.
     */
    public static double crossSectionalIc(double[] scores, double[] labels, int instruments, int fromBar, int toBar) {
        double[] x = new double[instruments];
        double[] y = new double[instruments];
        double sum = 0;
        int count = 0;
        for (int t = fromBar; t < toBar; t++) {
            int m = 0;
            for (int i = 0; i < instruments; i++) {
                int r = t * instruments + i;
                if (Double.isFinite(scores[r]) && Double.isFinite(labels[r])) {
                    x[m] = scores[r];
                    y[m] = labels[r];
                    m++;
                }
            }
            if (m < 3) {
                continue;
            }
            double ic = spearman(x, y, m);
            if (!Double.isNaN(ic)) {
                sum += ic;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Pooled rank IC: one Spearman correlation over every finite (score, label) pair of the bars. */
    public static double pooledIc(double[] scores, double[] labels, int instruments, int fromBar, int toBar) {
        int cells = (toBar - fromBar) * instruments;
        double[] x = new double[cells];
        double[] y = new double[cells];
        int m = 0;
        for (int r = fromBar * instruments; r < toBar * instruments; r++) {
            if (Double.isFinite(scores[r]) && Double.isFinite(labels[r])) {
                x[m] = scores[r];
                y[m] = labels[r];
                m++;
            }
        }
        return spearman(x, y, m);
    }

    /**
     * Area under the ROC curve of {@code score} for the positives {@code positive[k]}, over the first
     * {@code n} entries: the probability that a random positive scores above a random negative, ties
     * counting one half (Mann–Whitney U with midranks). NaN without both classes.
     */
    public static double auc(double[] score, boolean[] positive, int n) {
        double[] r = ranks(score, n);
        double sumPos = 0;
        long pos = 0;
        for (int k = 0; k < n; k++) {
            if (positive[k]) {
                sumPos += r[k];
                pos++;
            }
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (sumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Fraction of the first {@code n} entries where {@code score > threshold} equals {@code positive}; NaN if n = 0. */
    public static double accuracy(double[] score, boolean[] positive, int n, double threshold) {
        if (n == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int k = 0; k < n; k++) {
            if ((score[k] > threshold) == positive[k]) {
                hits++;
            }
        }
        return (double) hits / n;
    }
}
