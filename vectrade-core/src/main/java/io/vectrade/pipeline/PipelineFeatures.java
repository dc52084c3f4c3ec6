package io.vectrade.pipeline;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureType;
import io.vectrade.model.Model;
import io.vectrade.signal.SignalPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * The features a pipeline computes: the model's inputs plus, when the signal policy sizes by
 * volatility, a {@code volatility(n)} column (the model's own if it has one, else
 * {@link #DEFAULT_VOLATILITY}).
 */
final class PipelineFeatures {
    /** The volatility column added for volatility-targeting policies when the model has none. */
    static final FeatureSpec DEFAULT_VOLATILITY = FeatureSpec.defaults(FeatureType.VOLATILITY);

    final FeatureSet set;
    /** Column index of the volatility feature in {@link #set}, or -1 when the policy needs none. */
    final int volatilityColumn;

    PipelineFeatures(Model model, SignalPolicy policy) {
        FeatureSet modelSet = model.featureSet();
        if (!policy.needsVolatility()) {
            this.set = modelSet;
            this.volatilityColumn = -1;
            return;
        }
        for (FeatureSpec s : modelSet.specs()) {
            if (s.type() == FeatureType.VOLATILITY) {
                this.set = modelSet;
                this.volatilityColumn = modelSet.columnIndex(s.canonical());
                return;
            }
        }
        List<FeatureSpec> specs = new ArrayList<>(modelSet.specs());
        specs.add(DEFAULT_VOLATILITY);
        this.set = FeatureSet.of(specs);
        this.volatilityColumn = set.columnIndex(DEFAULT_VOLATILITY.canonical());
    }
}
