package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.feature.simd.SimdFeatureEngine;
import io.vectrade.feature.stream.StreamingFeatures;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.model.Predictor;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.testdata.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hot path the docs call allocation-free allocates exactly 0 bytes on every thread it uses
 * (the calling thread and the workers of its pools, {@link AllocationMeter}) over a fixed window
 * of calls after a warm-up: the feature engines' {@code computeInto} (cpu, simd with its workers),
 * the streaming features' tick, the predictors (cpu, simd with its workers), the signal chains (sequential and
 * split over parts), the fused simd pipeline run and the live engine's tick (cpu, simd).
 */
class HotPathAllocationTest {
    /** Calls before the window: C2 must have compiled the Vector API code (until then vectors are objects). */
    private static final int WARMUP = 2_000;
    private static final int WINDOW = 200;
    /** Warm-up calls at most while waiting for the JIT to settle (AllocationMeter.measureAfterSettling). */
    private static final int SETTLE_MAX = 20_000;
    /**
     * The quiet stretch (calls) of the slow calls below (2-17 ms a call here) instead of
     * {@link AllocationMeter#QUIET_CALLS} (10,000 calls: minutes for them): three windows, as before. Only
     * where a scan of every call of the path (12,000 calls in a JVM of its own, prepared as
     * {@link AllocationMeter#before()} prepares) found no allocation after its first 270 calls: the feature
     * engines (both panels, cpu and simd), the cpu batch predict and the fused simd run (docs/reliability.md).
     */
    private static final int SLOW_QUIET_WINDOWS = 3;

    private static void assertZero(String what, AllocationMeter.Window w) {
        assertThat(w.bytes()).as("%s: bytes on %d threads (calling thread %d B; workers: %s)", what, w.threads(),
                w.callingThreadBytes(), w.threadNames()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void featureEngineComputeInto(Backend backend) {
        AllocationMeter meter = AllocationMeter.before();
        // 301 instruments: blocks of 160 and 141 (the second's last vector shifted to overlap the one
        // before), so the pool's worker runs. Not covered: a last unit narrower than a vector (37 = 32 + 5,
        // the reference path on the worker): 32 B a call on the calling thread inside the suite, 0 in a
        // JVM of its own; open, see docs/reliability.md.
        try (FeatureEngine engine = backend == Backend.CPU ? new CpuFeatureEngine() : new SimdFeatureEngine(2)) {
            settleAndAssert(meter, backend, engine, SyntheticMarket.generate(301, 120, 5), backend == Backend.SIMD);
        }
        // 5 % of the bars missing over 300 bars (two time chunks): on simd the gaps stay in the lanes
        // (GapLanes), compacted chunk by chunk. One thread: with two, the calling thread measured 32 B
        // a call inside the suite whenever it waited for the worker (the open caller-wait case of
        // docs/reliability.md; 0 B on both threads in a JVM of its own), which is the pool's, not the
        // gap path's; the worker runs the same code as the calling thread.
        Panel gappy = io.vectrade.testdata.RandomMarket.panel(7, 64, 300,
                new io.vectrade.testdata.RandomMarket.Options(0.05, false, true));
        try (FeatureEngine engine = backend == Backend.CPU ? new CpuFeatureEngine() : new SimdFeatureEngine(1)) {
            settleAndAssert(meter, backend, engine, gappy, false);
        }
    }

    private static void settleAndAssert(AllocationMeter meter, Backend backend, FeatureEngine engine, Panel panel,
                                        boolean worker) {
        FeatureSet set = FeatureSet.standard();
        FeatureTable out = FeatureTable.allocate(set, panel);
        // the lane kernels' C2 compilation can lag on a loaded machine: warm up until the JIT and the
        // probe windows are quiet (at most 10,000 calls), then assert a fresh window
        AllocationMeter.Window w = meter.measureAfterSettling(() -> engine.computeInto(panel, set, out), WARMUP,
                10_000, WINDOW / 4, SLOW_QUIET_WINDOWS * WINDOW / 4);
        assertZero(backend + " computeInto, " + panel, w);
        if (worker) {
            assertThat(w.threadNames()).as("the simd engine's worker was counted").contains("vectrade-features-1");
        }
    }

    @Test
    void streamingFeaturesTick() {
        AllocationMeter meter = AllocationMeter.before();
        int n = 256;
        StreamingFeatures live = StreamingFeatures.of(FeatureSet.standard(), n);
        Panel panel = SyntheticMarket.generate(n, 400, 9);
        double[][] bar = new double[5][n];
        double[] row = new double[live.columns() * n];
        int[] t = {0};
        Runnable tick = () -> {
            panel.copyBar(t[0]++ % panel.bars(), bar[0], bar[1], bar[2], bar[3], bar[4]);
            live.update(bar[0], bar[1], bar[2], bar[3], bar[4], row);
        };
        // HotSpot resolves a class's string constants on the thread that asks for its first C2 compile
        // (776 B seen in a loaded suite): warm up until a probe window is clean, then count a fresh one
        assertZero("streaming tick", meter.measureAfterSettling(tick, WARMUP, SETTLE_MAX, WINDOW * 10));
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void predictor(Backend backend) {
        AllocationMeter meter = AllocationMeter.before();
        List<String> cols = List.of("rsi(14)", "logret(5)", "zscore(20)", "volatility(20)");
        Model m = Models.benchmarkMlp(cols, 3);
        int n = 100;
        int bars = 12; // 1,200 rows: above the simd predictor's parallel threshold, so its workers run
        SplittableRandom rnd = new SplittableRandom(2);
        double[][] in = new double[4][bars * n];
        for (double[] c : in) {
            for (int i = 0; i < c.length; i++) {
                c[i] = rnd.nextGaussian();
            }
        }
        double[] scores = new double[bars * n];
        try (Predictor p = m.predictor(backend)) {
            Runnable batch = () -> p.predict(in, 0, bars * n, scores);
            assertZero(backend + " predict, batch", backend == Backend.CPU
                    ? meter.measureAfterSettling(batch, WARMUP, SETTLE_MAX, WINDOW, SLOW_QUIET_WINDOWS * WINDOW)
                    : meter.measureAfterSettling(batch, WARMUP, SETTLE_MAX, WINDOW));
            assertZero(backend + " predict, one bar",
                    meter.measureAfterSettling(() -> p.predict(in, (bars - 1) * n, bars * n, scores), WARMUP, SETTLE_MAX, WINDOW));
        }
    }

    @Test
    void signalChains() {
        AllocationMeter meter = AllocationMeter.before();
        int n = 100;
        int bars = 12;
        SplittableRandom rnd = new SplittableRandom(4);
        double[] scores = new double[bars * n];
        double[] vol = new double[bars * n];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = rnd.nextGaussian() * 0.1;
            vol[i] = 0.01 + 0.02 * rnd.nextDouble();
        }
        SignalFrame frame = SignalFrame.allocate(bars, n);
        SignalChain rank = SignalChain.parse("rank(top=10,bottom=10) | voltarget(target=0.1) | caps(max=0.05,gross=1,net=0.2)");
        SignalChain thr = SignalChain.parse("threshold(long=0.1,exit=0,short=-0.1,cover=0) | caps(gross=1)");
        assertZero("rank | voltarget | caps", meter.measureAfterSettling(() -> rank.apply(scores, vol, frame), WARMUP, SETTLE_MAX, WINDOW));
        assertZero("threshold | caps", meter.measureAfterSettling(() -> thr.apply(scores, null, 0, bars, frame), WARMUP, SETTLE_MAX, WINDOW));
    }

    /**
     * The signal chains from their second call on, every call counted (windows of 100 back to back over
     * 12,000 calls), so that a one-time allocation late in the warm-up shows too, on signal classes loaded
     * afresh (a class loader of their own: their JIT warm-up starts from nothing, whatever ran before). The
     * first C2 compile request for a {@code SignalChain} method (one called once a call crosses the threshold
     * after some 4,000 to 9,500 calls) made HotSpot intern the class's five message strings on the calling
     * thread, 408 B, which {@link #signalChains}' window caught in about 1 run in 8; {@link AllocationMeter#before()}
     * now interns the project's string constants (and loads its classes) first.
     */
    @Test
    void signalChainsEveryCallAfterTheFirst() throws Exception {
        AllocationMeter meter = AllocationMeter.before();
        java.net.URL[] classes = {location(SignalChain.class), location(io.vectrade.signal.ChainCalls.class)};
        try (java.net.URLClassLoader fresh = new java.net.URLClassLoader(classes, ClassLoader.getPlatformClassLoader())) {
            Class<?> calls = fresh.loadClass(io.vectrade.signal.ChainCalls.class.getName());
            assertThat(calls).isNotSameAs(io.vectrade.signal.ChainCalls.class);
            for (String spec : List.of("rank(top=10,bottom=10) | voltarget(target=0.1) | caps(max=0.05,gross=1,net=0.2)",
                    "threshold(long=0.1,exit=0,short=-0.1,cover=0) | caps(gross=1)")) {
                Runnable call = (Runnable) calls.getConstructor(String.class, long.class).newInstance(spec, 4L);
                call.run(); // sizes the scratch
                StringBuilder allocated = new StringBuilder();
                for (int w = 0; w < 120; w++) {
                    long bytes = meter.measure(call, 0, 100).bytes();
                    if (bytes != 0) {
                        allocated.append(" calls ").append(2 + 100 * w).append('-').append(101 + 100 * w).append(": ")
                                .append(bytes).append(" B;");
                    }
                }
                assertThat(allocated.toString()).as("windows of %s that allocated", spec).isEmpty();
            }
        }
    }

    private static java.net.URL location(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void parallelSignalsWithItsWorkers() {
        AllocationMeter meter = AllocationMeter.before();
        int n = 64;
        int bars = 200;
        SplittableRandom rnd = new SplittableRandom(3);
        double[] scores = new double[bars * n];
        double[] vol = new double[bars * n];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = rnd.nextGaussian();
            vol[i] = 0.01 + 0.02 * rnd.nextDouble();
        }
        SignalFrame frame = SignalFrame.allocate(bars, n);
        try (ParallelSignals p = new ParallelSignals(
                SignalChain.parse("rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)"), 2)) {
            assertZero("parallel signals", meter.measureAfterSettling(() -> p.apply(scores, vol, frame), WARMUP, SETTLE_MAX, WINDOW));
        }
    }

    /**
     * The fused simd run (features and model over chunks, {@link FusedScoring}, then the policy split over the
     * cores): the engine's worker, the signal worker and the calling thread. 301 instruments: a block of 160
     * whose chunks are scored as they come, and one of 141 with missing bars, cut into its units of 32 (the last
     * 13, shifted) for the gap path and scored whole.
     */
    @Test
    void fusedPipelineRun() {
        AllocationMeter meter = AllocationMeter.before();
        Panel panel = SyntheticMarket.generate(301, 300, 6);
        for (int t = 7; t < 300; t += 50) {
            int at = panel.index(t, 290);
            for (double[] c : new double[][] {panel.openColumn(), panel.highColumn(), panel.lowColumn(),
                    panel.closeColumn(), panel.volumeColumn()}) {
                c[at] = Double.NaN;
            }
        }
        try (SimdFeatureEngine engine = new SimdFeatureEngine(2);
             TradingPipeline p = TradingPipeline.borrowing(Models.defaultModel(),
                     SignalChain.parse("rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)"), engine)) {
            AllocationMeter.Window w = meter.measureAfterSettling(() -> p.run(panel), WARMUP, SETTLE_MAX, WINDOW,
                    SLOW_QUIET_WINDOWS * WINDOW);
            assertZero("fused simd pipeline run", w);
            assertThat(w.threadNames()).as("the engine's and the signals' workers were counted")
                    .contains("vectrade-features-1").contains("vectrade-signals-1");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void liveEngineTick(Backend backend) {
        AllocationMeter meter = AllocationMeter.before();
        int n = 256;
        Panel panel = SyntheticMarket.generate(n, 400, 3);
        double[][][] bars = new double[panel.bars()][5][n];
        for (int t = 0; t < panel.bars(); t++) {
            PipelineTestSupport.bar(panel, t, bars[t]);
        }
        try (LiveEngine live = LiveEngine.create(PipelineTestSupport.logistic(),
                SignalChain.parse("rank(top=50,bottom=50) | voltarget(target=0.1) | caps(max=0.02,gross=1)"), backend, n)) {
            int[] t = {0};
            Runnable tick = () -> {
                double[][] b = bars[t[0]++ % bars.length];
                live.onTick(b[0], b[1], b[2], b[3], b[4]);
            };
            untilCompiled(tick);
            assertZero(backend + " live tick", meter.measureAfterSettling(tick, WARMUP, SETTLE_MAX, WINDOW));
        }
    }

    /**
     * Runs {@code call} 20,000 times, then until 3 rounds of 1,000 in a row compile nothing: HotSpot
     * resolves a class's string constants on the thread that asks for its first C2 compile (and simd
     * runs its vectors as objects until C2 has compiled it), so a window must not start before the
     * JIT has settled (LiveEngineAllocationTest's comment has the details).
     */
    private static void untilCompiled(Runnable call) {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        for (int k = 0; k < 20_000; k++) {
            call.run();
        }
        for (int w = 0, quiet = 0; w < 100 && quiet < 3; w++) {
            long compiled = jit.getTotalCompilationTime();
            for (int k = 0; k < 1_000; k++) {
                call.run();
            }
            quiet = jit.getTotalCompilationTime() == compiled ? quiet + 1 : 0;
        }
    }
}
