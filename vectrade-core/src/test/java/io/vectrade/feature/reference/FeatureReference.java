package io.vectrade.feature.reference;

import io.vectrade.feature.FeatureSpec;

/**
 * The reference for any standard feature: {@link TaLibReference} where TA-Lib has the feature,
 * {@link OwnReference} otherwise. Full-length arrays, one per output part, NaN during warm-up.
 */
public final class FeatureReference {
    private FeatureReference() {
    }

    public static double[][] compute(FeatureSpec spec, double[] o, double[] h, double[] l, double[] c, double[] v) {
        return TaLibReference.supports(spec.type())
                ? TaLibReference.compute(spec, o, h, l, c, v)
                : OwnReference.compute(spec, o, h, l, c, v);
    }
}
