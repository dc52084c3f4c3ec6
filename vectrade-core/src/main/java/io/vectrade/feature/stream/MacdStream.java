package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code macd(fast,slow,signal)}: {@code .line}, {@code .signal}, {@code .hist}, as TA-Lib MACD
 * computes them (bit-exact):
 * <ul>
 *   <li>the periods are swapped when {@code slow < fast};</li>
 *   <li>the slow EMA is seeded at bar {@code slow - 1} with the average of the first {@code slow}
 *       closes; the fast EMA is seeded at the same bar with the average of the {@code fast}
 *       closes ending there (not of the first {@code fast} closes);</li>
 *   <li>the signal EMA runs over the line from bar {@code slow - 1}, seeded with the average of its
 *       first {@code signal} values; the first output is at bar {@code slow + signal - 2}.</li>
 * </ul>
 */
final class MacdStream extends StreamKernel {
    private final int fast;
    private final int slow;
    private final int signal;
    private final double kFast;
    private final double kSlow;
    private final double kSignal;
    private final double[] fastEma;
    private final double[] slowEma;
    private final double[] signalEma;

    MacdStream(int instruments, int fast, int slow, int signal) {
        super(instruments);
        this.fast = Math.min(fast, slow);
        this.slow = Math.max(fast, slow);
        this.signal = signal;
        this.kFast = 2.0 / (this.fast + 1);
        this.kSlow = 2.0 / (this.slow + 1);
        this.kSignal = 2.0 / (signal + 1);
        this.fastEma = new double[instruments];
        this.slowEma = new double[instruments];
        this.signalEma = new double[instruments];
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        int seed = slow - 1;
        double s = slowEma[i];
        double f = fastEma[i];
        if (k < seed) {
            slowEma[i] = s + close;
            if (k >= slow - fast) {
                fastEma[i] = f + close;
            }
            StreamKernel.nan(out, index, stride, 3);
            return;
        }
        if (k == seed) {
            s = (s + close) / slow;
            f = (f + close) / fast;
        } else {
            s = ((close - s) * kSlow) + s;
            f = ((close - f) * kFast) + f;
        }
        slowEma[i] = s;
        fastEma[i] = f;
        double line = f - s;
        int j = k - seed;
        double g = signalEma[i];
        if (j < signal - 1) {
            signalEma[i] = g + line;
            StreamKernel.nan(out, index, stride, 3);
            return;
        }
        g = j == signal - 1 ? (g + line) / signal : ((line - g) * kSignal) + g;
        signalEma[i] = g;
        out[index] = line;
        out[index + stride] = g;
        out[index + 2 * stride] = line - g;
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
        Arrays.fill(fastEma, 0.0);
        Arrays.fill(slowEma, 0.0);
        Arrays.fill(signalEma, 0.0);
    }
}
