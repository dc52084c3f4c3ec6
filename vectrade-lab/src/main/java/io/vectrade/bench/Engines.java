package io.vectrade.bench;

import io.vectrade.backend.Backend;
import io.vectrade.pipeline.Backends;
import io.vectrade.feature.FeatureEngine;


/**
 * Creates feature engines for the benchmark: a fresh engine per measured cell, so that one cell's
 * scratch buffers and JIT-warmed state are not charged to, or lent to, another cell's memory.
 */
@FunctionalInterface
public interface Engines {

    /**
     * A new engine for {@code backend}.
     *
     * @throws io.vectrade.backend.BackendUnavailableException when this build or machine has no such
     *                                                           backend, with the reason
     * @throws IllegalArgumentException for {@code auto}: a benchmark names what it measures
     */
    FeatureEngine create(Backend backend);

    /** The engines of this build and machine, as {@link Backends#featureEngine} makes them; auto is refused. */
    static Engines standard() {
        return backend -> {
            if (backend == Backend.AUTO) {
                throw new IllegalArgumentException("name a backend explicitly, backend=auto");
            }
            return Backends.featureEngine(backend);
        };
    }
}
