package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code sma(n)}: TA-Lib's running sum, in TA-Lib's order ({@code sum - close[t-n] + close[t]}, one
 * rounding each): bit-exact with TA-Lib SMA.
 */
final class SmaStream extends StreamKernel {
    private final int n;
    private final LagRing closes;
    private final double[] sum;

    SmaStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.closes = new LagRing(instruments, n);
        this.sum = new double[instruments];
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double old = closes.push(i, close);
        double s = sum[i];
        if (k >= n) {
            s -= old;
        }
        s += close;
        sum[i] = s;
        out[index] = k < n - 1 ? Double.NaN : s / n;
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
        closes.reset();
        Arrays.fill(sum, 0.0);
    }
}
