package io.vectrade.feature.reference;

import io.vectrade.feature.FeatureSpec;

import java.util.Arrays;

/**
 * Test reference for the features that TA-Lib lacks: straightforward O(length * n) double
 * implementations written from the definitions in docs/design.md, recomputing every window from scratch
 * (two passes for mean and deviation). Full-length outputs, NaN during warm-up. Conventions shared
 * with the engine (documented there): a window holding a non-finite input gives NaN; a window of
 * identical inputs has standard deviation 0 (zscore 0); an all-zero-volume window's vwap is the mean
 * typical price.
 */
public final class OwnReference {
    private OwnReference() {
    }

    /** Computes volatility, logret, zscore or vwap; one part. */
    public static double[][] compute(FeatureSpec spec, double[] o, double[] h, double[] l, double[] c, double[] v) {
        int n = spec.intParam(0);
        return new double[][] {switch (spec.type()) {
            case VOLATILITY -> volatility(c, n);
            case LOGRET -> logret(c, n);
            case ZSCORE -> zscore(c, n);
            case VWAP -> vwap(h, l, c, v, n);
            default -> throw new IllegalArgumentException("no own reference, spec=" + spec);
        }};
    }

    /** ln(c[t] / c[t-n]). */
    public static double[] logret(double[] c, int n) {
        double[] out = nan(c.length);
        for (int t = n; t < c.length; t++) {
            out[t] = StrictMath.log(c[t] / c[t - n]);
        }
        return out;
    }

    /** Sample standard deviation of the n log returns ending at t; first at t = n. */
    public static double[] volatility(double[] c, int n) {
        double[] out = nan(c.length);
        double[] returns = logret(c, 1);
        for (int t = n; t < c.length; t++) {
            double[] r = Arrays.copyOfRange(returns, t - n + 1, t + 1);
            out[t] = allFinite(r) ? (allEqual(r) ? 0.0 : Math.sqrt(sumSquaredDeviations(r) / (n - 1))) : Double.NaN;
        }
        return out;
    }

    /** (c - mean) / population stddev over the n closes ending at t; 0 for identical closes. */
    public static double[] zscore(double[] c, int n) {
        double[] out = nan(c.length);
        for (int t = n - 1; t < c.length; t++) {
            double[] w = Arrays.copyOfRange(c, t - n + 1, t + 1);
            if (!allFinite(w)) {
                continue;
            }
            if (allEqual(w)) {
                out[t] = 0.0;
                continue;
            }
            double mean = mean(w);
            out[t] = (c[t] - mean) / Math.sqrt(sumSquaredDeviations(w) / n);
        }
        return out;
    }

    /** sum(tp * v) / sum(v) over n bars, tp = (h + l + c) / 3; mean tp when all volumes are 0. */
    public static double[] vwap(double[] h, double[] l, double[] c, double[] v, int n) {
        double[] out = nan(c.length);
        for (int t = n - 1; t < c.length; t++) {
            double pv = 0;
            double vol = 0;
            double tpSum = 0;
            for (int b = t - n + 1; b <= t; b++) {
                double tp = (h[b] + l[b] + c[b]) / 3;
                pv += tp * v[b];
                vol += v[b];
                tpSum += tp;
            }
            if (!Double.isFinite(pv) || !Double.isFinite(vol)) {
                continue;
            }
            out[t] = vol == 0.0 && allZero(v, t - n + 1, t + 1) ? tpSum / n : pv / vol;
        }
        return out;
    }

    private static double mean(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        return s / w.length;
    }

    private static double sumSquaredDeviations(double[] w) {
        double mean = mean(w);
        double s = 0;
        for (double x : w) {
            s += (x - mean) * (x - mean);
        }
        return s;
    }

    private static boolean allEqual(double[] w) {
        for (double x : w) {
            if (x != w[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFinite(double[] w) {
        for (double x : w) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(double[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v[i] != 0.0) {
                return false;
            }
        }
        return true;
    }

    private static double[] nan(int n) {
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        return out;
    }
}
