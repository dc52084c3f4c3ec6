package io.vectrade.cli;

import io.vectrade.feature.FeatureSet;
import io.vectrade.model.ModelType;
import picocli.CommandLine.Option;

import java.util.Locale;

/** What a model fit takes ({@code --type}, {@code --features}, {@code --horizon}, {@code --l2}), the same in train and walkforward. */
final class FitOptions {
    @Option(names = "--type", defaultValue = "logistic", paramLabel = "linear|logistic",
            description = "linear: ridge on the forward log return; logistic: on its sign (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--features", defaultValue = "logret(20),zscore(20),rsi(14),volatility(20)", paramLabel = "SPECS",
            description = "Model inputs (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--horizon", defaultValue = "5", paramLabel = "H", description = "Label horizon in bars (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--l2", defaultValue = "0.001", description = "L2 penalty on the standardised coefficients (default: ${DEFAULT-VALUE}).")
    double l2;

    /** The model type named by {@code --type}. */
    ModelType modelType() {
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "linear" -> ModelType.LINEAR;
            case "logistic" -> ModelType.LOGISTIC;
            default -> throw new UsageException("unknown model type, type=" + type + "; valid: linear, logistic");
        };
    }

    /** The model's inputs named by {@code --features}. */
    FeatureSet featureSet() {
        return FeatureSet.parse(features);
    }
}
