package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code stoch(k,sk,d)}: {@code .k} and {@code .d} of TA-Lib STOCH with SMA smoothing (bit-exact):
 * fast %K is {@code (close - lowest) / ((highest - lowest) / 100)} over the last {@code k} bars,
 * 0 where highest equals lowest; {@code .k} is its running-sum SMA over {@code sk}, {@code .d} the
 * running-sum SMA of {@code .k} over {@code d}. Highest and lowest come from monotonic deques.
 */
final class StochStream extends StreamKernel {
    private final int period;
    private final int slowK;
    private final int slowD;
    private final MonotonicWindow highest;
    private final MonotonicWindow lowest;
    private final LagRing fastKs;
    private final LagRing slowKs;
    private final double[] fastKSum;
    private final double[] slowKSum;

    StochStream(int instruments, int period, int slowK, int slowD) {
        super(instruments);
        this.period = period;
        this.slowK = slowK;
        this.slowD = slowD;
        this.highest = new MonotonicWindow(instruments, period, true);
        this.lowest = new MonotonicWindow(instruments, period, false);
        this.fastKs = new LagRing(instruments, slowK);
        this.slowKs = new LagRing(instruments, slowD);
        this.fastKSum = new double[instruments];
        this.slowKSum = new double[instruments];
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double hh = highest.push(i, k, high);
        double ll = lowest.push(i, k, low);
        int j = k - (period - 1);
        if (j < 0) {
            StreamKernel.nan(out, index, stride, 2);
            return;
        }
        double diff = (hh - ll) / 100.0;
        double fastK = diff != 0.0 ? (close - ll) / diff : 0.0;
        double old = fastKs.push(i, fastK);
        double s = fastKSum[i];
        if (j >= slowK) {
            s -= old;
        }
        s += fastK;
        fastKSum[i] = s;
        int m = j - (slowK - 1);
        if (m < 0) {
            StreamKernel.nan(out, index, stride, 2);
            return;
        }
        double kValue = s / slowK;
        double oldK = slowKs.push(i, kValue);
        double sd = slowKSum[i];
        if (m >= slowD) {
            sd -= oldK;
        }
        sd += kValue;
        slowKSum[i] = sd;
        if (m < slowD - 1) {
            StreamKernel.nan(out, index, stride, 2);
            return;
        }
        out[index] = kValue;
        out[index + stride] = sd / slowD;
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
        highest.reset();
        lowest.reset();
        fastKs.reset();
        slowKs.reset();
        Arrays.fill(fastKSum, 0.0);
        Arrays.fill(slowKSum, 0.0);
    }
}
