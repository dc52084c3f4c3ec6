package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.cuda.CudaFeatureEngine;
import io.vectrade.backend.DeviceMemoryStats;
import io.vectrade.backend.DevicePipelineTimings;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

/**
 * Where {@link TradingPipeline} computes: the strategy it delegates every stage to. The host
 * strategy (cpu, simd) runs a feature engine, a predictor and the signal chain on the CPU; the
 * device strategy (cuda) runs the stages and the fused pipeline on the GPU. Chosen once, by
 * {@link #over}; the pipeline never branches on a backend.
 */
sealed interface BatchBackend extends AutoCloseable permits HostBatch, DeviceBatch {

    /**
     * The strategy for a (borrowed) feature engine: the GPU's for a cuda engine and a built-in model,
     * else the host's. A model of another runtime (onnx) on a cuda engine runs on the host strategy:
     * the engine's features come down once, the runtime scores them (on its GPU provider where it has
     * one) and the policy runs on the host.
     */
    static BatchBackend over(FeatureEngine engine, Model model, SignalChain policy, PipelineFeatures features) {
        return engine instanceof CudaFeatureEngine gpu && model.type().builtIn()
                ? new DeviceBatch(gpu, model, policy, features)
                : new HostBatch(engine, model, policy, features);
    }

    Backend backend();

    /** Stage 1 into {@code out}. */
    void features(Panel panel, FeatureTable out);

    /** Stage 2: scores of rows {@code [0, rows)} from host input columns. */
    void predict(double[][] inputs, int rows, double[] scores);

    /** Stage 3: the frame from host scores (and volatility, or null); the policy was reset. */
    void signals(double[] scores, double[] volatility, int bars, SignalFrame frame);

    /**
     * The whole pipeline into {@code frame} (the policy was reset); the table, inputs and scores are
     * the pipeline's buffers. Sets the time of each stage in {@code times}.
     */
    void run(Panel panel, FeatureTable table, double[][] inputs, double[] scores, double[] volatility,
             SignalFrame frame, StageClock times);

    /** After {@link #run}: makes {@code scores} hold the run's scores (they may still be on the device). */
    void fetchScores(double[] scores);

    /** Forgets scores of an earlier run that were not fetched (the buffers changed shape). */
    void dropPendingScores();

    /** Device bytes held now; 0 on the host. Any thread. */
    long deviceBytesInUse();

    /** Current and peak device bytes, or null on the host. */
    DeviceMemoryStats deviceMemoryStats();

    /** The device timings of the last fused run, or null on the host. */
    DevicePipelineTimings lastDeviceTimings();

    /** Releases what the strategy made (predictor threads, device memory); never the borrowed engine. */
    @Override
    void close();
}
