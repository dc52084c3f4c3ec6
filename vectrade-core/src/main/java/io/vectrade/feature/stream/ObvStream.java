package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code obv}: TA-Lib OBV (bit-exact): the first bar's volume, then plus the volume on an up close,
 * minus it on a down close, unchanged on an equal close. No warm-up.
 */
final class ObvStream extends StreamKernel {
    private final double[] prevClose;
    private final double[] obv;

    ObvStream(int instruments) {
        super(instruments);
        this.prevClose = new double[instruments];
        this.obv = new double[instruments];
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double v;
        if (k == 0) {
            v = volume;
        } else {
            v = obv[i];
            double p = prevClose[i];
            if (close > p) {
                v += volume;
            } else if (close < p) {
                v -= volume;
            }
        }
        prevClose[i] = close;
        obv[i] = v;
        out[index] = v;
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
        Arrays.fill(obv, 0.0);
    }
}
