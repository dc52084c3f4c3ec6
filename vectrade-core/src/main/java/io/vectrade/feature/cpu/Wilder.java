package io.vectrade.feature.cpu;

/**
 * Features smoothed with Wilder's method ({@code s = (s * (n - 1) + x) / n}), with TA-Lib's
 * arithmetic and zero checks: {@code rsi(n)}, {@code atr(n)}, {@code adx(n)}. Outputs are in the
 * units TA-Lib uses (RSI and ADX in [0, 100], ATR in price units). Stateless; thread-safe.
 */
final class Wilder {
    private Wilder() {
    }

    /** TA-Lib's TA_IS_ZERO (Java 0.4.0 uses 1e-8). */
    static boolean isZero(double v) {
        return -1e-8 < v && v < 1e-8;
    }

    /**
     * TA-Lib RSI = 100 * avgGain / (avgGain + avgLoss); the first averages are plain means of the
     * first {@code n} changes, then Wilder-smoothed; 0 when the sum is (TA-Lib) zero. Writes
     * {@code [n, length)}.
     */
    static void rsi(double[] close, int length, int n, double[] out) {
        if (n >= length) {
            return;
        }
        double prev = close[0];
        double gain = 0;
        double loss = 0;
        for (int t = 1; t <= n; t++) {
            double x = close[t];
            double d = x - prev;
            prev = x;
            if (d < 0) {
                loss -= d;
            } else {
                gain += d;
            }
        }
        loss /= n;
        gain /= n;
        out[n] = rsiValue(gain, loss);
        for (int t = n + 1; t < length; t++) {
            double x = close[t];
            double d = x - prev;
            prev = x;
            loss *= (n - 1);
            gain *= (n - 1);
            if (d < 0) {
                loss -= d;
            } else {
                gain += d;
            }
            loss /= n;
            gain /= n;
            out[t] = rsiValue(gain, loss);
        }
    }

    private static double rsiValue(double gain, double loss) {
        double sum = gain + loss;
        return isZero(sum) ? 0.0 : 100.0 * (gain / sum);
    }

    /** True range at bar {@code t >= 1}: max(h - l, |h - c[t-1]|, |l - c[t-1]|), as TA-Lib TRANGE. */
    static double trueRange(double[] high, double[] low, double[] close, int t) {
        double h = high[t];
        double l = low[t];
        double yc = close[t - 1];
        double greatest = h - l;
        double v = Math.abs(yc - h);
        if (v > greatest) {
            greatest = v;
        }
        v = Math.abs(l - yc);
        if (v > greatest) {
            greatest = v;
        }
        return greatest;
    }

    /**
     * TA-Lib ATR: the first value (bar n) is the mean of the true ranges of bars 1..n, then
     * Wilder-smoothed; {@code atr(1)} is the true range. Writes {@code [n, length)}.
     */
    static void atr(double[] high, double[] low, double[] close, int length, int n, double[] out) {
        if (n >= length) {
            return;
        }
        if (n == 1) {
            for (int t = 1; t < length; t++) {
                out[t] = trueRange(high, low, close, t);
            }
            return;
        }
        double sum = 0;
        for (int t = 1; t <= n; t++) {
            sum += trueRange(high, low, close, t);
        }
        double atr = sum / n;
        out[n] = atr;
        for (int t = n + 1; t < length; t++) {
            atr *= n - 1;
            atr += trueRange(high, low, close, t);
            atr /= n;
            out[t] = atr;
        }
    }

    /**
     * TA-Lib ADX: +DM/-DM and TR summed over the first {@code n - 1} bars, then Wilder-smoothed
     * ({@code s -= s / n; s += x}); DX = 100 |-DI - +DI| / (-DI + +DI); the first ADX (bar
     * {@code 2n - 1}) is the mean of the first {@code n} DX, then Wilder-smoothed. A bar whose TR
     * or DI sum is (TA-Lib) zero leaves the ADX unchanged. Writes {@code [2n - 1, length)}.
     */
    static void adx(double[] high, double[] low, double[] close, int length, int n, double[] out) {
        int lookback = 2 * n - 1;
        if (lookback >= length) {
            return;
        }
        double minusDm = 0;
        double plusDm = 0;
        double tr = 0;
        double prevHigh = high[0];
        double prevLow = low[0];
        int today = 0;
        for (int i = n - 1; i > 0; i--) {
            today++;
            double diffP = high[today] - prevHigh;
            prevHigh = high[today];
            double diffM = prevLow - low[today];
            prevLow = low[today];
            if (diffM > 0 && diffP < diffM) {
                minusDm += diffM;
            } else if (diffP > 0 && diffP > diffM) {
                plusDm += diffP;
            }
            tr += trueRange(high, low, close, today);
        }
        double sumDx = 0;
        for (int i = n; i > 0; i--) {
            today++;
            double diffP = high[today] - prevHigh;
            prevHigh = high[today];
            double diffM = prevLow - low[today];
            prevLow = low[today];
            minusDm -= minusDm / n;
            plusDm -= plusDm / n;
            if (diffM > 0 && diffP < diffM) {
                minusDm += diffM;
            } else if (diffP > 0 && diffP > diffM) {
                plusDm += diffP;
            }
            tr = tr - (tr / n) + trueRange(high, low, close, today);
            if (!isZero(tr)) {
                double minusDi = 100.0 * (minusDm / tr);
                double plusDi = 100.0 * (plusDm / tr);
                double sum = minusDi + plusDi;
                if (!isZero(sum)) {
                    sumDx += 100.0 * (Math.abs(minusDi - plusDi) / sum);
                }
            }
        }
        double adx = sumDx / n;
        out[today] = adx;
        while (today < length - 1) {
            today++;
            double diffP = high[today] - prevHigh;
            prevHigh = high[today];
            double diffM = prevLow - low[today];
            prevLow = low[today];
            minusDm -= minusDm / n;
            plusDm -= plusDm / n;
            if (diffM > 0 && diffP < diffM) {
                minusDm += diffM;
            } else if (diffP > 0 && diffP > diffM) {
                plusDm += diffP;
            }
            tr = tr - (tr / n) + trueRange(high, low, close, today);
            if (!isZero(tr)) {
                double minusDi = 100.0 * (minusDm / tr);
                double plusDi = 100.0 * (plusDm / tr);
                double sum = minusDi + plusDi;
                if (!isZero(sum)) {
                    double dx = 100.0 * (Math.abs(minusDi - plusDi) / sum);
                    adx = ((adx * (n - 1)) + dx) / n;
                }
            }
            out[today] = adx;
        }
    }
}
