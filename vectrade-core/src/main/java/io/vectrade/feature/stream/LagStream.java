package io.vectrade.feature.stream;

/**
 * Features of {@code close[t]} and {@code close[t - n]}: {@code momentum(n)} (TA-Lib MOM,
 * {@code c - p}), {@code roc(n)} (TA-Lib ROC, {@code (c / p - 1) * 100}, 0 where {@code p == 0})
 * and {@code logret(n)} ({@code ln(c / p)} by its {@link VectorLog}, the tick writing the ratios and
 * taking their logs in one pass). Bit-exact with the straightforward batch formula of the engine whose
 * log it takes.
 */
final class LagStream extends StreamKernel {
    enum Kind { MOMENTUM, ROC, LOGRET }

    private final Kind kind;
    private final int n;
    private final LagRing closes;
    /** logret's log, its backend's. Not state (skipped by the snapshot). */
    private final transient VectorLog vectorLog;

    LagStream(int instruments, Kind kind, int n, VectorLog vectorLog) {
        super(instruments);
        this.kind = kind;
        this.n = n;
        this.closes = new LagRing(instruments, n);
        this.vectorLog = vectorLog;
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double p = closes.push(i, close);
        if (k < n) {
            out[index] = Double.NaN;
            return;
        }
        out[index] = switch (kind) {
            case MOMENTUM -> close - p;
            case ROC -> p != 0.0 ? ((close / p) - 1.0) * 100.0 : 0.0;
            case LOGRET -> vectorLog.log(close / p);
        };
    }

    @Override
    void tick(double[] open, double[] high, double[] low, double[] close, double[] volume,
              int[] barsSeen, double[] out, int column) {
        int b = instruments;
        if (kind == Kind.LOGRET) {
            ratiosThenLogs(close, barsSeen, out, column);
            return;
        }
        for (int i = 0, index = column * b; i < b; i++, index++) {
            double c = close[i];
            if (c == c) {
                update(i, barsSeen[i], open[i], high[i], low[i], c, volume[i], out, index, b);
            }
        }
    }

    /**
     * logret: every present instrument's {@code c / p} (NaN in its warm-up) into
     * its output cell, then the logs of the whole column in one pass. The cells of absent instruments
     * go through the log too; {@link StreamingFeatures#update} sets them to NaN afterwards.
     */
    private void ratiosThenLogs(double[] close, int[] barsSeen, double[] out, int column) {
        int b = instruments;
        for (int i = 0, index = column * b; i < b; i++, index++) {
            double c = close[i];
            if (c == c) {
                double p = closes.push(i, c);
                out[index] = barsSeen[i] < n ? Double.NaN : c / p;
            }
        }
        vectorLog.inPlace(out, column * b, b);
    }

    @Override
    void reset() {
        closes.reset();
    }
}
