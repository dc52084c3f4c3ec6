package io.vectrade.feature.stream;

/**
 * The streaming state of one feature spec over {@code instruments} instruments, in primitive
 * arrays indexed by instrument (structure of arrays).
 *
 * <p>Each subclass keeps its own loop in {@link #tick} so that its {@link #update} inlines there:
 * one loop per kernel per tick, no megamorphic call per instrument.
 *
 * <p>Contract of {@code update(i, k, ...)}: {@code k} is the number of bars instrument {@code i}
 * has seen before this one (its own bar index, missing bars not counted); the kernel advances its
 * state by one bar and writes each output part {@code p} to {@code out[index + p * stride]},
 * NaN during the warm-up. Missing bars never reach a kernel. Not thread-safe.
 */
abstract class StreamKernel {
    final int instruments;

    StreamKernel(int instruments) {
        this.instruments = instruments;
    }

    /** Advances instrument {@code i} by one bar and writes its outputs; see the class comment. */
    abstract void update(int i, int k, double open, double high, double low, double close, double volume,
                         double[] out, int index, int stride);

    /**
     * Advances every instrument whose close is not NaN and writes its outputs to
     * {@code out[(column + p) * instruments + i]}; instruments with a NaN close are skipped
     * (their state and outputs untouched).
     */
    abstract void tick(double[] open, double[] high, double[] low, double[] close, double[] volume,
                       int[] barsSeen, double[] out, int column);

    /** Forgets every instrument's history. */
    abstract void reset();

    static void nan(double[] out, int index, int stride, int parts) {
        for (int p = 0; p < parts; p++) {
            out[index + p * stride] = Double.NaN;
        }
    }
}
