package io.vectrade.onnx;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
import io.vectrade.model.ModelIO;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** ONNX models end to end: the batch pipeline and the live engine score what the trees worked by hand give. */
class OnnxPipelineTest {
    @TempDir
    static Path dir;

    /** Trees: batch scores equal the hand-written trees on the pipeline's own features, bit for bit. */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void batchPipelineScoresEqualTheTreesByHand(Backend backend) throws Exception {
        Model trees = ModelIO.load(OnnxTestModels.copy("trees", dir));
        Panel panel = SyntheticMarket.generate(40, 400, 17);
        try (TradingPipeline p = TradingPipeline.create(trees, SignalChain.parse("rank(top=5,bottom=5) | caps(max=0.2)"), backend)) {
            p.run(panel);
            double[] scores = p.scores();
            FeatureTable t = p.calculateFeatures(panel);
            double[][] in = trees.inputColumns(t);
            int nan = 0;
            for (int r = 0; r < scores.length; r++) {
                boolean bad = Double.isNaN(in[0][r]) || Double.isNaN(in[1][r]) || Double.isNaN(in[2][r]);
                if (bad) {
                    assertThat(scores[r]).isNaN();
                    nan++;
                } else {
                    assertThat(Double.doubleToRawLongBits(scores[r])).as("row %d", r)
                            .isEqualTo(Double.doubleToRawLongBits(OnnxModelTest.trees(in[0][r], in[1][r], in[2][r])));
                }
            }
            assertThat(nan).as("warm-up rows: zscore(20), the longest lookback (19 bars)").isEqualTo(19 * 40);
        }
    }

    /** The live engine through the same runtime: each tick's scores and signals equal the batch pipeline's at that bar. */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void liveEqualsBatchAtEveryBar(Backend backend) throws Exception {
        Model trees = ModelIO.load(OnnxTestModels.copy("trees", dir));
        int n = 12;
        Panel panel = SyntheticMarket.generate(n, 200, 23);
        SignalChain policy = SignalChain.parse("threshold");
        double[] batch;
        byte[] sides;
        try (TradingPipeline p = TradingPipeline.create(trees, policy, backend)) {
            SignalFrame f = p.run(panel);
            batch = p.scores().clone();
            sides = f.side().clone();
        }
        double[][] bar = new double[5][n];
        try (LiveEngine live = LiveEngine.create(trees, SignalChain.parse("threshold"), backend, n)) {
            for (int t = 0; t < panel.bars(); t++) {
                for (int i = 0; i < n; i++) {
                    int k = t * n + i;
                    bar[0][i] = panel.openColumn()[k];
                    bar[1][i] = panel.highColumn()[k];
                    bar[2][i] = panel.lowColumn()[k];
                    bar[3][i] = panel.closeColumn()[k];
                    bar[4][i] = panel.volumeColumn()[k];
                }
                SignalFrame s = live.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                for (int i = 0; i < n; i++) {
                    assertThat(Double.doubleToRawLongBits(live.scores()[i])).as("bar %d instrument %d", t, i)
                            .isEqualTo(Double.doubleToRawLongBits(batch[t * n + i]));
                    assertThat(s.side(0, i)).isEqualTo(sides[t * n + i]);
                }
            }
        }
    }

    /** The ONNX MLP through the pipeline equals the safetensors MLP through the pipeline (float rounding). */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void mlpPipelineEqualsTheSafetensorsPipeline(Backend backend) throws Exception {
        Model onnx = ModelIO.load(OnnxTestModels.copy("mlp", dir));
        Model own = ModelIO.load(OnnxTestModels.copy("mlp-safetensors", dir));
        Panel panel = SyntheticMarket.generate(30, 300, 29);
        double[] want;
        double[] got;
        try (TradingPipeline p = TradingPipeline.create(own, SignalChain.parse("rank(top=3,bottom=3)"), backend)) {
            p.run(panel);
            want = p.scores().clone();
        }
        try (TradingPipeline p = TradingPipeline.create(onnx, SignalChain.parse("rank(top=3,bottom=3)"), backend)) {
            p.run(panel);
            got = p.scores().clone();
        }
        for (int r = 0; r < want.length; r++) {
            if (Double.isNaN(want[r])) {
                assertThat(got[r]).isNaN();
            } else {
                assertThat(Math.abs(got[r] - want[r]) / Math.max(1, Math.abs(want[r]))).as("row %d", r).isLessThanOrEqualTo(1e-6);
            }
        }
    }
}
