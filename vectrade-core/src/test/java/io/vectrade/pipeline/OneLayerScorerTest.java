package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.model.Activation;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.model.Predictor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OneLayerScorer} against the reference cpu predictor, raw bits, on inputs with NaN, infinities,
 * zeros and values far outside the normalisation: the default model, linear and logistic models of random
 * weights, and seeded one-layer models with other activations.
 */
class OneLayerScorerTest {

    @Test
    void equalsTheCpuPredictorBitForBit() {
        SplittableRandom r = new SplittableRandom(9);
        List<String> cols = List.of("rsi(14)", "logret(20)", "zscore(20)", "volatility(20)", "momentum(10)");
        double[] mean = {50, 0.001, 0.1, 0.02, -0.3};
        double[] std = {12, 0.1, 1.3, 0.01, 2.5};
        double[] w = {0.3, -1.7, 0.02, 4.5, -0.9};
        List<Model> models = List.of(
                Models.defaultModel(),
                Model.logistic(cols, mean, std, w, 0.25),
                Model.linear(cols, mean, std, w, -3),
                Models.mlp(cols, new int[] {1}, new Activation[] {Activation.TANH}, 4),
                Models.mlp(cols, new int[] {1}, new Activation[] {Activation.RELU}, 5));
        int n = 777;
        for (Model model : models) {
            OneLayerScorer scorer = OneLayerScorer.of(model, n);
            assertThat(scorer).as(model.type() + " has one layer").isNotNull();
            try (Predictor reference = model.predictor(Backend.CPU)) {
                double[][] inputs = new double[model.inputs()][n];
                double[] expected = new double[n];
                double[] got = new double[n];
                for (int round = 0; round < 20; round++) {
                    for (double[] column : inputs) {
                        for (int i = 0; i < n; i++) {
                            column[i] = switch (r.nextInt(60)) {
                                case 0 -> Double.NaN;
                                case 1 -> Double.POSITIVE_INFINITY;
                                case 2 -> Double.NEGATIVE_INFINITY;
                                case 3 -> 0.0;
                                case 4 -> -0.0;
                                case 5 -> 1e300 * r.nextGaussian();
                                default -> 50 * r.nextGaussian();
                            };
                        }
                    }
                    reference.predict(inputs, 0, n, expected);
                    scorer.predict(inputs, n, got);
                    for (int i = 0; i < n; i++) {
                        if (Double.doubleToRawLongBits(got[i]) != Double.doubleToRawLongBits(expected[i])) {
                            throw new AssertionError(model.type() + " row " + i + ": " + got[i] + " vs reference " + expected[i]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void deeperModelsHaveNoOneLayerForm() {
        Model mlp = Models.benchmarkMlp(List.of("rsi(14)", "zscore(20)"), 1);
        assertThat(OneLayerScorer.of(mlp, 10)).isNull();
    }
}
