package io.vectrade.model;

import io.vectrade.backend.Backend;

import java.util.List;

/**
 * The reference predictor: plain double loops, one row at a time, on the calling thread.
 * Not thread-safe (one scratch pair per predictor); allocation-free per call.
 */
final class CpuPredictor implements Predictor {
    private final Model model;
    private final double[] mean;
    private final double[] std;
    private final DenseLayer[] layers;
    private double[] a;
    private double[] b;

    CpuPredictor(Model model) {
        this.model = model;
        this.mean = model.meanArray();
        this.std = model.stdArray();
        List<DenseLayer> l = model.layers();
        this.layers = l.toArray(DenseLayer[]::new);
        this.a = new double[model.maxWidth()];
        this.b = new double[model.maxWidth()];
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public Backend backend() {
        return Backend.CPU;
    }

    @Override
    public void predict(double[][] inputs, int fromRow, int toRow, double[] scores) {
        Predictor.checkArguments(model, inputs, fromRow, toRow, scores);
        int features = inputs.length;
        for (int r = fromRow; r < toRow; r++) {
            boolean bad = false;
            for (int f = 0; f < features; f++) {
                double v = inputs[f][r];
                bad |= !Double.isFinite(v);
                a[f] = (v - mean[f]) / std[f];
            }
            if (bad) {
                scores[r] = Double.NaN;
                continue;
            }
            scores[r] = forward();
        }
    }

    /** Runs the layers on {@code a}; returns the single output. */
    private double forward() {
        double[] in = a;
        double[] out = b;
        for (DenseLayer d : layers) {
            double[] w = d.weightsArray();
            double[] bias = d.biasArray();
            int k = d.inputs();
            Activation act = d.activation();
            for (int o = 0; o < d.outputs(); o++) {
                double s = bias[o];
                int row = o * k;
                for (int j = 0; j < k; j++) {
                    s += w[row + j] * in[j];
                }
                out[o] = act.apply(s);
            }
            double[] tmp = in;
            in = out;
            out = tmp;
        }
        return in[0];
    }

    @Override
    public void close() {
        // no threads
    }
}
