package io.vectrade.feature.cpu;

/**
 * Volume features: {@code obv} (TA-Lib OBV) and {@code vwap(n)} (own). Stateless apart from the
 * scratch; thread-safe with one scratch per thread.
 */
final class Volumes {
    private Volumes() {
    }

    /**
     * On-balance volume as TA-Lib OBV: starts at v[0] on bar 0, then adds v[t] on an up close,
     * subtracts it on a down close. Volume units. Writes {@code [0, length)}.
     */
    static void obv(double[] close, double[] volume, int length, double[] out) {
        if (length == 0) {
            return;
        }
        double obv = volume[0];
        double prev = close[0];
        for (int t = 0; t < length; t++) {
            double c = close[t];
            if (c > prev) {
                obv += volume[t];
            } else if (c < prev) {
                obv -= volume[t];
            }
            out[t] = obv;
            prev = c;
        }
    }

    /**
     * vwap(n) = sum(tp * v) / sum(v) over the last {@code n} bars, tp = (h + l + c) / 3, in price
     * units. When all {@code n} volumes are 0 (counted exactly) it is the plain mean of tp, the limit
     * of equal weights, so a window without trades still gives a price. A window holding a
     * non-finite input gives NaN. O(length): Neumaier-compensated running sums, recomputed every
     * {@code n} bars; within ~1e-13 relative of a direct sum. Writes {@code [n - 1, length)}.
     */
    static void vwap(double[] high, double[] low, double[] close, double[] volume, int length, int n,
                     double[] out, KernelScratch s) {
        if (n - 1 >= length) {
            return;
        }
        double[] tp = s.a;
        double[] tpv = s.b;
        CompensatedSum pv = s.sum1;
        CompensatedSum vol = s.sum2;
        CompensatedSum p = s.sum3;
        int lastBad = Integer.MIN_VALUE / 2;
        int zeros = 0;
        int nextReset = n - 1;
        for (int t = 0; t < length; t++) {
            double v = volume[t];
            tp[t] = (high[t] + low[t] + close[t]) / 3;
            tpv[t] = tp[t] * v;
            if (!Double.isFinite(tpv[t])) {
                lastBad = t;
            }
            if (v == 0.0) {
                zeros++;
            }
            if (t >= n && volume[t - n] == 0.0) {
                zeros--;
            }
            if (t < n - 1) {
                continue;
            }
            if (t - lastBad < n) {
                out[t] = Double.NaN;
                nextReset = t + 1;
                continue;
            }
            if (t >= nextReset) {
                pv.reset();
                vol.reset();
                p.reset();
                for (int i = t - n + 1; i <= t; i++) {
                    pv.add(tpv[i]);
                    vol.add(volume[i]);
                    p.add(tp[i]);
                }
                nextReset = t + n;
            } else {
                pv.add(tpv[t]);
                pv.add(-tpv[t - n]);
                vol.add(v);
                vol.add(-volume[t - n]);
                p.add(tp[t]);
                p.add(-tp[t - n]);
            }
            out[t] = zeros == n ? p.value() / n : pv.value() / vol.value();
        }
    }
}
