package io.vectrade.feature.cpu;

/**
 * Changes of close over {@code n} bars: {@code momentum(n)} (TA-Lib MOM, price units),
 * {@code roc(n)} (TA-Lib ROC, percent), {@code logret(n)} (own: natural log return). Each writes
 * {@code [n, length)}. Stateless; thread-safe.
 */
final class Changes {
    private Changes() {
    }

    /** momentum(n) = c[t] - c[t-n]. */
    static void momentum(double[] close, int length, int n, double[] out) {
        for (int t = n; t < length; t++) {
            out[t] = close[t] - close[t - n];
        }
    }

    /** roc(n) = 100 * (c[t] / c[t-n] - 1); 0 when c[t-n] is 0, as TA-Lib. */
    static void roc(double[] close, int length, int n, double[] out) {
        for (int t = n; t < length; t++) {
            double base = close[t - n];
            out[t] = base != 0.0 ? ((close[t] / base) - 1.0) * 100.0 : 0.0;
        }
    }

    /**
     * logret(n) = ln(c[t] / c[t-n]) by {@link StrictMath#log} (fdlibm: the same bits on every JVM and
     * processor, which {@link Math#log} does not promise); NaN or infinite for non-positive closes (IEEE rules).
     */
    static void logret(double[] close, int length, int n, double[] out) {
        for (int t = n; t < length; t++) {
            out[t] = StrictMath.log(close[t] / close[t - n]);
        }
    }
}
