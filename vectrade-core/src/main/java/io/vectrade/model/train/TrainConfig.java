package io.vectrade.model.train;

import io.vectrade.model.ModelType;

import java.util.List;

/**
 * What to fit.
 *
 * @param type          {@link ModelType#LINEAR} (ridge on the forward log return) or {@link ModelType#LOGISTIC}
 *                      (L2 logistic regression on its sign: up = return &gt; 0)
 * @param features      input columns of the feature table, in model input order
 * @param horizon       label horizon h in bars (forward return ln(c[t+h]/c[t]))
 * @param trainFraction share of bars for training (the rest, after a gap of h bars, is the test set)
 * @param l2            L2 penalty λ on the standardised coefficients (not the intercept), per row:
 *                      ridge minimises {@code (1/n) Σ (y - b - z·w)² + λ |w|²}, logistic
 *                      {@code (1/n) Σ logloss + (λ/2) |w|²}
 */
public record TrainConfig(ModelType type, List<String> features, int horizon, double trainFraction, double l2) {
    public TrainConfig {
        if (type != ModelType.LINEAR && type != ModelType.LOGISTIC) {
            throw new IllegalArgumentException("training supports linear and logistic models, type=" + type.id());
        }
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("training needs at least one feature");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, horizon=" + horizon);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, l2=" + l2);
        }
    }

    /** Defaults: 70% train, λ = 1e-4. */
    public static TrainConfig of(ModelType type, List<String> features, int horizon) {
        return new TrainConfig(type, features, horizon, 0.7, 1e-4);
    }
}
