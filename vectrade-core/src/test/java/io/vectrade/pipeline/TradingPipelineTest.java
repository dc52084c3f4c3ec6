package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.model.Model;
import io.vectrade.model.Predictor;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TradingPipelineTest {
    private static final String POLICY = "rank(top=4,bottom=4) | voltarget(target=0.1) | caps(max=0.1,gross=0.8,net=0.2)";

    @Test
    void stagesComposeTheEngineTheModelAndThePolicy() {
        Panel panel = RandomMarket.panel(3, 30, 400, 0.02);
        Model model = PipelineTestSupport.logistic();
        try (TradingPipeline p = TradingPipeline.create(model, SignalChain.parse(POLICY), Backend.CPU);
             Predictor predictor = model.predictor(Backend.CPU)) {
            SignalFrame out = p.run(panel);
            // the pipeline adds the volatility column the policy needs to the model's features
            assertThat(p.featureSet().columnNames()).containsAll(model.featureColumns()).contains("volatility(20)");

            FeatureTable expected = new CpuFeatureEngine().compute(panel, p.featureSet());
            FeatureTable actual = p.calculateFeatures(panel);
            for (int c = 0; c < expected.features().columns(); c++) {
                assertThat(actual.column(c)).as(expected.features().columnNames().get(c)).isEqualTo(expected.column(c));
            }
            double[] scores = new double[panel.bars() * panel.instruments()];
            predictor.predict(expected, scores);
            assertThat(p.generatePredictions(actual)).isEqualTo(scores);

            SignalFrame manual = SignalFrame.allocate(panel.bars(), panel.instruments());
            SignalChain.parse(POLICY).apply(scores, expected.column("volatility(20)"), manual);
            SignalFrame again = p.generateSignals(p.scores(), actual);
            assertThat(again.side()).isEqualTo(manual.side());
            assertThat(again.weight()).isEqualTo(manual.weight());
            assertThat(out).isSameAs(again);
            assertThat(p.lastTimes().totalNanos()).isPositive();
        }
    }

    @Test
    void repeatedRunsGiveIdenticalSignals() {
        Panel panel = RandomMarket.panel(5, 20, 300, 0.02);
        try (TradingPipeline p = TradingPipeline.create(PipelineTestSupport.logistic(),
                SignalChain.parse("threshold | caps(max=0.2)"), Backend.SIMD)) {
            SignalFrame first = p.run(panel);
            byte[] sides = first.side().clone();
            double[] weights = first.weight().clone();
            SignalFrame second = p.run(panel);
            assertThat(second.side()).isEqualTo(sides);
            assertThat(second.weight()).isEqualTo(weights);
        }
    }

    /** Changing any bar after t leaves every feature, score and signal at bars ≤ t unchanged. */
    @ParameterizedTest
    @ValueSource(ints = {40, 150, 298}) // 298: only the last bar changes (299 compared the panel with itself)
    void noLookAhead(int t) {
        Panel a = RandomMarket.panel(9, 16, 300, 0.03);
        Panel fresh = RandomMarket.panel(10, 16, 300, 0.03);
        Panel b = splice(a, fresh, t + 1);
        for (String policy : new String[] {POLICY, "threshold | voltarget | caps(max=0.3)"}) {
            try (TradingPipeline pa = TradingPipeline.create(PipelineTestSupport.logistic(), SignalChain.parse(policy), Backend.CPU);
                 TradingPipeline pb = TradingPipeline.create(PipelineTestSupport.logistic(), SignalChain.parse(policy), Backend.CPU)) {
                SignalFrame sa = pa.run(a);
                SignalFrame sb = pb.run(b);
                int cells = (t + 1) * a.instruments();
                FeatureTable fa = pa.calculateFeatures(a);
                FeatureTable fb = pb.calculateFeatures(b);
                for (int c = 0; c < fa.features().columns(); c++) {
                    assertThat(Arrays.copyOf(fb.column(c), cells)).as(fa.features().columnNames().get(c))
                            .isEqualTo(Arrays.copyOf(fa.column(c), cells));
                }
                assertThat(Arrays.copyOf(pb.scores(), cells)).isEqualTo(Arrays.copyOf(pa.scores(), cells));
                assertThat(Arrays.copyOf(sb.side(), cells)).isEqualTo(Arrays.copyOf(sa.side(), cells));
                assertThat(Arrays.copyOf(sb.weight(), cells)).isEqualTo(Arrays.copyOf(sa.weight(), cells));
                // and the future really changed
                assertThat(Arrays.equals(pa.scores(), pb.scores())).as("scores after bar %d differ", t).isFalse();
            }
        }
    }

    /** {@code a}'s bars before {@code from}, {@code fresh}'s bars from {@code from} on (rescaled to continue a's prices). */
    private static Panel splice(Panel a, Panel fresh, int from) {
        int n = a.instruments();
        int bars = a.bars();
        double[][] cols = new double[5][bars * n];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            double scale = 0.5 + rnd.nextDouble();
            for (int t = 0; t < bars; t++) {
                boolean past = t < from;
                Panel src = past ? a : fresh;
                double s = past ? 1 : scale;
                cols[0][t * n + i] = src.open(t, i) * s;
                cols[1][t * n + i] = src.high(t, i) * s;
                cols[2][t * n + i] = src.low(t, i) * s;
                cols[3][t * n + i] = src.close(t, i) * s;
                cols[4][t * n + i] = src.volume(t, i);
            }
        }
        return Panel.of(a.symbols(), a.timestampsMillis(), cols[0], cols[1], cols[2], cols[3], cols[4]);
    }
}
