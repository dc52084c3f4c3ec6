package io.vectrade.feature;

import io.vectrade.backend.Backend;
import io.vectrade.cuda.Cuda;
import io.vectrade.cuda.CudaFeatureEngine;
import io.vectrade.cuda.CudaProbe;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.feature.simd.SimdFeatureEngine;

/**
 * Picks the {@link FeatureEngine} for a {@link Backend}: {@code cpu} → {@link CpuFeatureEngine},
 * {@code simd} → {@link SimdFeatureEngine} (all cores), {@code cuda} → {@link CudaFeatureEngine}
 * (double precision) when {@link Cuda#probe()} finds a usable GPU, {@code auto} → cuda when usable,
 * else simd. Each call returns a new engine (engines are not thread-safe); close the ones that are
 * {@link AutoCloseable} (simd, cuda) when done.
 */
public final class FeatureEngines {
    private FeatureEngines() {
    }

    /**
     * A new engine for {@code backend}.
     *
     * @throws UnsupportedOperationException for cuda without a usable GPU, with the one-line reason
     */
    public static FeatureEngine of(Backend backend) {
        return switch (backend) {
            case CPU -> new CpuFeatureEngine();
            case SIMD -> new SimdFeatureEngine();
            case CUDA -> {
                CudaProbe probe = Cuda.probe();
                if (!probe.available()) {
                    throw new UnsupportedOperationException("cuda backend not available: " + probe.reason());
                }
                yield CudaFeatureEngine.open(CudaFeatureEngine.Precision.DOUBLE);
            }
            case AUTO -> Cuda.probe().available()
                    ? CudaFeatureEngine.open(CudaFeatureEngine.Precision.DOUBLE) : new SimdFeatureEngine();
        };
    }

    /** Closes {@code engine} if it holds threads or native memory; a failure to close is ignored. */
    public static void release(FeatureEngine engine) {
        if (engine instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort: the engine's results are already out
            }
        }
    }
}
