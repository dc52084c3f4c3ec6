package io.vectrade.feature.stream;

/**
 * {@code cci(n)}: TA-Lib CCI (bit-exact): typical price {@code (h + l + c) / 3} in a ring of
 * {@code n} slots (bar {@code k} in slot {@code k mod n}); average and mean absolute deviation summed
 * in slot order as TA-Lib's circular buffer does; {@code (tp - avg) / (0.015 * mad)}, 0 where either
 * is 0.
 *
 * <p>O(n) per instrument per bar, the one feature that is not O(1): the mean absolute deviation
 * around a moving average has no O(1) update, and summing in TA-Lib's slot order is what makes the
 * value bit-exact.
 */
final class CciStream extends StreamKernel {
    private final int n;
    private final LagRing typical;

    CciStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.typical = new LagRing(instruments, n);
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double tp = (high + low + close) / 3;
        typical.push(i, tp);
        if (k < n - 1) {
            out[index] = Double.NaN;
            return;
        }
        double average = 0;
        for (int s = 0; s < n; s++) {
            average += typical.slot(i, s);
        }
        average /= n;
        double deviation = 0;
        for (int s = 0; s < n; s++) {
            deviation += Math.abs(typical.slot(i, s) - average);
        }
        double distance = tp - average;
        out[index] = (distance != 0.0 && deviation != 0.0) ? distance / (0.015 * (deviation / n)) : 0.0;
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
        typical.reset();
    }
}
