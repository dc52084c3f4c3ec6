package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code volatility(n)}: sample standard deviation ({@code n - 1} denominator) of the last {@code n}
 * log returns {@code ln(c[t] / c[t-1])}; first value at bar {@code n}; exactly 0 where all {@code n}
 * returns are equal. Moments from {@link WindowMoments}: within 1e-9 relative of a two-pass window
 * computation.
 */
final class VolatilityStream extends StreamKernel {
    private final int n;
    private final double[] prevClose;
    private final WindowMoments returns;

    VolatilityStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.prevClose = new double[instruments];
        this.returns = new WindowMoments(instruments, n);
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double p = prevClose[i];
        prevClose[i] = close;
        if (k == 0) {
            out[index] = Double.NaN;
            return;
        }
        returns.push(i, k - 1, Math.log(close / p));
        out[index] = k < n ? Double.NaN : Math.sqrt(returns.m2(i) / (n - 1));
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
        returns.reset();
    }
}
