package io.vectrade.model;

import java.util.Locale;

/**
 * Element-wise activation of a dense layer. Pure functions; NaN in gives NaN out. tanh and sigmoid take
 * {@link StrictMath}'s {@code tanh} and {@code exp} (fdlibm: the same bits on every JVM and processor,
 * which {@link Math}'s do not promise), so the cpu backend's scores do not depend on the machine.
 */
public enum Activation {
    /** f(x) = x. */
    IDENTITY,
    /** f(x) = max(0, x). */
    RELU,
    /** f(x) = tanh(x). */
    TANH,
    /** f(x) = 1 / (1 + e^-x). */
    SIGMOID;

    /** Applies the activation to one value. */
    public double apply(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case RELU -> Math.max(0.0, x);
            case TANH -> StrictMath.tanh(x);
            case SIGMOID -> 1.0 / (1.0 + StrictMath.exp(-x));
        };
    }

    /** The lower-case name used in {@code model.json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code identity|linear|relu|tanh|sigmoid}, case-insensitive ({@code linear} and {@code none}
     * mean identity).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Activation parse(String s) {
        String k = s.strip().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "identity", "linear", "none" -> IDENTITY;
            case "relu" -> RELU;
            case "tanh" -> TANH;
            case "sigmoid", "logistic" -> SIGMOID;
            default -> throw new IllegalArgumentException(
                    "unknown activation, activation=" + s + "; valid: identity, relu, tanh, sigmoid");
        };
    }
}
