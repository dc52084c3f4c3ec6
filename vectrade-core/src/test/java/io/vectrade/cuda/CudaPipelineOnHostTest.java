package io.vectrade.cuda;

import io.vectrade.data.Panel;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link CudaPipeline} over the kernels compiled for the host ({@link HostDevice}, TEST ONLY):
 * the fused run, the single stages and the policies alone, against the Java pipeline (see
 * {@link PipelineComparison}). Checks kernel logic and orchestration without a GPU; NOT GPU
 * verification (that is {@link CudaPipelineGpuTest}). Skipped without g++.
 */
class CudaPipelineOnHostTest {
    private static HostDevice device;

    @BeforeAll
    static void compile() throws Exception {
        io.vectrade.testdata.Prerequisites.require(HostDevice.compiler() != null, "g++ not found: the cuda host stand-in tests need it (apt-get install g++)");
        // a device of its own with simulated async streams (seeded): a missing event wait between the
        // feature streams and the pipeline's stream shows up as a wrong result
        device = HostDevice.compileAndLoad().withAsyncStreams(7);
    }

    private static CudaFeatureEngine engine(CudaFeatureEngine.Precision p) {
        return new CudaFeatureEngine(device, p, 1024, false);
    }

    @ParameterizedTest(name = "{0} {1} missing={2} policy={3}")
    @CsvSource(delimiter = ';', value = {
            "default; DOUBLE; 0.0; 0",
            "default; DOUBLE; 0.05; 1",
            "default; DOUBLE; 0.0; 2",
            "default; DOUBLE; 0.03; 3",
            "default; DOUBLE; 0.0; 4",
            "default; FLOAT; 0.0; 0",
            "default; FLOAT; 0.05; 3",
            "default; FLOAT; 0.0; 4",
            "wide-mlp; DOUBLE; 0.02; 3",
            "wide-mlp; FLOAT; 0.0; 2",
            "identity-mlp; DOUBLE; 0.0; 1",
            "benchmark-mlp; DOUBLE; 0.0; 3",
    })
    void fusedRunMatchesTheJavaPipeline(String model, CudaFeatureEngine.Precision precision, double missing, int policy) {
        Panel panel = RandomMarket.panel(900 + policy, 24, 160, missing);
        PipelineComparison.checkFused(model + " " + precision, engine(precision), PipelineComparison.model(model),
                PipelineComparison.POLICIES.get(policy), panel);
    }

    @ParameterizedTest(name = "{0} {1} policy={2}")
    @CsvSource(delimiter = ';', value = {
            "default; DOUBLE; 3",
            "wide-mlp; DOUBLE; 0",
            "wide-mlp; FLOAT; 4",
            "benchmark-mlp; FLOAT; 2",
    })
    void singleStagesMatchTheJavaPipeline(String model, CudaFeatureEngine.Precision precision, int policy) {
        Panel panel = RandomMarket.panel(700 + policy, 17, 140, 0.02);
        PipelineComparison.checkStages(model + " " + precision, engine(precision), PipelineComparison.model(model),
                PipelineComparison.POLICIES.get(policy), panel);
    }

    /**
     * Ties, NaN and infinite scores, zero and NaN volatility: every policy, both precisions; 13
     * instruments (one block of the caps totals) and 70 (three blocks, the last one short).
     */
    @ParameterizedTest(name = "instruments={0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {13, 70})
    void policiesMatchTheJavaPoliciesOnAwkwardScores(int n) {
        int bars = 40;
        SplittableRandom rnd = new SplittableRandom(5);
        double[] scores = new double[bars * n];
        double[] vol = new double[bars * n];
        for (int k = 0; k < scores.length; k++) {
            double u = rnd.nextDouble();
            scores[k] = u < 0.05 ? Double.NaN : u < 0.08 ? Double.POSITIVE_INFINITY
                    : u < 0.3 ? Math.round(rnd.nextDouble() * 4) / 8.0 + 0.25   // many ties
                    : rnd.nextDouble();
            double w = rnd.nextDouble();
            vol[k] = w < 0.05 ? Double.NaN : w < 0.08 ? 0 : 0.005 + 0.03 * rnd.nextDouble();
        }
        for (int b = 30; b < bars; b++) {   // bars with few finite scores: the sides share them
            for (int i = 2; i < n; i++) {
                scores[b * n + i] = Double.NaN;  // bars with few finite scores: the sides share them
            }
        }
        for (CudaFeatureEngine.Precision p : CudaFeatureEngine.Precision.values()) {
            for (String policy : PipelineComparison.POLICIES) {
                PipelineComparison.checkSignals("awkward " + p, engine(p), policy, scores, vol, bars, n);
            }
            PipelineComparison.checkSignals("awkward " + p, engine(p), "rank(top=8,bottom=8)", scores, vol, bars, n);
            PipelineComparison.checkSignals("awkward " + p, engine(p),
                    "rank(top=2,bottom=2) | caps(max=0.3,gross=0.8,net=0)", scores, vol, bars, n);
            // unclipped weights of many sizes: the caps totals depend on the order they are summed in
            PipelineComparison.checkSignals("awkward " + p, engine(p),
                    "threshold(long=0.6,exit=0.5,short=0.4,cover=0.5) | voltarget(target=0.1) | caps(gross=1,net=0.05)",
                    scores, vol, bars, n);
        }
    }

    @Test
    void aModelWiderThanTheDeviceKernelIsRefusedWithItsWidth() {
        io.vectrade.model.Model wide = io.vectrade.model.Models.mlp(java.util.List.of("rsi(14)"), new int[] {300, 1},
                new io.vectrade.model.Activation[] {io.vectrade.model.Activation.RELU,
                        io.vectrade.model.Activation.IDENTITY}, 1);
        CudaFeatureEngine e = engine(CudaFeatureEngine.Precision.DOUBLE);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> CudaPipeline.open(e, wide, io.vectrade.signal.SignalChain.parse("threshold"),
                        wide.featureSet(), -1))
                .withMessageContaining("up to 256 wide, width=300");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> CudaLiveEngine.open(device, CudaFeatureEngine.Precision.DOUBLE, wide,
                        io.vectrade.signal.SignalChain.parse("threshold"), wide.featureSet(), -1, 4))
                .withMessageContaining("up to 256 wide, width=300");
        e.close();
    }

    @Test
    void missingInputsAndBadColumnsAreRefusedBeforeAnythingIsAllocated() {
        io.vectrade.model.Model m = PipelineComparison.model("default");
        io.vectrade.feature.FeatureSet lacking = io.vectrade.feature.FeatureSet.parse("rsi(14),zscore(20)");
        io.vectrade.signal.SignalChain chain = io.vectrade.signal.SignalChain.parse("threshold");
        try (CudaFeatureEngine e = engine(CudaFeatureEngine.Precision.DOUBLE)) {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> CudaPipeline.open(e, m, chain, lacking, -1))
                    .withMessageContaining("lacks a model input, input=logret(20)");
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> CudaPipeline.open(e, m, chain, m.featureSet(), 99))
                    .withMessageContaining("volatilityColumn=99");
            org.assertj.core.api.Assertions.assertThat(e.memoryStats().currentBytes()).isZero();
        }
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> CudaLiveEngine.open(device, CudaFeatureEngine.Precision.DOUBLE, m, chain, lacking, -1, 8))
                .withMessageContaining("lacks a model input");
    }

    @Test
    void aClosedPipelineRefusesWorkAndAShapeChangeKeepsScoresRight() {
        io.vectrade.model.Model m = PipelineComparison.model("default");
        Panel a = RandomMarket.panel(1, 12, 100, 0.0);
        Panel b = RandomMarket.panel(2, 30, 128, 0.0);
        CudaFeatureEngine gpu = engine(CudaFeatureEngine.Precision.DOUBLE);
        io.vectrade.pipeline.TradingPipeline p = io.vectrade.pipeline.TradingPipeline.borrowing(m,
                io.vectrade.signal.SignalChain.parse("rank(top=2,bottom=2)"), gpu);
        p.run(a);
        p.calculateFeatures(b);   // another shape after a fused run: scores() must not download the old run's
        org.assertj.core.api.Assertions.assertThat(p.scores()).hasSize(b.bars() * b.instruments());
        p.run(b);
        double[] fused = p.scores().clone();
        double[] staged = p.generatePredictions(p.calculateFeatures(b));
        org.assertj.core.api.Assertions.assertThat(staged).containsExactly(fused);
        p.close();
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> p.run(a))
                .withMessageContaining("closed");
        gpu.close();
    }

    @Test
    void theLiveEngineChecksItsArgumentsResetsAndRefusesWorkWhenClosed() {
        io.vectrade.model.Model m = PipelineComparison.model("default");
        String policy = PipelineComparison.POLICIES.get(0);
        io.vectrade.signal.SignalChain chain = io.vectrade.signal.SignalChain.parse(policy);
        Panel panel = RandomMarket.panel(77, 9, 90, 0.05);
        int n = panel.instruments();
        io.vectrade.feature.FeatureSet fs;
        try (io.vectrade.pipeline.LiveEngine ref = io.vectrade.pipeline.LiveEngine.create(m, chain, io.vectrade.backend.Backend.CPU, n)) {
            fs = ref.featureSet();
        }
        CudaLiveEngine live = CudaLiveEngine.open(device, CudaFeatureEngine.Precision.DOUBLE, m,
                io.vectrade.signal.SignalChain.parse(policy), fs, LiveComparison.volatilityColumn(fs), n);
        double[][] bar = new double[5][n];
        double[] scores = new double[n];
        io.vectrade.signal.SignalFrame frame = io.vectrade.signal.SignalFrame.allocate(1, n);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> live.tick(bar[0], bar[1], bar[2], new double[n - 1], bar[4], scores, frame))
                .withMessageContaining("close=" + (n - 1));
        // half the history, reset, then the whole history: the same as a fresh engine
        for (int t = 0; t < panel.bars() / 2; t++) {
            panel.copyBar(t, bar[0], bar[1], bar[2], bar[3], bar[4]);
            live.tick(bar[0], bar[1], bar[2], bar[3], bar[4], scores, frame);
        }
        live.reset();
        try (CudaLiveEngine fresh = CudaLiveEngine.open(device, CudaFeatureEngine.Precision.DOUBLE, m,
                io.vectrade.signal.SignalChain.parse(policy), fs, LiveComparison.volatilityColumn(fs), n)) {
            double[] s2 = new double[n];
            io.vectrade.signal.SignalFrame f2 = io.vectrade.signal.SignalFrame.allocate(1, n);
            for (int t = 0; t < panel.bars(); t++) {
                panel.copyBar(t, bar[0], bar[1], bar[2], bar[3], bar[4]);
                live.tick(bar[0], bar[1], bar[2], bar[3], bar[4], scores, frame);
                fresh.tick(bar[0], bar[1], bar[2], bar[3], bar[4], s2, f2);
                org.assertj.core.api.Assertions.assertThat(scores).as("tick %d", t).containsExactly(s2);
                org.assertj.core.api.Assertions.assertThat(frame.side()).as("tick %d", t).containsExactly(f2.side());
                org.assertj.core.api.Assertions.assertThat(frame.weight()).as("tick %d", t).containsExactly(f2.weight());
            }
        }
        live.close();
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> live.tick(bar[0], bar[1], bar[2], bar[3], bar[4], scores, frame));
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> live.downloadFeatures(new double[fs.columns() * n]));
    }

    /** More bars than one grid's y limit (65,535): the stages run range after range, threshold state carried. */
    @ParameterizedTest(name = "policy={0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 4})
    void moreBarsThanOneGridHolds(int policy) {
        Panel panel = RandomMarket.panel(31 + policy, 2, 70_000, 0.0);
        PipelineComparison.checkFused("2x70000", engine(CudaFeatureEngine.Precision.DOUBLE),
                PipelineComparison.model("default"), PipelineComparison.POLICIES.get(policy), panel);
    }
}
