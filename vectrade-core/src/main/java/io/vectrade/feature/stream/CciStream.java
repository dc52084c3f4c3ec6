package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code cci(n)}: TA-Lib CCI (bit-exact): typical price {@code (h + l + c) / 3} in a ring of
 * {@code n} slots (bar {@code k} in slot {@code k mod n}); average and mean absolute deviation summed
 * in slot order as TA-Lib's circular buffer does; {@code (tp - avg) / (0.015 * mad)}, 0 where either
 * is 0.
 *
 * <p>O(n) per instrument per bar, the one feature that is not O(1): the mean absolute deviation
 * around a moving average has no O(1) update, and summing in TA-Lib's slot order is what makes the
 * value bit-exact. The tick form therefore turns the loops around: slot by slot, each a contiguous
 * pass over all instruments of the time-major ring ({@code average[i] += ring[s * B + i]}), which
 * the JIT vectorises across instruments while every instrument still sums in its own slot order.
 */
final class CciStream extends StreamKernel {
    private final int n;
    private final LagRing typical;
    private final double[] average;
    private final double[] deviation;

    CciStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.typical = new LagRing(instruments, n);
        this.average = new double[instruments];
        this.deviation = new double[instruments];
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
        for (int i = 0; i < b; i++) {
            double c = close[i];
            if (c == c) {
                typical.push(i, (high[i] + low[i] + c) / 3);
            }
        }
        // every instrument, present or not: the loops stay branch-free and vectorise
        double[] ring = typical.values();
        double[] avg = average;
        double[] dev = deviation;
        Arrays.fill(avg, 0.0);
        for (int s = 0, base = 0; s < n; s++, base += b) {
            for (int i = 0; i < b; i++) {
                avg[i] += ring[base + i];
            }
        }
        for (int i = 0; i < b; i++) {
            avg[i] /= n;
        }
        Arrays.fill(dev, 0.0);
        for (int s = 0, base = 0; s < n; s++, base += b) {
            for (int i = 0; i < b; i++) {
                dev[i] += Math.abs(ring[base + i] - avg[i]);
            }
        }
        for (int i = 0, index = column * b; i < b; i++, index++) {
            double c = close[i];
            if (c == c) {
                if (barsSeen[i] < n - 1) {
                    out[index] = Double.NaN;
                } else {
                    double distance = (high[i] + low[i] + c) / 3 - avg[i];
                    double d = dev[i];
                    out[index] = (distance != 0.0 && d != 0.0) ? distance / (0.015 * (d / n)) : 0.0;
                }
            }
        }
    }

    @Override
    void reset() {
        typical.reset();
    }
}
