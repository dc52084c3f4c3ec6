package io.vectrade.feature.stream;

/**
 * {@code willr(n)}: TA-Lib WILLR (bit-exact): {@code (highest - close) / ((highest - lowest) / -100)}
 * over the last {@code n} bars, 0 where highest equals lowest.
 */
final class WillrStream extends StreamKernel {
    private final int n;
    private final MonotonicWindow highest;
    private final MonotonicWindow lowest;

    WillrStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.highest = new MonotonicWindow(instruments, n, true);
        this.lowest = new MonotonicWindow(instruments, n, false);
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double hh = highest.push(i, k, high);
        double ll = lowest.push(i, k, low);
        if (k < n - 1) {
            out[index] = Double.NaN;
            return;
        }
        double diff = (hh - ll) / -100.0;
        out[index] = diff != 0.0 ? (hh - close) / diff : 0.0;
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
    }
}
