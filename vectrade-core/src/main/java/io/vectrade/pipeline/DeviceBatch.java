package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.cuda.CudaFeatureEngine;
import io.vectrade.backend.DeviceMemoryStats;
import io.vectrade.cuda.CudaPipeline;
import io.vectrade.backend.DevicePipelineTimings;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

/**
 * The pipeline on the GPU ({@link CudaPipeline}): {@link #run} is the fused device pipeline (the
 * panel goes up, only the signal frame comes back; the scores stay on the device until
 * {@link #fetchScores} asks for them). The single stages run on the device with their own transfers.
 */
final class DeviceBatch implements BatchBackend {
    private final CudaFeatureEngine engine;
    private final CudaPipeline device;
    /** True when the scores of the last fused run have not been downloaded yet. */
    private boolean scoresOnDevice;

    DeviceBatch(CudaFeatureEngine engine, Model model, SignalChain policy, PipelineFeatures features) {
        this.engine = engine;
        this.device = CudaPipeline.open(engine, model, policy, features.set, features.volatilityColumn);
    }

    @Override
    public Backend backend() {
        return Backend.CUDA;
    }

    @Override
    public void features(Panel panel, FeatureTable out) {
        engine.computeInto(panel, out.features(), out);
    }

    @Override
    public void predict(double[][] inputs, int rows, double[] scores) {
        device.predict(inputs, rows, scores);
        scoresOnDevice = false;
    }

    @Override
    public void signals(double[] scores, double[] volatility, int bars, SignalFrame frame) {
        device.signals(scores, volatility, frame);
    }

    /** Stage times from the CUDA events, host copies counted in. */
    @Override
    public void run(Panel panel, FeatureTable table, double[][] inputs, double[] scores, double[] volatility,
                    SignalFrame frame, StageClock times) {
        device.run(panel, frame);
        scoresOnDevice = true;
        DevicePipelineTimings t = device.lastTimings();
        long featuresNanos = millisToNanos(t.hostPackMillis() + t.uploadMillis() + t.featureMillis());
        long modelNanos = millisToNanos(t.modelMillis());
        long wall = millisToNanos(t.wallMillis());
        times.set(featuresNanos, modelNanos, Math.max(0, wall - featuresNanos - modelNanos));
    }

    private static long millisToNanos(double ms) {
        return Math.round(ms * 1e6);
    }

    @Override
    public void fetchScores(double[] scores) {
        if (scoresOnDevice) {
            device.downloadScores(scores);
            scoresOnDevice = false;
        }
    }

    @Override
    public void dropPendingScores() {
        scoresOnDevice = false;
    }

    @Override
    public long deviceBytesInUse() {
        return engine.deviceBytesInUse();
    }

    @Override
    public DeviceMemoryStats deviceMemoryStats() {
        return engine.memoryStats();
    }

    @Override
    public DevicePipelineTimings lastDeviceTimings() {
        return device.lastTimings();
    }

    @Override
    public void close() {
        device.close();
    }
}
