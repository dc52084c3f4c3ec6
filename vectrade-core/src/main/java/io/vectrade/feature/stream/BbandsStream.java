package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code bbands(n,k)}: {@code .upper}, {@code .middle}, {@code .lower} as TA-Lib BBANDS with an SMA
 * computes them (bit-exact): the middle band is TA-Lib's running-sum SMA; the deviation is
 * {@code sqrt(sumSq / n - middle^2)} from a running sum of squares in TA-Lib's order, and 0 where
 * that variance is below 1e-8; the bands are {@code middle ± deviation * k}.
 */
final class BbandsStream extends StreamKernel {
    private final int n;
    private final double deviations;
    private final LagRing closes;
    private final double[] sum;
    private final double[] sumSquares;

    BbandsStream(int instruments, int n, double deviations) {
        super(instruments);
        this.n = n;
        this.deviations = deviations;
        this.closes = new LagRing(instruments, n);
        this.sum = new double[instruments];
        this.sumSquares = new double[instruments];
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double old = closes.push(i, close);
        double s = sum[i];
        double q = sumSquares[i];
        if (k >= n) {
            s -= old;
            q -= old * old;
        }
        s += close;
        q += close * close;
        sum[i] = s;
        sumSquares[i] = q;
        if (k < n - 1) {
            StreamKernel.nan(out, index, stride, 3);
            return;
        }
        double middle = s / n;
        double variance = q / n;
        variance -= middle * middle;
        double deviation = variance < 0.00000001 ? 0.0 : Math.sqrt(variance);
        double width = deviation * deviations;
        out[index] = middle + width;
        out[index + stride] = middle;
        out[index + 2 * stride] = middle - width;
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
        Arrays.fill(sumSquares, 0.0);
    }
}
