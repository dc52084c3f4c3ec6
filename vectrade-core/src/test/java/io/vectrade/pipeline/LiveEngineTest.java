package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.testdata.RandomMarket;
import io.vectrade.testdata.RealData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;

import static io.vectrade.pipeline.PipelineTestSupport.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

class LiveEngineTest {

    /** The suggested warm-up: 40,000 ticks up to 1,024 instruments, then about 41 M instrument-ticks, never under 1,000. */
    @org.junit.jupiter.api.Test
    void warmUpTicksScaleWithTheInstruments() {
        assertThat(new int[] {LiveEngine.warmUpTicks(1), LiveEngine.warmUpTicks(1_024), LiveEngine.warmUpTicks(1_500),
            LiveEngine.warmUpTicks(2_048), LiveEngine.warmUpTicks(100_000)})
                .containsExactly(40_000, 40_000, 27_306, 20_000, 1_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveEngine.warmUpTicks(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("instruments must be >= 1, instruments=0");
    }

    /**
     * The rounds until compiled, on a fake clock (100 ms a round) and JIT: quiet from the start, two quiet rounds
     * and 250 ms after the first run; always compiling, four times the ticks; a slow clock, no round started
     * after 20 s; no compilation time, the count alone.
     */
    @org.junit.jupiter.api.Test
    void warmUpRoundsStopWhenTheJitIsQuietOrAtACap() {
        assertThat(rounds(40_000, false, 100)).containsExactly(40_000, 5_000, 5_000, 5_000);
        java.util.List<Integer> busy = rounds(40_000, true, 100);
        assertThat(busy.stream().mapToInt(Integer::intValue).sum()).isEqualTo(160_000);
        assertThat(rounds(40_000, true, 10_000)).containsExactly(40_000, 5_000);
        java.util.List<Integer> plain = new java.util.ArrayList<>();
        assertThat(LiveEngine.warmUpRounds(40_000, plain::add, null, System::nanoTime)).isEqualTo(40_000);
        assertThat(plain).containsExactly(40_000);
        assertThat(rounds(1_000, false, 100)).containsExactly(1_000, 1_000, 1_000, 1_000);
    }

    private static java.util.List<Integer> rounds(int suggested, boolean compiling, long millisPerRound) {
        java.util.List<Integer> runs = new java.util.ArrayList<>();
        long[] clock = {0};
        long[] jit = {0};
        int ticks = LiveEngine.warmUpRounds(suggested, n -> {
            runs.add(n);
            clock[0] += millisPerRound * 1_000_000L;
            if (compiling) {
                jit[0]++;
            }
        }, () -> jit[0], () -> clock[0]);
        assertThat(ticks).isEqualTo(runs.stream().mapToInt(Integer::intValue).sum());
        return runs;
    }

    /** The real thing: the suggested ticks at least, four times them at most, and the engine reset. */
    @org.junit.jupiter.api.Test
    void aWarmUpUntilCompiledRunsBetweenTheSuggestedTicksAndFourTimesThemAndResets() {
        try (LiveEngine live = LiveEngine.create(Models.defaultModel(), SignalChain.parse("rank(top=2,bottom=2)"),
                Backend.CPU, 8)) {
            int ticks = live.warmUpUntilCompiled();
            assertThat(ticks).isBetween(40_000, 160_000);
            assertThat((ticks - 40_000) % 5_000).isZero();
            assertThat(live.ticks()).isZero();
        }
    }

    /** Streaming features equal batch to 1e-9 relative (see StreamingFeatures); scores and weights follow. */
    private static final double TOL = 1e-9;

    static Stream<Arguments> replays() {
        String threshold = "threshold(long=0.55,exit=0.5,short=0.45,cover=0.5) | voltarget(target=0.1) | caps(max=0.5)";
        return Stream.of(
                Arguments.of("aapl daily", RealData.aaplDaily().toPanel(), threshold),
                Arguments.of("bitstamp 1m", RealData.bitstampMinutes().toPanel(), threshold),
                Arguments.of("random 40x500 with gaps", RandomMarket.panel(7, 40, 500, 0.03),
                        "rank(top=5,bottom=5) | voltarget(target=0.1) | caps(max=0.1,gross=1,net=0.3)"),
                Arguments.of("random 25x400 with gaps", RandomMarket.panel(11, 25, 400, 0.05), threshold));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("replays")
    void liveEqualsBatchAtEveryBar(String name, Panel panel, String policy) {
        Model model = PipelineTestSupport.logistic();
        int n = panel.instruments();
        try (TradingPipeline batch = TradingPipeline.create(model, SignalChain.parse(policy), Backend.CPU);
             LiveEngine live = LiveEngine.create(model, SignalChain.parse(policy), Backend.CPU, n)) {
            SignalFrame expected = batch.run(panel);
            FeatureTable table = batch.calculateFeatures(panel);
            double[] scores = batch.generatePredictions(table);
            expected = batch.generateSignals(scores, table);
            FeatureSet set = live.featureSet();
            assertThat(set).isEqualTo(batch.featureSet());
            double[][] bar = new double[5][n];
            int nonFlat = 0;
            for (int t = 0; t < panel.bars(); t++) {
                PipelineTestSupport.bar(panel, t, bar);
                SignalFrame got = live.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                for (int i = 0; i < n; i++) {
                    String at = name + " t=" + t + " i=" + i;
                    for (int c = 0; c < set.columns(); c++) {
                        assertClose(at + " " + set.columnNames().get(c), live.features().value(c, 0, i),
                                table.value(c, t, i), TOL);
                    }
                    assertClose(at + " score", live.scores()[i], scores[t * n + i], TOL);
                    assertThat(got.side(0, i)).as(at + " side").isEqualTo(expected.side(t, i));
                    assertClose(at + " weight", got.weight(0, i), expected.weight(t, i), TOL);
                    nonFlat += got.side(0, i) != SignalFrame.FLAT ? 1 : 0;
                }
            }
            // the comparison means something only if the policy took positions
            assertThat(nonFlat).as("non-flat signals in %s", name).isPositive();
        }
    }

    /**
     * A warmed-up engine (synthetic ticks, then reset) gives a fresh engine's features, scores and frames, raw
     * bits. Runs with the Java vector math library (the {@code java-vector-math} surefire execution): the two
     * engines take turns on the same code, and where C2 compiles or deoptimises the simd log pass between their
     * ticks of a bar, one tick's log came from the Vector API's Java code and the other's from SVML, an ulp
     * apart (seen once in four runs of this class: volatility at t = 52), which is the JIT's, not the warm-up's.
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    @org.junit.jupiter.api.Tag("java-vector-math")
    void aWarmUpLeavesNoTrace(Backend backend) {
        Panel panel = RandomMarket.panel(23, 37, 300, 0.03);
        int n = panel.instruments();
        String policy = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";
        try (LiveEngine warmed = LiveEngine.create(Models.defaultModel(), SignalChain.parse(policy), backend, n);
             LiveEngine fresh = LiveEngine.create(Models.defaultModel(), SignalChain.parse(policy), backend, n)) {
            warmed.warmUp(2_000);
            assertThat(warmed.ticks()).isZero();
            double[][] bar = new double[5][n];
            int nonFlat = 0;
            for (int t = 0; t < panel.bars(); t++) {
                PipelineTestSupport.bar(panel, t, bar);
                SignalFrame a = warmed.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                SignalFrame b = fresh.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                nonFlat += PipelineTestSupport.assertSameTickBitForBit(backend + " t=" + t, fresh, b, warmed, a);
            }
            assertThat(nonFlat).isPositive();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> fresh.warmUp(-1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticks=-1");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void benchmarkMlpRunsLiveWithoutAllocation(Backend backend) {
        io.vectrade.testdata.AllocationMeter meter = io.vectrade.testdata.AllocationMeter.before();
        int n = 64;
        Panel panel = SyntheticMarket.generate(n, 3000, 5);
        double[][][] bars = new double[panel.bars()][5][n];
        for (int t = 0; t < panel.bars(); t++) {
            PipelineTestSupport.bar(panel, t, bars[t]);
        }
        Model mlp = Models.benchmarkMlp(FeatureSet.standard().columnNames(), 1);
        try (LiveEngine live = LiveEngine.create(mlp, SignalChain.parse("rank(top=10,bottom=10)"), backend, n)) {
            int[] t = {0};
            // the MLP's simd kernels compile late on a loaded machine: wait until the JIT is quiet, and past two
            // restarts of the 3,000 bars (the jump there is the first drifted mean a kernel meets: the method that
            // meets it goes back to the interpreter until recompiled, and interpreted Vector API code allocates)
            var w = meter.measureAfterSettling(() -> {
                double[][] b = bars[t[0]++ % bars.length];
                live.onTick(b[0], b[1], b[2], b[3], b[4]);
            }, 7_000, 40_000, 1_000);
            assertThat(w.bytes()).as("bytes over 1,000 ticks on %s, %d threads (workers: %s)", backend, w.threads(),
                    w.threadNames()).isZero();
            // after the longest lookback (adx: 27, macd: 33) every instrument has a score
            for (int i = 0; i < n; i++) {
                assertThat(live.scores()[i]).isFinite();
            }
        }
    }
}
