package io.vectrade.model;

import java.util.Locale;

/** The built-in model families; all are stacks of dense layers with a single output. */
public enum ModelType {
    /** One dense layer, identity activation: score = w·x + b. */
    LINEAR,
    /** One dense layer, sigmoid activation: score = P(up) in (0, 1). */
    LOGISTIC,
    /** One or more dense layers with any activations, last layer of width 1. */
    MLP;

    /** The lower-case name used in {@code model.json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code linear|logistic|mlp}, case-insensitive. */
    public static ModelType parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown model type, type=" + s + "; valid: linear, logistic, mlp");
        }
    }
}
