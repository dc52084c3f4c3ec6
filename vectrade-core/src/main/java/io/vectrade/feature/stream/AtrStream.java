package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code atr(n)}: TA-Lib ATR (bit-exact): the true range from the second bar on, its plain average
 * over bars 1..n as the seed at bar {@code n}, then {@code atr = (atr * (n - 1) + tr) / n};
 * {@code atr(1)} is the true range itself.
 */
final class AtrStream extends StreamKernel {
    private final int n;
    private final double[] prevClose;
    private final double[] atr;

    AtrStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.prevClose = new double[instruments];
        this.atr = new double[instruments];
    }

    /** TA-Lib's true range: the largest of high - low, |prevClose - high| and |prevClose - low|. */
    static double trueRange(double high, double low, double prevClose) {
        double greatest = high - low;
        double toHigh = Math.abs(prevClose - high);
        if (toHigh > greatest) {
            greatest = toHigh;
        }
        double toLow = Math.abs(prevClose - low);
        if (toLow > greatest) {
            greatest = toLow;
        }
        return greatest;
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        if (k == 0) {
            prevClose[i] = close;
            out[index] = Double.NaN;
            return;
        }
        double tr = trueRange(high, low, prevClose[i]);
        prevClose[i] = close;
        if (n == 1) {
            out[index] = tr;
            return;
        }
        double a = atr[i];
        if (k < n) {
            atr[i] = a + tr;
            out[index] = Double.NaN;
            return;
        }
        if (k == n) {
            a = (a + tr) / n;
        } else {
            a *= n - 1;
            a += tr;
            a /= n;
        }
        atr[i] = a;
        out[index] = a;
    }

    @Override
    void tick(double[] open, double[] high, double[] low, double[] close, double[] volume,
              int[] barsSeen, double[] out, int column) {
        int b = instruments;
        for (int i = 0, index = column * b; i < b; i++, index++) {
            double c = close[i];
            if (c == c) {
                update(i, barsSeen[i], open[i], high[i], low[i], c, volume[i], out, index, b);
            }
        }
    }

    @Override
    void reset() {
        Arrays.fill(prevClose, 0.0);
        Arrays.fill(atr, 0.0);
    }
}
