package io.vectrade.pipeline;

import io.vectrade.backend.BackendUnavailableException;
import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
import io.vectrade.events.Stages;
import io.vectrade.events.TickEvent;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

/**
 * The live pipeline: each tick brings one new bar for each of B instruments; the engine updates the
 * streaming features, scores them and updates the signals. For the latest bar its features, scores
 * and signals equal what the batch {@link TradingPipeline} gives for that bar over the same history.
 *
 * <pre>
 * try (LiveEngine live = LiveEngine.create(model, SignalChain.parse("threshold"), Backend.CPU, 1024)) {
 *     for each tick:
 *         SignalFrame s = live.onTick(open, high, low, close, volume);   // length-B arrays
 *         byte sideOf7 = s.side(0, 7);
 * }
 * </pre>
 *
 * <p>All state (streaming feature state, the one-bar feature table, scores, signal frame, the
 * policy's hysteresis state) lives in primitive arrays allocated at construction; {@link #onTick}
 * allocates nothing in steady state on the calling thread. A NaN close means the instrument has no
 * bar this tick: its features and score are NaN for the tick and its state carries over; its signal
 * is what the policy gives a NaN score (flat for rank; threshold keeps the side it holds, with
 * strength 0). Emits a JFR {@link TickEvent} per tick when a recording is on. Not thread-safe.
 * A model of another runtime ({@link io.vectrade.model.ModelType#EXTERNAL}, e.g. onnx) scores
 * through that runtime, which may allocate per tick (ONNX Runtime: its per-run objects).
 *
 * <p>On the cuda backend the whole tick runs on the GPU ({@code CudaLiveEngine}: streaming state,
 * model and policy resident on the device; one upload and one download per tick); the features of
 * the last tick are then downloaded only when {@link #features()} asks for them. An external model
 * on cuda runs the host path (streaming features on the calling thread, the runtime's cuda predictor).
 */
public final class LiveEngine implements AutoCloseable {
    private final Model model;
    private final SignalChain policy;
    private final PipelineFeatures features;
    private final LiveBackend backend;
    private final int instruments;
    private final Backend resolved;
    private final String backendId;
    private final double[] row;
    private final FeatureTable table;
    private final double[][] inputs;
    private final double[] scores;
    private final double[] volatility;
    private final SignalFrame frame;
    private long ticks;

    private LiveEngine(Model model, SignalChain policy, Backend backend, int instruments) {
        if (instruments < 1) {
            throw new IllegalArgumentException("instruments must be >= 1, instruments=" + instruments);
        }
        this.model = model;
        this.policy = policy;
        this.features = new PipelineFeatures(model, policy);
        this.instruments = instruments;
        this.resolved = Backends.resolve(backend);
        this.backendId = resolved.id();
        this.row = new double[features.set.columns() * instruments];
        this.table = FeatureTable.allocate(features.set, 1, instruments);
        this.inputs = model.inputColumns(table);
        this.scores = new double[instruments];
        this.volatility = features.volatilityColumn < 0 ? null : table.column(features.volatilityColumn);
        this.frame = SignalFrame.allocate(1, instruments);
        policy.reset();
        this.backend = LiveBackend.of(resolved, model, policy, features, instruments);
    }

    /**
     * A live engine for {@code instruments} instruments on {@code backend}, resolved as
     * {@link Backends#resolve} does ({@code auto}: cuda when usable, else simd). On {@code cpu} and
     * {@code simd} the streaming features run on the calling thread with that backend's arithmetic
     * ({@link io.vectrade.feature.stream.StreamingFeatures#of(FeatureSet, int, Backend)})
     * and the model on that backend;
     * on {@code cuda} the whole tick runs on the GPU.
     *
     * @throws io.vectrade.backend.BackendUnavailableException for {@code cuda} without a usable GPU
     */
    public static LiveEngine create(Model model, SignalChain policy, Backend backend, int instruments) {
        return new LiveEngine(model, policy, backend, instruments);
    }

    /**
     * Pushes one bar per instrument (length-B arrays; NaN close = no bar) and returns the signals for
     * this tick: a live 1 × B frame, overwritten by the next tick.
     */
    public SignalFrame onTick(double[] open, double[] high, double[] low, double[] close, double[] volume) {
        TickEvent e = Stages.beginTick();
        backend.tick(open, high, low, close, volume, row, table, inputs, scores, volatility, frame);
        Stages.endTick(e, backendId, instruments, ticks);
        ticks++;
        return frame;
    }

    /** The features of the last tick as a one-bar table (live buffer; on cuda downloaded now). */
    public FeatureTable features() {
        if (backend.fetchFeatures(row)) {
            for (int c = 0; c < features.set.columns(); c++) {
                System.arraycopy(row, c * instruments, table.column(c), 0, instruments);
            }
        }
        return table;
    }

    /** The features computed: the model's inputs, plus volatility when the policy needs it. */
    public FeatureSet featureSet() {
        return features.set;
    }

    /** The backend the ticks run on (after resolving {@code auto}). */
    public Backend backend() {
        return resolved;
    }

    /** The scores of the last tick (live buffer, one per instrument). */
    public double[] scores() {
        return scores;
    }

    /** The signals of the last tick (live buffer). */
    public SignalFrame signals() {
        return frame;
    }

    /** Ticks processed since construction or {@link #reset}. */
    public long ticks() {
        return ticks;
    }

    public int instruments() {
        return instruments;
    }

    public Model model() {
        return model;
    }

    /**
     * Writes the engine's state (streaming features, the policy's carried state, the tick count) to
     * {@code out}, so that a restart need not replay the history: an engine of the same model, policy
     * and instruments that {@link #restore}s it gives, from the next tick on, the same features,
     * scores and signals, bit for bit, as this one would (tested). Binary, versioned; cpu and simd
     * snapshots are interchangeable, and a simd engine that restores a cpu snapshot continues with
     * its own log returns (the vector {@code LOG}), within the simd tolerance of one that never
     * stopped (tested). Not on cuda (UnsupportedOperationException).
     */
    public void snapshot(java.io.OutputStream out) throws java.io.IOException {
        java.io.DataOutputStream d = new java.io.DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
        d.writeInt(SNAPSHOT_MAGIC);
        d.writeInt(SNAPSHOT_VERSION);
        d.writeLong(ticks);
        backend.snapshot(d);
        policy.snapshot(d);
        d.flush();
    }

    /**
     * Replaces the state with a {@link #snapshot}.
     *
     * @throws IllegalArgumentException for something that is not a snapshot, another version, or a
     *                                  snapshot of other features, instruments or policy; the
     *                                  engine is then {@link #reset}
     */
    public void restore(java.io.InputStream in) throws java.io.IOException {
        java.io.DataInputStream d = new java.io.DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        try {
            int magic = d.readInt();
            int version = d.readInt();
            if (magic != SNAPSHOT_MAGIC || version != SNAPSHOT_VERSION) {
                throw new IllegalArgumentException("not a live engine snapshot of version " + SNAPSHOT_VERSION
                        + ", magic=" + Integer.toHexString(magic) + " version=" + version);
            }
            long t = d.readLong();
            backend.restore(d);
            policy.restore(d);
            ticks = t;
        } catch (IllegalArgumentException | java.io.IOException e) {
            reset();
            throw e;
        }
    }

    private static final int SNAPSHOT_MAGIC = 0x56544c53; // "VTLS"
    /** 2: zscore/volatility carry the shadow sums of their O(1) re-sum. */
    private static final int SNAPSHOT_VERSION = 2;

    /** Most warm-up ticks {@link #warmUpTicks(int)} suggests: past the 10,000-15,000 calls after which C2
     *  compiles a method called once a tick. */
    public static final int WARM_UP_MAX_TICKS = 40_000;
    /** Fewest warm-up ticks {@link #warmUpTicks(int)} suggests. */
    public static final int WARM_UP_MIN_TICKS = 1_000;
    /** About this many instrument-ticks above {@code WARM_UP_MAX_TICKS}' instruments: a few seconds on 2 cores. */
    public static final long WARM_UP_INSTRUMENT_TICKS = 40_960_000L;

    /**
     * The warm-up this project uses for {@code instruments} instruments (the CLI's {@code --prime-ticks auto}
     * and the throughput benchmark): {@value #WARM_UP_MAX_TICKS} ticks up to 1,024 instruments; above, about
     * {@value #WARM_UP_INSTRUMENT_TICKS} instrument-ticks (the per-instrument loops, where the rare branches
     * are, still run that often), never under {@value #WARM_UP_MIN_TICKS}. On the 2-core Intel Xeon VM the
     * warm-up of 1,024 instruments takes about 2.6 s on simd and 4.5 s on cpu (docs/live.md).
     *
     * @throws IllegalArgumentException if {@code instruments < 1}
     */
    public static int warmUpTicks(int instruments) {
        if (instruments < 1) {
            throw new IllegalArgumentException("instruments must be >= 1, instruments=" + instruments);
        }
        return (int) Math.max(WARM_UP_MIN_TICKS, Math.min(WARM_UP_MAX_TICKS, WARM_UP_INSTRUMENT_TICKS / instruments));
    }

    /**
     * {@link #warmUp} with {@link #warmUpTicks(int)} ticks, then rounds of an eighth of that (at least
     * {@value #WARM_UP_MIN_TICKS}) until the JVM's total compilation time (all threads' compiles, as
     * {@link java.lang.management.CompilationMXBean} counts them when they finish) has not moved for two
     * rounds in a row and {@value #WARM_UP_QUIET_MILLIS} ms; at most four times the ticks, and no new round
     * after 20 s from the start. Right after a JVM starts, the count alone leaves C2 compiling the lanes of a
     * small engine (32 instruments, 40,000 ticks: the next ticks ran at 2-8x their compiled time;
     * docs/benchmarks.md). Where the JVM reports no compilation time, the count alone. Returns the ticks run;
     * the engine is reset, as after {@link #warmUp}. What {@code vectrade live} does before the first bar by
     * default, and the throughput benchmark before it measures.
     */
    public int warmUpUntilCompiled() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean monitored = jit != null && jit.isCompilationTimeMonitoringSupported();
        return warmUpRounds(warmUpTicks(instruments), this::warmUp,
                monitored ? jit::getTotalCompilationTime : null, System::nanoTime);
    }

    /** {@link #prime}'s ticks for {@link #warmUpUntilCompiled}. */
    public static final int PRIME_AUTO = -1;

    /**
     * {@link #warmUp} with {@code ticks} ticks, or {@link #warmUpUntilCompiled} for {@link #PRIME_AUTO}: the
     * priming a caller configures with one number (the CLI's {@code --prime-ticks}, a live connector's
     * settings). Returns the ticks run.
     *
     * @throws IllegalArgumentException if {@code ticks} is negative and not {@link #PRIME_AUTO}
     */
    public int prime(int ticks) {
        if (ticks == PRIME_AUTO) {
            return warmUpUntilCompiled();
        }
        warmUp(ticks);
        return ticks;
    }

    /** The quiet time {@link #warmUpUntilCompiled} waits for, besides two rounds. */
    static final long WARM_UP_QUIET_MILLIS = 250;

    /**
     * {@link #warmUpUntilCompiled}'s rounds: {@code run} with {@code suggested} ticks, then with rounds of an
     * eighth until {@code compileMillis} has stood still for two rounds and {@link #WARM_UP_QUIET_MILLIS} ms
     * of {@code nanos}, at most {@code 4 × suggested} ticks, no round started 20 s after the first; only
     * the first run where {@code compileMillis} is null. Returns the ticks run.
     */
    static int warmUpRounds(int suggested, java.util.function.IntConsumer run, java.util.function.LongSupplier compileMillis,
                            java.util.function.LongSupplier nanos) {
        long start = nanos.getAsLong();
        run.accept(suggested);
        if (compileMillis == null) {
            return suggested;
        }
        int round = Math.max(WARM_UP_MIN_TICKS, suggested / 8);
        int ticks = suggested;
        int quietRounds = 0;
        long quietSince = nanos.getAsLong();
        long last = compileMillis.getAsLong();
        while (ticks + round <= 4L * suggested && nanos.getAsLong() - start < 20_000_000_000L) {
            run.accept(round);
            ticks += round;
            long now = compileMillis.getAsLong();
            if (now != last) {
                last = now;
                quietRounds = 0;
                quietSince = nanos.getAsLong();
            } else if (++quietRounds >= 2 && nanos.getAsLong() - quietSince >= WARM_UP_QUIET_MILLIS * 1_000_000L) {
                break;
            }
        }
        return ticks;
    }

    /**
     * Runs {@code ticks} ticks of a seeded synthetic market through this engine, then {@link #reset}s
     * it, so that the JIT has compiled the tick before the first real bar, its rare paths included:
     * each instrument misses about 2 % of its bars, jumps by -40 % or +50 % about once in 400 bars (a
     * mean far from its anchor) and holds its price for 30 bars now and then (a flat window). Without
     * it C2 compiles the methods called once per tick only after some 10,000-15,000 ticks, and the
     * first real missing bar or jump sends the method that meets it back to the interpreter until C2
     * has compiled it again (milliseconds; docs/live.md). Features, scores and signals after it equal a
     * fresh engine's (tested on cpu and simd; on cuda the reset is the device engine's own, not yet run on a
     * card). Allocates its synthetic bar and the last closes (6 × B doubles) once.
     *
     * @throws IllegalArgumentException if {@code ticks < 0}
     */
    public void warmUp(int ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("ticks must be >= 0, ticks=" + ticks);
        }
        int b = instruments;
        double[][] bar = new double[5][b];
        double[] last = new double[b];
        java.util.Arrays.fill(last, 100.0);
        java.util.SplittableRandom random = new java.util.SplittableRandom(0x5EEDL);
        for (int t = 0; t < ticks; t++) {
            for (int i = 0; i < b; i++) {
                double o = last[i];
                double z = random.nextGaussian();
                double c;
                if ((t / 30 + i) % 37 == 0) {
                    c = o;
                } else if (random.nextInt(400) == 0) {
                    c = o * (random.nextBoolean() ? 1.5 : 0.6);
                } else {
                    c = o * Math.exp(0.01 * z);
                }
                boolean missing = random.nextInt(50) == 0;
                bar[0][i] = o;
                bar[1][i] = Math.max(o, c) * 1.001;
                bar[2][i] = Math.min(o, c) * 0.999;
                bar[3][i] = missing ? Double.NaN : c;
                bar[4][i] = 1_000 + 100 * Math.abs(z);
                if (!missing) {
                    last[i] = c;
                }
            }
            onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
        }
        reset();
    }

    /** Forgets all history: streaming state and the policy's state. */
    public void reset() {
        backend.reset();
        policy.reset();
        ticks = 0;
    }

    @Override
    public void close() {
        backend.close();
    }
}
