package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.cuda.CudaFeatureEngine;
import io.vectrade.cuda.CudaPipeline;
import io.vectrade.cuda.CudaPipelineTimings;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureEngines;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
import io.vectrade.model.Predictor;
import io.vectrade.profile.StageEvent;
import io.vectrade.profile.Stages;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

/**
 * The batch pipeline over a whole panel, for research and backtests:
 * {@link #calculateFeatures} → {@link #generatePredictions} → {@link #generateSignals}, the three
 * stages the benchmarks time.
 *
 * <pre>
 * try (TradingPipeline p = TradingPipeline.create(Models.defaultModel(),
 *         SignalChain.parse("rank(top=10,bottom=10)"), Backend.SIMD)) {
 *     SignalFrame signals = p.run(panel);
 *     StageTimes times = p.lastTimes();
 * }
 * </pre>
 *
 * <p>On simd a policy that works bar by bar (rank, voltarget, caps; not threshold) runs its bars
 * split over the cores ({@code ParallelSignals}), with the same frame as one thread gives.
 *
 * <p>On the cuda backend {@link #run} is the fused device pipeline ({@link CudaPipeline}): the
 * panel goes up, only the signal frame comes back; the scores stay on the device until
 * {@link #scores()} asks for them. The single stages run on the device too, each with its own
 * transfers (features come back as a table, the model and the policy take host inputs).
 *
 * <p>Buffers (feature table, scores, signal frame) are kept between runs and reused while the
 * panel's shape stays the same, so repeated runs allocate nothing of panel size; the returned
 * table, scores and frame are those live buffers (overwritten by the next run). Each run starts the
 * signal policy afresh ({@link SignalChain#reset}). Every stage emits a JFR {@link StageEvent} when
 * a recording is on. Not thread-safe.
 */
public final class TradingPipeline implements AutoCloseable {
    private final Model model;
    private final SignalChain policy;
    private final PipelineFeatures features;
    private final FeatureEngine engine;
    private final Predictor predictor;
    private final CudaPipeline device;
    /** simd with a per-bar policy: the bars split over the cores; null otherwise. */
    private final ParallelSignals parallelSignals;
    private final String backendId;

    private FeatureTable table;
    private double[][] inputs;
    private double[] scores;
    private SignalFrame frame;
    private StageTimes lastTimes = new StageTimes(0, 0, 0);
    /** True when the scores of the last fused device run have not been downloaded yet. */
    private boolean scoresOnDevice;

    private TradingPipeline(Model model, SignalChain policy, FeatureEngine engine) {
        this.model = model;
        this.policy = policy;
        this.features = new PipelineFeatures(model, policy);
        this.engine = engine;
        int cores = Runtime.getRuntime().availableProcessors();
        if (engine instanceof CudaFeatureEngine gpu) {
            this.predictor = null;
            this.device = CudaPipeline.open(gpu, model, policy, features.set, features.volatilityColumn);
            this.parallelSignals = null;
        } else {
            this.predictor = model.predictor(engine.backend());
            this.device = null;
            boolean split = engine.backend() == Backend.SIMD && policy.perBar() && cores > 1;
            this.parallelSignals = split ? new ParallelSignals(policy, cores) : null;
        }
        this.backendId = engine.backend().id();
    }

    /**
     * A pipeline on {@code backend} ({@code auto} resolves to the best available; see
     * {@link FeatureEngines#of}).
     *
     * @throws UnsupportedOperationException when the backend cannot run here
     */
    public static TradingPipeline create(Model model, SignalChain policy, Backend backend) {
        FeatureEngine engine = FeatureEngines.of(backend);
        try {
            return create(model, policy, engine);
        } catch (RuntimeException | Error e) {
            FeatureEngines.release(engine);  // ours: made here, so freed here
            throw e;
        }
    }

    /**
     * A pipeline over a given feature engine; the model and the policy run on the engine's backend
     * (on the GPU for a {@link CudaFeatureEngine}).
     */
    public static TradingPipeline create(Model model, SignalChain policy, FeatureEngine engine) {
        return new TradingPipeline(model, policy, engine);
    }

    /** The features computed: the model's inputs, plus volatility when the policy needs it. */
    public FeatureSet featureSet() {
        return features.set;
    }

    public Model model() {
        return model;
    }

    public SignalChain policy() {
        return policy;
    }

    /** The backend the features run on (after resolving {@code auto}). */
    public Backend backend() {
        return engine.backend();
    }

    /** Stage 1: every feature for every (bar, instrument); returns the reused table. */
    public FeatureTable calculateFeatures(Panel panel) {
        ensureBuffers(panel);
        StageEvent e = Stages.begin("features");
        engine.computeInto(panel, features.set, table);
        Stages.end(e, backendId, panel.instruments(), panel.bars());
        return table;
    }

    /** Stage 2: one model score per (bar, instrument), NaN where an input is NaN; returns the reused scores. */
    public double[] generatePredictions(FeatureTable features) {
        requireOwnTable(features);
        StageEvent e = Stages.begin("predictions");
        if (device != null) {
            device.predict(inputs, scores.length, scores);
            scoresOnDevice = false;
        } else {
            predictor.predict(inputs, 0, scores.length, scores);
        }
        Stages.end(e, backendId, features.instruments(), features.bars());
        return scores;
    }

    /** Stage 3: target positions from the scores (and volatility); returns the reused frame. */
    public SignalFrame generateSignals(double[] scores, FeatureTable features) {
        requireOwnTable(features);
        StageEvent e = Stages.begin("signals");
        policy.reset();
        double[] vol = this.features.volatilityColumn < 0 ? null : features.column(this.features.volatilityColumn);
        if (device != null) {
            device.signals(scores, vol, frame);
        } else if (parallelSignals != null) {
            parallelSignals.apply(scores, vol, frame);
        } else {
            policy.apply(scores, vol, 0, features.bars(), frame);
        }
        Stages.end(e, backendId, features.instruments(), features.bars());
        return frame;
    }

    /** All three stages; their times are then in {@link #lastTimes()}. */
    public SignalFrame run(Panel panel) {
        if (device != null) {
            return runOnDevice(panel);
        }
        StageEvent e = Stages.begin("pipeline");
        long t0 = System.nanoTime();
        FeatureTable f = calculateFeatures(panel);
        long t1 = System.nanoTime();
        double[] s = generatePredictions(f);
        long t2 = System.nanoTime();
        SignalFrame out = generateSignals(s, f);
        long t3 = System.nanoTime();
        lastTimes = new StageTimes(t1 - t0, t2 - t1, t3 - t2);
        Stages.end(e, backendId, panel.instruments(), panel.bars());
        return out;
    }

    /** The fused device pipeline; stage times from its CUDA events (host copies counted in). */
    private SignalFrame runOnDevice(Panel panel) {
        ensureBuffers(panel);
        StageEvent e = Stages.begin("pipeline");
        policy.reset();
        device.run(panel, frame);
        scoresOnDevice = true;
        CudaPipelineTimings t = device.lastTimings();
        long featuresNanos = millisToNanos(t.hostPackMillis() + t.uploadMillis() + t.featureMillis());
        long modelNanos = millisToNanos(t.modelMillis());
        long wall = millisToNanos(t.wallMillis());
        lastTimes = new StageTimes(featuresNanos, modelNanos, Math.max(0, wall - featuresNanos - modelNanos));
        Stages.end(e, backendId, panel.instruments(), panel.bars());
        return frame;
    }

    private static long millisToNanos(double ms) {
        return Math.round(ms * 1e6);
    }

    private void ensureBuffers(Panel panel) {
        if (table == null || !table.fits(features.set, panel)) {
            scoresOnDevice = false;  // the device's scores are of the old shape
            table = FeatureTable.allocate(features.set, panel);
            inputs = model.inputColumns(table);
            scores = new double[panel.bars() * panel.instruments()];
            frame = SignalFrame.allocate(panel.bars(), panel.instruments());
        }
    }

    /** Device bytes the pipeline holds now (cuda; 0 on the CPU backends); any thread. */
    public long deviceBytesInUse() {
        return engine instanceof CudaFeatureEngine gpu ? gpu.deviceBytesInUse() : 0;
    }

    /** Current and peak device bytes and the driver's free / total (cuda), or null on the CPU backends. */
    public io.vectrade.cuda.CudaMemoryStats deviceMemoryStats() {
        return engine instanceof CudaFeatureEngine gpu ? gpu.memoryStats() : null;
    }

    /** The device timings of the last fused run on the cuda backend, or null. */
    public CudaPipelineTimings lastDeviceTimings() {
        return device == null ? null : device.lastTimings();
    }

    /** Stage times of the last {@link #run}. */
    public StageTimes lastTimes() {
        return lastTimes;
    }

    /** The scores of the last run (live buffer; after a fused device run they are downloaded now). */
    public double[] scores() {
        if (scoresOnDevice) {
            device.downloadScores(scores);
            scoresOnDevice = false;
        }
        return scores;
    }

    private void requireOwnTable(FeatureTable t) {
        if (t != table) {
            throw new IllegalArgumentException("pass the table returned by calculateFeatures of this pipeline");
        }
    }

    /** Releases the predictor's and the engine's threads or device memory. */
    @Override
    public void close() {
        try {
            if (device != null) {
                device.close();
            } else {
                predictor.close();
                if (parallelSignals != null) {
                    parallelSignals.close();
                }
            }
        } finally {
            FeatureEngines.release(engine);
        }
    }
}
