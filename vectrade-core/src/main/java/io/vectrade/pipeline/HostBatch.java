package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.backend.DeviceMemoryStats;
import io.vectrade.backend.DevicePipelineTimings;
import io.vectrade.data.Panel;
import io.vectrade.events.StageEvent;
import io.vectrade.events.Stages;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.simd.SimdFeatureEngine;
import io.vectrade.model.Model;
import io.vectrade.model.Predictor;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

/**
 * The pipeline on the CPU (cpu, simd; and cuda for a model of another runtime, whose features come
 * down from the GPU engine): the engine, the model's predictor on the engine's backend,
 * and the signal chain; on simd a per-bar chain runs its bars split over the cores
 * ({@link ParallelSignals}), with the same frame as one thread gives.
 *
 * <p>On simd with a built-in model, {@link #run} fuses the features and the model ({@link FusedScoring}):
 * the full-size feature table is not written for blocks on the lane kernels, only the scores and the
 * volatility column; the scores and the frame are those of the three stages run one after the other. The
 * stages called one by one ({@link #features}, {@link #predict}, {@link #signals}) are not fused.
 */
final class HostBatch implements BatchBackend {
    private final FeatureEngine engine;
    private final SignalChain policy;
    private final Predictor predictor;
    /** simd with a per-bar policy (fused chain, split over the cores); null otherwise. */
    private final ParallelSignals parallelSignals;
    private final String backendId;
    /** simd with a built-in model: features and model fused in {@link #run}; null otherwise. */
    private final FusedScoring fused;

    HostBatch(FeatureEngine engine, Model model, SignalChain policy, PipelineFeatures features) {
        this.engine = engine;
        this.policy = policy;
        this.predictor = model.predictor(engine.backend());
        int cores = Runtime.getRuntime().availableProcessors();
        // cuda here: a model of another runtime over the GPU's features (BatchBackend.over)
        boolean split = engine.backend() != Backend.CPU && policy.perBar();
        ParallelSignals ps = null;
        FusedScoring fs = null;
        try {
            ps = split ? new ParallelSignals(policy, cores) : null;
            fs = FusedScoring.applies(engine, model)
                    ? new FusedScoring((SimdFeatureEngine) engine, model, features.set, features.volatilityColumn)
                    : null;
        } catch (RuntimeException | Error e) {
            predictor.close();
            if (ps != null) {
                ps.close();
            }
            throw e;
        }
        this.parallelSignals = ps;
        this.fused = fs;
        this.backendId = engine.backend().id();
    }

    @Override
    public Backend backend() {
        return engine.backend();
    }

    @Override
    public void features(Panel panel, FeatureTable out) {
        engine.computeInto(panel, out.features(), out);
    }

    @Override
    public void predict(double[][] inputs, int rows, double[] scores) {
        predictor.predict(inputs, 0, rows, scores);
    }

    @Override
    public void signals(double[] scores, double[] volatility, int bars, SignalFrame frame) {
        if (parallelSignals != null) {
            parallelSignals.apply(scores, volatility, frame);
        } else {
            policy.apply(scores, volatility, 0, bars, frame);
        }
    }

    @Override
    public void run(Panel panel, FeatureTable table, double[][] inputs, double[] scores, double[] volatility,
                    SignalFrame frame, StageClock times) {
        int n = panel.instruments();
        int bars = panel.bars();
        if (fused != null) {
            long t0 = System.nanoTime();
            StageEvent e = Stages.begin("features+model");
            long modelNanos = fused.run(panel, table, inputs, scores);
            Stages.end(e, backendId, n, bars);
            long t1 = System.nanoTime();
            e = Stages.begin("signals");
            signals(scores, volatility, bars, frame);
            Stages.end(e, backendId, n, bars);
            long t2 = System.nanoTime();
            // the busiest part's time scoring is the model's share; the rest of the fused pass the features'
            times.set(t1 - t0 - modelNanos, modelNanos, t2 - t1);
            return;
        }
        long t0 = System.nanoTime();
        StageEvent e = Stages.begin("features");
        features(panel, table);
        Stages.end(e, backendId, n, bars);
        long t1 = System.nanoTime();
        e = Stages.begin("predictions");
        predict(inputs, scores.length, scores);
        Stages.end(e, backendId, n, bars);
        long t2 = System.nanoTime();
        e = Stages.begin("signals");
        signals(scores, volatility, bars, frame);
        Stages.end(e, backendId, n, bars);
        long t3 = System.nanoTime();
        times.set(t1 - t0, t2 - t1, t3 - t2);
    }

    @Override
    public void fetchScores(double[] scores) {
        // computed on the host: already there
    }

    @Override
    public void dropPendingScores() {
        // nothing pending on the host
    }

    @Override
    public long deviceBytesInUse() {
        return 0;
    }

    @Override
    public DeviceMemoryStats deviceMemoryStats() {
        return null;
    }

    @Override
    public DevicePipelineTimings lastDeviceTimings() {
        return null;
    }

    @Override
    public void close() {
        try {
            predictor.close();
        } finally {
            try {
                if (parallelSignals != null) {
                    parallelSignals.close();
                }
            } finally {
                if (fused != null) {
                    fused.close();
                }
            }
        }
    }
}
