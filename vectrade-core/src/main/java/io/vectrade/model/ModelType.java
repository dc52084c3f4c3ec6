package io.vectrade.model;

import java.util.Locale;

/**
 * The model families. The built-in ones (linear, logistic, MLP) are stacks of dense layers with a
 * single output that vectrade scores itself; {@link #EXTERNAL} is a model scored by a runtime from
 * another module ({@link Model#runtime()}, e.g. {@code onnx} from vectrade-onnx).
 */
public enum ModelType {
    /** One dense layer, identity activation: score = w·x + b. */
    LINEAR,
    /** One dense layer, sigmoid activation: score = P(up) in (0, 1). */
    LOGISTIC,
    /** One or more dense layers with any activations, last layer of width 1. */
    MLP,
    /**
     * Scored by a {@link ModelRuntime} from another module; {@link Model#typeId()} names it
     * ({@code onnx}). Never parsed from a name: the type field of {@code model.json} selects the runtime.
     */
    EXTERNAL;

    /** The lower-case name used in {@code model.json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether vectrade scores this family itself (dense layers), on every backend. */
    public boolean builtIn() {
        return this != EXTERNAL;
    }

    /** Parses a built-in family {@code linear|logistic|mlp}, case-insensitive. */
    public static ModelType parse(String s) {
        ModelType t;
        try {
            t = valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            t = EXTERNAL;
        }
        if (!t.builtIn()) {
            throw new IllegalArgumentException("unknown model type, type=" + s + "; valid: linear, logistic, mlp");
        }
        return t;
    }
}
