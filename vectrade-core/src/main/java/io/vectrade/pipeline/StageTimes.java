package io.vectrade.pipeline;

/**
 * Wall-clock time of each pipeline stage of one run, in nanoseconds. In a fused run (simd, cuda) the
 * stages overlap and the split is the pipeline's estimate ({@code TradingPipeline.lastTimes}); the
 * total is the run's.
 *
 * @param featuresNanos    {@code calculateFeatures}
 * @param predictionsNanos {@code generatePredictions}
 * @param signalsNanos     {@code generateSignals}
 */
public record StageTimes(long featuresNanos, long predictionsNanos, long signalsNanos) {
    /** The three stages together. */
    public long totalNanos() {
        return featuresNanos + predictionsNanos + signalsNanos;
    }
}
