package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code ema(n)}: TA-Lib EMA, seeded with the simple average of the first {@code n} closes, then
 * {@code ema = (close - ema) * k + ema} with {@code k = 2 / (n + 1)}: bit-exact with TA-Lib.
 */
final class EmaStream extends StreamKernel {
    private final int n;
    private final double k;
    private final double[] ema;

    EmaStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.k = 2.0 / (n + 1);
        this.ema = new double[instruments];
    }

    @Override
    void update(int i, int bar, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double e = ema[i];
        if (bar < n - 1) {
            ema[i] = e + close;
            out[index] = Double.NaN;
            return;
        }
        e = bar == n - 1 ? (e + close) / n : ((close - e) * k) + e;
        ema[i] = e;
        out[index] = e;
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
        Arrays.fill(ema, 0.0);
    }
}
