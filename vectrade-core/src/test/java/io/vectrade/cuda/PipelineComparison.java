package io.vectrade.cuda;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.FeatureType;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.model.Activation;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.model.Predictor;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks shared by the host stand-in test and the GPU test of {@link CudaPipeline}: the device
 * pipeline against the Java one (cpu features, {@code CpuPredictor}, the Java signal policies).
 *
 * <ul>
 *   <li>scores against the cpu pipeline's: double to 1e-10, float to 2e-4 (absolute, scaled by
 *   the score's size when it exceeds 1), NaN exactly where the cpu has NaN;</li>
 *   <li>the frame against the Java policy applied to the device's own scores (so that a rounding
 *   difference in a score cannot flip a side): sides exactly; strength and weight to 1e-12
 *   (double; exactly when the policy gets the very same inputs) or 1e-5 relative (float; 2e-4
 *   where voltarget divides by the device's float volatility).</li>
 * </ul>
 */
final class PipelineComparison {
    private PipelineComparison() {
    }

    static final List<String> POLICIES = List.of(
            "threshold(long=0.502,exit=0.5,short=0.498,cover=0.5)",
            "threshold(long=0.51,exit=0.505,short=0.49,cover=0.495,size=2)",
            "rank(top=3,bottom=2)",
            "rank(quantile=0.2) | voltarget(target=0.1) | caps(max=0.05,gross=1)",
            "threshold(long=0.503,exit=0.501,short=0.497,cover=0.499) | voltarget(target=0.15,periods=1)"
                    + " | caps(max=0.5,gross=2,net=0.1)");

    /** The models checked: the shipped logistic, the benchmark MLP, and a wide MLP with every activation. */
    static Model model(String name) {
        return switch (name) {
            case "default" -> Models.defaultModel();
            case "benchmark-mlp" -> Models.benchmarkMlp(FeatureSet.standard().columnNames(), 42);
            case "wide-mlp" -> Models.mlp(List.of("rsi(14)", "zscore(20)", "volatility(20)", "momentum(10)", "ema(12)"),
                    new int[] {100, 17, 1}, new Activation[] {Activation.TANH, Activation.RELU, Activation.SIGMOID}, 7);
            case "identity-mlp" -> Models.mlp(List.of("logret(20)", "roc(10)"), new int[] {3, 1},
                    new Activation[] {Activation.IDENTITY, Activation.IDENTITY}, 11);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Fused run on {@code engine} (a cuda engine; closed here) against the cpu pipeline.
     *
     * @return the largest score difference seen
     */
    static double checkFused(String label, CudaFeatureEngine engine, Model model, String policy, Panel panel) {
        boolean f = engine.precision() == CudaFeatureEngine.Precision.FLOAT;
        Panel refPanel = f ? FeatureTableComparison.roundedToFloat(panel) : panel;
        double[] expectedScores;
        FeatureTable cpuFeatures;
        try (TradingPipeline cpu = TradingPipeline.create(model, SignalChain.parse(policy), Backend.CPU)) {
            cpu.run(refPanel);
            expectedScores = cpu.scores().clone();
            cpuFeatures = new CpuFeatureEngine().compute(refPanel, cpu.featureSet());
        }
        try (engine; TradingPipeline gpu = TradingPipeline.borrowing(model, SignalChain.parse(policy), engine)) {
            SignalFrame got = gpu.run(panel);
            double[] scores = gpu.scores();
            double worst = compareScores(label, scores, expectedScores, f);
            SignalFrame expected = SignalFrame.allocate(panel.bars(), panel.instruments());
            SignalChain.parse(policy).apply(scores, volatility(gpu.featureSet(), cpuFeatures), expected);
            compareFrames(label + " fused " + policy, got, expected, f ? (policy.contains("voltarget") ? 2e-4 : 1e-5) : 1e-12);
            assertThat(gpu.lastDeviceTimings()).as(label).isNotNull();
            return worst;
        }
    }

    /**
     * The single stages on the device (features come back, the model and the policy take host
     * inputs) against CpuPredictor on the same features and the Java policy on the same scores.
     */
    static void checkStages(String label, CudaFeatureEngine engine, Model model, String policy, Panel panel) {
        boolean f = engine.precision() == CudaFeatureEngine.Precision.FLOAT;
        try (engine; TradingPipeline gpu = TradingPipeline.borrowing(model, SignalChain.parse(policy), engine);
             Predictor cpuModel = model.predictor(Backend.CPU)) {
            FeatureTable table = gpu.calculateFeatures(panel);
            double[] scores = gpu.generatePredictions(table);
            double[] expectedScores = new double[scores.length];
            cpuModel.predict(table, expectedScores);
            compareScores(label + " predict", scores, expectedScores, f);
            SignalFrame got = gpu.generateSignals(scores, table);
            SignalFrame expected = SignalFrame.allocate(panel.bars(), panel.instruments());
            double[] vol = volatility(gpu.featureSet(), table);
            SignalChain.parse(policy).apply(scores, vol, expected);
            compareFrames(label + " stages " + policy, got, expected, f ? 1e-5 : 0);
            // again, in the order a benchmark repeats them (the model after the policy set the shape):
            // same values, and once every lazily made buffer exists, nothing of another shape allocated
            for (int round = 0; round < 2; round++) {
                long before = gpu.deviceBytesInUse();
                double[] again = gpu.generatePredictions(table);
                long afterModel = gpu.deviceBytesInUse();
                compareScores(label + " predict again", again, expectedScores, f);
                compareFrames(label + " stages again " + policy, gpu.generateSignals(again, table), expected,
                        f ? 1e-5 : 0);
                if (round == 1) {
                    assertThat(List.of(afterModel, gpu.deviceBytesInUse()))
                            .as(label + " device bytes after the model and the policy ran again")
                            .containsOnly(before);
                }
            }
            gpu.run(panel);  // and the fused run on the same pipeline
            compareScores(label + " fused after the stages", gpu.scores(), expectedScores, f);
        }
    }

    /** The policy alone on given scores (ties, NaN, infinities included) against the Java chain. */
    static void checkSignals(String label, CudaFeatureEngine engine, String policy, double[] scores, double[] vol,
                             int bars, int instruments) {
        boolean f = engine.precision() == CudaFeatureEngine.Precision.FLOAT;
        double[] in = scores.clone();
        double[] v = vol.clone();
        if (f) {
            for (int k = 0; k < in.length; k++) {
                in[k] = (float) in[k];
                v[k] = (float) v[k];
            }
        }
        Model model = model("default");
        FeatureSet fs = model.featureSet();
        int volColumn = fs.columnIndex("volatility(20)");
        try (CudaPipeline p = CudaPipeline.open(engine, model, SignalChain.parse(policy), fs, volColumn)) {
            SignalFrame got = SignalFrame.allocate(bars, instruments);
            p.signals(in, v, got);
            SignalFrame expected = SignalFrame.allocate(bars, instruments);
            SignalChain.parse(policy).apply(in, v, expected);
            compareFrames(label + " " + policy, got, expected, f ? 1e-5 : 0);
        } finally {
            engine.close();
        }
    }

    private static double[] volatility(FeatureSet set, FeatureTable table) {
        for (FeatureSpec s : set.specs()) {
            if (s.type() == FeatureType.VOLATILITY) {
                return table.column(set.columnIndex(s.canonical()));
            }
        }
        return null;
    }

    private static double compareScores(String label, double[] got, double[] expected, boolean f) {
        double tol = f ? 2e-4 : 1e-10;
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            double e = expected[k];
            double g = got[k];
            if (Double.isNaN(e) || Double.isNaN(g)) {
                if (Double.isNaN(e) != Double.isNaN(g)) {
                    fail("%s: score NaN mismatch at cell %d: got %s expected %s", label, k, g, e);
                }
                continue;
            }
            double err = Math.abs(g - e) / Math.max(1, Math.abs(e));
            worst = Math.max(worst, err);
            if (err > tol) {
                fail("%s: score at cell %d: got %s expected %s (error %.3g > %.1g)", label, k, g, e, err, tol);
            }
        }
        return worst;
    }

    /** Sides exactly; strength and weight within {@code tol} relative (0: the same bits). */
    private static void compareFrames(String label, SignalFrame got, SignalFrame expected, double tol) {
        int cells = expected.bars() * expected.instruments();
        int active = 0;
        for (int k = 0; k < cells; k++) {
            if (got.side()[k] != expected.side()[k]) {
                fail("%s: side at cell %d (bar %d, instrument %d): got %d expected %d", label, k,
                        k / expected.instruments(), k % expected.instruments(), got.side()[k], expected.side()[k]);
            }
            active += expected.side()[k] != 0 ? 1 : 0;
            close(label + " strength", k, got.strength()[k], expected.strength()[k], tol);
            close(label + " weight", k, got.weight()[k], expected.weight()[k], tol);
        }
        assertThat(active).as(label + ": cells with a position (a frame that is all flat checks nothing)").isPositive();
    }

    private static void close(String what, int k, double g, double e, double tol) {
        if (tol == 0 ? Double.doubleToRawLongBits(g) != Double.doubleToRawLongBits(e)   // bit for bit, -0.0 too
                : Math.abs(g - e) > tol * Math.max(Math.abs(e), 1e-3)) {
            fail("%s at cell %d: got %s expected %s", what, k, g, e);
        }
    }
}
