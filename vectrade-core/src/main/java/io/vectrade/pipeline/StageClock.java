package io.vectrade.pipeline;

/**
 * The stage times of the last run, kept in place so that a run allocates nothing (the pipeline makes a
 * {@link StageTimes} only when asked). Nanoseconds; not thread-safe.
 */
final class StageClock {
    long featuresNanos;
    long predictionsNanos;
    long signalsNanos;

    void set(long features, long predictions, long signals) {
        featuresNanos = features;
        predictionsNanos = predictions;
        signalsNanos = signals;
    }

    StageTimes times() {
        return new StageTimes(featuresNanos, predictionsNanos, signalsNanos);
    }
}
