package io.vectrade.evaluation;

import io.vectrade.data.Panel;
import io.vectrade.model.train.Metrics;

/**
 * How well scores predict forward returns at one horizon h, over decision bars {@code [from, to)}; definitions
 * in docs/evaluation.md. The forward return of cell (t, i) is {@code close[t+h, i] / close[t, i] - 1}, defined
 * when both closes exist and {@code t + h < T}. Per bar, over the instruments with a finite score and forward
 * return: the IC (Pearson) and rank IC (Spearman with midranks), when there are at least 3 such instruments
 * and neither side is constant; the quantile mean forward returns, when there are at least as many instruments
 * as quantiles. The summaries are over the bars where each is defined; sd is the sample sd (n - 1). The
 * t-stat treats the bars as independent, which overstates it for overlapping horizons (h &gt; 1).
 *
 * <p>Immutable apart from the arrays, which callers must not change.
 *
 * @param horizon        h in bars
 * @param icBars         bars where the IC is defined
 * @param icMean         mean IC
 * @param icSd           sample sd of the IC
 * @param icir           {@code icMean / icSd}
 * @param icTstat        {@code icMean / (icSd / √icBars)}
 * @param rankIcBars     bars where the rank IC is defined
 * @param rankIcMean     mean rank IC
 * @param rankIcSd       sample sd of the rank IC
 * @param rankIcir       {@code rankIcMean / rankIcSd}
 * @param rankIcTstat    {@code rankIcMean / (rankIcSd / √rankIcBars)}
 * @param quantileBars   bars with quantile returns
 * @param quantileMeans  mean over those bars of each quantile's mean forward return, bottom (lowest scores) first
 * @param spread         top quantile minus bottom quantile
 * @param ic             IC per bar (length T, NaN where undefined)
 * @param rankIc         rank IC per bar (length T, NaN where undefined)
 */
public record SignalQuality(int horizon, int icBars, double icMean, double icSd, double icir, double icTstat,
                            int rankIcBars, double rankIcMean, double rankIcSd, double rankIcir, double rankIcTstat,
                            int quantileBars, double[] quantileMeans, double spread, double[] ic, double[] rankIc) {

    /**
     * Evaluates {@code scores} (time-major T × N, NaN where there is none) against the panel's closes.
     *
     * @throws IllegalArgumentException on a bad horizon, quantile count, range or shape
     */
    public static SignalQuality evaluate(double[] scores, Panel panel, int from, int to, int horizon, int quantiles) {
        int bars = panel.bars();
        int n = panel.instruments();
        if (horizon < 1 || quantiles < 2) {
            throw new IllegalArgumentException("need horizon >= 1 and quantiles >= 2, horizon=" + horizon
                    + " quantiles=" + quantiles);
        }
        if (scores.length < bars * n || from < 0 || to > bars || from > to) {
            throw new IllegalArgumentException("bad scores or range, scores=" + scores.length + " panel=" + bars + "x" + n
                    + " from=" + from + " to=" + to);
        }
        double[] ic = new double[bars];
        double[] rankIc = new double[bars];
        java.util.Arrays.fill(ic, Double.NaN);
        java.util.Arrays.fill(rankIc, Double.NaN);
        double[] x = new double[n];
        double[] y = new double[n];
        double[] rx = new double[n];
        double[] ry = new double[n];
        double[] sorted = new double[n];
        double[] qSum = new double[quantiles];
        double[] qBar = new double[quantiles];
        int[] qCount = new int[quantiles];
        int qBars = 0;
        int last = Math.min(to, bars - horizon);
        for (int t = from; t < last; t++) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                double s = scores[t * n + i];
                double c0 = panel.close(t, i);
                double c1 = panel.close(t + horizon, i);
                double fr = c1 / c0 - 1;
                if (Double.isFinite(s) && Double.isFinite(fr)) {
                    x[m] = s;
                    y[m] = fr;
                    m++;
                }
            }
            if (m >= 3 || m >= quantiles) {
                midranks(x, m, sorted, rx);
            }
            if (m >= 3) {
                ic[t] = Metrics.pearson(x, y, m);
                midranks(y, m, sorted, ry);
                rankIc[t] = Metrics.pearson(rx, ry, m);
            }
            if (m >= quantiles) {
                double[] rank = rx;
                java.util.Arrays.fill(qBar, 0);
                java.util.Arrays.fill(qCount, 0);
                for (int k = 0; k < m; k++) {
                    int q = (int) Math.floor((rank[k] - 1) * quantiles / m);
                    qBar[q] += y[k];
                    qCount[q]++;
                }
                boolean all = true;
                for (int q = 0; q < quantiles; q++) {
                    all &= qCount[q] > 0;
                }
                if (all) {
                    for (int q = 0; q < quantiles; q++) {
                        qSum[q] += qBar[q] / qCount[q];
                    }
                    qBars++;
                }
            }
        }
        double[] qMeans = new double[quantiles];
        for (int q = 0; q < quantiles; q++) {
            qMeans[q] = qBars > 0 ? qSum[q] / qBars : Double.NaN;
        }
        Summary a = Summary.of(ic);
        Summary b = Summary.of(rankIc);
        return new SignalQuality(horizon, a.count, a.mean, a.sd, a.mean / a.sd, a.mean / (a.sd / Math.sqrt(a.count)),
                b.count, b.mean, b.sd, b.mean / b.sd, b.mean / (b.sd / Math.sqrt(b.count)), qBars, qMeans,
                qMeans[quantiles - 1] - qMeans[0], ic, rankIc);
    }

    /**
     * Midranks 1..m of {@code x[0, m)} (ties, -0.0 and 0.0 included, share the mean of their ranks, as in
     * {@link Metrics#ranks}) by a primitive sort and binary search.
     */
    static void midranks(double[] x, int m, double[] sorted, double[] out) {
        for (int k = 0; k < m; k++) {
            sorted[k] = x[k] + 0.0;   // -0.0 + 0.0 is 0.0: -0.0 and 0.0 tie, as == has them
        }
        java.util.Arrays.sort(sorted, 0, m);
        for (int k = 0; k < m; k++) {
            double v = x[k] + 0.0;
            int lo = 0;
            int hi = m;
            while (lo < hi) {   // first index with sorted >= v
                int mid = (lo + hi) >>> 1;
                if (Double.compare(sorted[mid], v) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int first = lo;
            hi = m;
            while (lo < hi) {   // first index with sorted > v
                int mid = (lo + hi) >>> 1;
                if (Double.compare(sorted[mid], v) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[k] = (first + 1 + lo) / 2.0;
        }
    }

    /** Mean and sample sd of the non-NaN values. */
    private record Summary(int count, double mean, double sd) {
        static Summary of(double[] v) {
            int k = 0;
            double s = 0;
            for (double d : v) {
                if (!Double.isNaN(d)) {
                    s += d;
                    k++;
                }
            }
            double mean = k > 0 ? s / k : Double.NaN;
            double ss = 0;
            for (double d : v) {
                if (!Double.isNaN(d)) {
                    ss += (d - mean) * (d - mean);
                }
            }
            return new Summary(k, mean, k > 1 ? Math.sqrt(ss / (k - 1)) : Double.NaN);
        }
    }
}
