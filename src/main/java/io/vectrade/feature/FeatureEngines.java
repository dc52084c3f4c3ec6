package io.vectrade.feature;

import io.vectrade.backend.Backend;
import io.vectrade.feature.cpu.CpuFeatureEngine;

/**
 * Picks the {@link FeatureEngine} for a {@link Backend}.
 *
 * <p>Today: {@code cpu} gives {@link CpuFeatureEngine}; {@code simd} and {@code auto} also give
 * {@link CpuFeatureEngine} until the simd engine is wired in here (same results, reference
 * speed); {@code cuda} throws. Each call returns a new engine (engines are not thread-safe).
 */
public final class FeatureEngines {
    private FeatureEngines() {
    }

    /**
     * A new engine for {@code backend}.
     *
     * @throws UnsupportedOperationException for a backend this build cannot run (cuda)
     */
    public static FeatureEngine of(Backend backend) {
        return switch (backend) {
            case CPU, SIMD, AUTO -> new CpuFeatureEngine();
            case CUDA -> throw new UnsupportedOperationException(
                    "cuda backend not available: this build has no cuda feature engine; use --backend cpu or simd");
        };
    }
}
