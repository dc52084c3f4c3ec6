package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.backend.DeviceMemoryStats;
import io.vectrade.backend.DevicePipelineTimings;
import io.vectrade.data.Panel;
import io.vectrade.events.StageEvent;
import io.vectrade.events.Stages;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
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
 * <p>On simd with a built-in model {@link #run} fuses features and model ({@code FusedScoring}): each
 * thread computes its blocks of instruments in chunks of bars into a cache-resident chunk table and
 * scores each chunk there, so the full feature table is not written (only blocks on the reference path,
 * with missing bars, pass through it); the scores and the frame equal those of the three stages called
 * one by one, raw bits. The table is then not the run's: {@link #calculateFeatures} computes it afresh.
 *
 * <p>On the cuda backend {@link #run} is the fused device pipeline ({@code CudaPipeline}): the
 * panel goes up, only the signal frame comes back; the scores stay on the device until
 * {@link #scores()} asks for them. The single stages run on the device too, each with its own
 * transfers (features come back as a table, the model and the policy take host inputs).
 *
 * <p>Buffers (feature table, scores, signal frame) are kept between runs and reused while the
 * panel's shape stays the same, so repeated runs allocate nothing of panel size; the returned
 * table, scores and frame are those live buffers (overwritten by the next run). Each run starts the
 * signal policy afresh ({@link SignalChain#reset}). Every stage emits a JFR {@link StageEvent} when
 * a recording is on. Not thread-safe.
 *
 * <p>Where it computes is a strategy chosen once at construction (host: cpu, simd; device: cuda);
 * the stages delegate to it.
 */
public final class TradingPipeline implements AutoCloseable {
    private final Model model;
    private final SignalChain policy;
    private final PipelineFeatures features;
    /** Non-null when the pipeline made its engine and so closes it. */
    private final FeatureEngine ownedEngine;
    private final BatchBackend backend;
    private final String backendId;

    private FeatureTable table;
    private double[][] inputs;
    private double[] scores;
    private SignalFrame frame;
    private final StageClock lastTimes = new StageClock();

    private TradingPipeline(Model model, SignalChain policy, FeatureEngine engine, boolean owned) {
        this.model = model;
        this.policy = policy;
        this.features = new PipelineFeatures(model, policy);
        this.backend = BatchBackend.over(engine, model, policy, features);
        this.ownedEngine = owned ? engine : null;
        this.backendId = backend.backend().id();
    }

    /**
     * A pipeline on {@code backend} ({@code auto}: cuda when usable, else simd; see
     * {@link Backends#resolve}). The pipeline makes its feature engine and closes it.
     *
     * @throws io.vectrade.backend.BackendUnavailableException when the backend cannot run here
     */
    public static TradingPipeline create(Model model, SignalChain policy, Backend backend) {
        FeatureEngine engine = Backends.featureEngine(backend);
        try {
            return new TradingPipeline(model, policy, engine, true);
        } catch (RuntimeException | Error e) {
            engine.close();  // ours: made here, so freed here
            throw e;
        }
    }

    /**
     * A pipeline over a feature engine the caller keeps: the pipeline borrows it and never closes
     * it (close the pipeline first, then the engine). The model and the policy run on the engine's
     * backend (on the GPU for a cuda engine).
     */
    public static TradingPipeline borrowing(Model model, SignalChain policy, FeatureEngine engine) {
        return new TradingPipeline(model, policy, engine, false);
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

    /** The backend the pipeline runs on (after resolving {@code auto}). */
    public Backend backend() {
        return backend.backend();
    }

    /** Stage 1: every feature for every (bar, instrument); returns the reused table. */
    public FeatureTable calculateFeatures(Panel panel) {
        ensureBuffers(panel);
        StageEvent e = Stages.begin("features");
        backend.features(panel, table);
        Stages.end(e, backendId, panel.instruments(), panel.bars());
        return table;
    }

    /** Stage 2: one model score per (bar, instrument), NaN where an input is NaN; returns the reused scores. */
    public double[] generatePredictions(FeatureTable features) {
        requireOwnTable(features);
        StageEvent e = Stages.begin("predictions");
        backend.predict(inputs, scores.length, scores);
        Stages.end(e, backendId, features.instruments(), features.bars());
        return scores;
    }

    /** Stage 3: target positions from the scores (and volatility); returns the reused frame. */
    public SignalFrame generateSignals(double[] scores, FeatureTable features) {
        requireOwnTable(features);
        StageEvent e = Stages.begin("signals");
        policy.reset();
        backend.signals(scores, volatility(features), features.bars(), frame);
        Stages.end(e, backendId, features.instruments(), features.bars());
        return frame;
    }

    /**
     * All three stages (features and model fused on simd, everything on the device on cuda); their times
     * are then in {@link #lastTimes()}. Allocation-free after the first run of a shape (cpu, simd).
     */
    public SignalFrame run(Panel panel) {
        ensureBuffers(panel);
        StageEvent e = Stages.begin("pipeline");
        policy.reset();
        backend.run(panel, table, inputs, scores, volatility(table), frame, lastTimes);
        Stages.end(e, backendId, panel.instruments(), panel.bars());
        return frame;
    }

    /** The table buffer as it is (after a fused {@link #run}: only what that run wrote); for tests. */
    FeatureTable tableBuffer() {
        return table;
    }

    private double[] volatility(FeatureTable t) {
        return features.volatilityColumn < 0 ? null : t.column(features.volatilityColumn);
    }

    private void ensureBuffers(Panel panel) {
        if (table == null || !table.fits(features.set, panel)) {
            backend.dropPendingScores();  // scores left on the device are of the old shape
            table = FeatureTable.allocate(features.set, panel);
            inputs = model.inputColumns(table);
            scores = new double[panel.bars() * panel.instruments()];
            frame = SignalFrame.allocate(panel.bars(), panel.instruments());
        }
    }

    /** Device bytes the pipeline holds now (cuda; 0 on the CPU backends); any thread. */
    public long deviceBytesInUse() {
        return backend.deviceBytesInUse();
    }

    /** Current and peak device bytes and the driver's free / total (cuda), or null on the CPU backends. */
    public DeviceMemoryStats deviceMemoryStats() {
        return backend.deviceMemoryStats();
    }

    /** The device timings of the last fused run on the cuda backend, or null. */
    public DevicePipelineTimings lastDeviceTimings() {
        return backend.lastDeviceTimings();
    }

    /**
     * Stage times of the last {@link #run} (a new record per call). In a fused run the features and the
     * model overlap: the model's time is that of the thread that spent the most scoring, the features'
     * the rest of the fused pass.
     */
    public StageTimes lastTimes() {
        return lastTimes.times();
    }

    /** The scores of the last run (live buffer; after a fused device run they are downloaded now). */
    public double[] scores() {
        backend.fetchScores(scores);
        return scores;
    }

    private void requireOwnTable(FeatureTable t) {
        if (t != table) {
            throw new IllegalArgumentException("pass the table returned by calculateFeatures of this pipeline");
        }
    }

    /** Releases the predictor's and the signal workers' threads or device memory, and the engine if the pipeline made it. */
    @Override
    public void close() {
        try {
            backend.close();
        } finally {
            if (ownedEngine != null) {
                ownedEngine.close();
            }
        }
    }
}
