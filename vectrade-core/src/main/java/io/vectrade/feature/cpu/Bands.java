package io.vectrade.feature.cpu;

/**
 * Bollinger bands as TA-Lib BBANDS with an SMA middle band: middle = SMA(n) of close,
 * upper/lower = middle ± k * sd, sd = sqrt(sum(c^2) / n - middle^2), the population standard
 * deviation from running sums exactly as TA-Lib computes it (0 when that variance is below 1e-8).
 * Price units. Writes {@code [n - 1, length)}. Stateless; thread-safe.
 */
final class Bands {
    private Bands() {
    }

    static void bbands(double[] close, int length, int n, double k, double[] upper, double[] middle,
                       double[] lower) {
        int first = n - 1;
        if (first >= length) {
            return;
        }
        Averages.sma(close, 0, length, n, middle);
        double total2 = 0;
        for (int i = 0; i < first; i++) {
            double x = close[i];
            total2 += x * x;
        }
        for (int t = first; t < length; t++) {
            double x = close[t];
            total2 += x * x;
            double meanSquare = total2 / n;
            x = close[t - first];
            total2 -= x * x;
            double ma = middle[t];
            meanSquare -= ma * ma;
            double sd = meanSquare < 1e-8 ? 0.0 : Math.sqrt(meanSquare);
            double width = sd * k;
            upper[t] = ma + width;
            lower[t] = ma - width;
        }
    }
}
