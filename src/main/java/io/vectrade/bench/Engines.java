package io.vectrade.bench;

import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureEngines;


/**
 * Creates feature engines for the benchmark: a fresh engine per measured cell, so that one cell's
 * scratch buffers and JIT-warmed state are not charged to, or lent to, another cell's memory.
 */
@FunctionalInterface
public interface Engines {

    /**
     * A new engine for {@code backend}.
     *
     * @throws UnsupportedOperationException when this build or machine has no such backend,
     *                                       with the reason
     */
    FeatureEngine create(Backend backend);

    /** The engines of this build and machine, as {@link FeatureEngines#of} makes them; auto is refused. */
    static Engines standard() {
        return backend -> {
            if (backend == Backend.AUTO) {
                throw new UnsupportedOperationException("name a backend explicitly, backend=auto");
            }
            return FeatureEngines.of(backend);
        };
    }
}
