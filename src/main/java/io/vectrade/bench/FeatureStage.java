package io.vectrade.bench;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The feature stage as the stage benchmarks (pipeline, memory, throughput) run it: the standard
 * feature set, less any feature the engine cannot compute yet (found by a trial on a small
 * panel and reported, never silently dropped).
 *
 * @param features the features the stage computes
 * @param skipped  the specs left out
 * @param firstReason the first left-out feature's error, or null
 */
record FeatureStage(FeatureSet features, List<String> skipped, String firstReason) {

    /**
     * The standard set as far as {@code engine} supports it.
     *
     * @throws UnsupportedOperationException when it supports none of the standard features
     */
    static FeatureStage standardFor(FeatureEngine engine, long seed) {
        Panel trial = Workloads.panel(2, 64, seed);
        List<FeatureSpec> ok = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        String reason = null;
        for (FeatureSpec s : FeatureSet.standard().specs()) {
            try {
                engine.compute(trial, FeatureSet.of(s));
                ok.add(s);
            } catch (RuntimeException e) {
                skipped.add(s.canonical());
                reason = reason == null ? e.getMessage() : reason;
            }
        }
        if (ok.isEmpty()) {
            throw new UnsupportedOperationException("backend computes none of the standard features, backend="
                    + engine.backend().id());
        }
        return new FeatureStage(FeatureSet.of(ok), List.copyOf(skipped), reason);
    }

    /** A note for the results when features were left out, else null. */
    String note(String type, String backend) {
        if (skipped.isEmpty()) {
            return null;
        }
        return type + " [" + backend + "]: the feature stage ran " + features.size() + " of "
                + FeatureSet.standard().size() + " standard features; left out: " + String.join(", ", skipped)
                + " (first error: " + firstReason + ")";
    }
}
