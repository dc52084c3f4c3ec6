package io.vectrade.model;

import java.util.Objects;

/**
 * A fully connected layer {@code y = act(W x + b)}.
 *
 * <p>{@code weights} is row-major {@code [outputs][inputs]} (PyTorch's {@code nn.Linear.weight} layout):
 * the weight from input {@code k} to output {@code o} is {@code weights[o * inputs + k]}. Immutable
 * (arrays are copied in and out) and thread-safe.
 *
 * @throws IllegalArgumentException if sizes disagree or any weight or bias is NaN or infinite
 */
public record DenseLayer(int inputs, int outputs, double[] weights, double[] bias, Activation activation) {
    public DenseLayer {
        Objects.requireNonNull(activation, "activation");
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("layer sizes must be positive, inputs=" + inputs + " outputs=" + outputs);
        }
        if (weights.length != (long) inputs * outputs) {
            throw new IllegalArgumentException("weights length must be outputs*inputs, length=" + weights.length
                    + " expected=" + ((long) inputs * outputs));
        }
        if (bias.length != outputs) {
            throw new IllegalArgumentException("bias length must be outputs, length=" + bias.length + " expected=" + outputs);
        }
        weights = weights.clone();
        bias = bias.clone();
        for (int k = 0; k < weights.length; k++) {
            if (!Double.isFinite(weights[k])) {
                throw new IllegalArgumentException("weight must be finite, index=" + k + " value=" + weights[k]);
            }
        }
        for (int k = 0; k < bias.length; k++) {
            if (!Double.isFinite(bias[k])) {
                throw new IllegalArgumentException("bias must be finite, index=" + k + " value=" + bias[k]);
            }
        }
    }

    /** Weight from input {@code k} to output {@code o}. */
    public double weight(int o, int k) {
        return weights[o * inputs + k];
    }

    /** A copy of the weights, row-major {@code [outputs][inputs]}. */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** A copy of the bias. */
    @Override
    public double[] bias() {
        return bias.clone();
    }

    /** The backing weights (no copy; package use by predictors, never written). */
    double[] weightsArray() {
        return weights;
    }

    /** The backing bias (no copy; package use by predictors, never written). */
    double[] biasArray() {
        return bias;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseLayer d && d.inputs == inputs && d.outputs == outputs && d.activation == activation
                && java.util.Arrays.equals(d.weights, weights) && java.util.Arrays.equals(d.bias, bias);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(weights) * 31 + java.util.Arrays.hashCode(bias);
    }

    @Override
    public String toString() {
        return "DenseLayer[" + inputs + "->" + outputs + ", " + activation.id() + "]";
    }
}
