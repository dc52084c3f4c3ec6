package io.vectrade.feature.stream;

/**
 * {@code zscore(n)}: {@code (close - mean) / stddev} over the last {@code n} closes, population
 * standard deviation; 0 where all {@code n} closes are equal. Moments from {@link WindowMoments}:
 * within 1e-9 (absolute, z-scores being of order 1) of a two-pass window computation.
 */
final class ZscoreStream extends StreamKernel {
    private final int n;
    private final WindowMoments closes;

    ZscoreStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.closes = new WindowMoments(instruments, n);
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        closes.push(i, k, close);
        if (k < n - 1) {
            out[index] = Double.NaN;
            return;
        }
        double deviation = Math.sqrt(closes.m2(i) / n);
        out[index] = deviation != 0.0 ? (close - closes.mean(i, n)) / deviation : 0.0;
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
    }
}
