package io.vectrade.feature;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;

/**
 * Computes a {@link FeatureSet} over a {@link Panel} on one backend.
 *
 * <p>Contract, the same for every backend: outputs are full length; for each instrument the first
 * {@code lookback} of its own (non-missing) bars are NaN, later values match TA-Lib's defaults;
 * a missing bar gives NaN and is skipped (the instrument's state carries across the gap). Values
 * at bar t depend on bars &le; t only.
 *
 * <p>An engine may hold worker threads (simd) or device memory (cuda): close it when done. Whoever
 * created an engine owns it; components that are handed one borrow it and never close it. Not
 * thread-safe: one call at a time.
 */
public interface FeatureEngine extends AutoCloseable {

    /** The backend this engine runs on. */
    Backend backend();

    /** Computes into {@code out}, which must {@link FeatureTable#fits fit}; allocates nothing per bar. */
    void computeInto(Panel panel, FeatureSet features, FeatureTable out);

    /** Allocates a table and computes into it. */
    default FeatureTable compute(Panel panel, FeatureSet features) {
        FeatureTable out = FeatureTable.allocate(features, panel);
        computeInto(panel, features, out);
        return out;
    }

    /** Releases threads or device memory, if any; idempotent, never throws a checked exception. */
    @Override
    default void close() {
    }
}
