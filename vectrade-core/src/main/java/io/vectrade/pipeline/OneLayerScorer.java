package io.vectrade.pipeline;

import io.vectrade.model.Activation;
import io.vectrade.model.DenseLayer;
import io.vectrade.model.Model;
import io.vectrade.numeric.StrictMathLanes;

import java.util.Arrays;
import java.util.List;

/**
 * The cpu scores of a one-layer model ({@code F → 1}: linear, logistic) for one bar of the live engine,
 * computed a feature column at a time instead of a row at a time: the same operations in the same order
 * per row as the reference cpu predictor ({@code a_f = (x_f - mean_f) / std_f}, then
 * {@code s = bias; s += w_f · a_f} for f = 0, 1, ..., then the activation; NaN when an input is not
 * finite), so the same bits (tested against {@code model.predictor(Backend.CPU)}), with loops the JIT
 * can keep in registers and vectorise; a sigmoid takes its {@code exp} for the whole bar in one
 * {@link StrictMathLanes#exp} pass (the bits of {@link StrictMath#exp}, which the predictor takes). Not thread-safe
 * (scratch per instance); {@link #predict} allocates nothing.
 */
final class OneLayerScorer {
    private final double[] mean;
    private final double[] std;
    private final double[] weight;
    private final double bias;
    private final Activation activation;
    private final double[] sum;
    /** Per row: {@code +0.0} while every input is finite, NaN once one is not ({@code x - x}). */
    private final double[] finite;

    private OneLayerScorer(Model model, DenseLayer layer, int instruments) {
        this.mean = model.mean();
        this.std = model.std();
        this.weight = layer.weights();
        this.bias = layer.bias()[0];
        this.activation = layer.activation();
        this.sum = new double[instruments];
        this.finite = new double[instruments];
    }

    /** The scorer for a built-in model of one dense layer with one output; null for any other model. */
    static OneLayerScorer of(Model model, int instruments) {
        if (!model.type().builtIn()) {
            return null;
        }
        List<DenseLayer> layers = model.layers();
        if (layers.size() != 1 || layers.get(0).outputs() != 1 || layers.get(0).inputs() != model.inputs()) {
            return null;
        }
        return new OneLayerScorer(model, layers.get(0), instruments);
    }

    /** Scores rows {@code [0, rows)} of the model's input columns into {@code scores}. */
    void predict(double[][] inputs, int rows, double[] scores) {
        double[] s = sum;
        double[] ok = finite;
        Arrays.fill(s, 0, rows, bias);
        Arrays.fill(ok, 0, rows, 0.0);
        for (int f = 0; f < weight.length; f++) {
            double[] x = inputs[f];
            double m = mean[f];
            double sd = std[f];
            double w = weight[f];
            for (int r = 0; r < rows; r++) {
                double v = x[r];
                s[r] += w * ((v - m) / sd);
                ok[r] += v - v;
            }
        }
        Activation act = activation;
        if (act == Activation.SIGMOID) {
            // 1 / (1 + e^-s), as Activation.apply takes it, the exps in one pass
            for (int r = 0; r < rows; r++) {
                s[r] = -s[r];
            }
            StrictMathLanes.exp(s, 0, rows);
            for (int r = 0; r < rows; r++) {
                scores[r] = ok[r] == 0 ? 1.0 / (1.0 + s[r]) : Double.NaN;
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            scores[r] = ok[r] == 0 ? act.apply(s[r]) : Double.NaN;
        }
    }
}
