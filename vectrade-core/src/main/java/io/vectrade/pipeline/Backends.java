package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.backend.BackendStatus;
import io.vectrade.backend.BackendUnavailableException;
import io.vectrade.cuda.Cuda;
import io.vectrade.cuda.CudaFeatureEngine;
import io.vectrade.cuda.CudaProbe;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.feature.simd.SimdFeatureEngine;

/**
 * The one place where a {@link Backend} becomes something that computes. {@code auto} has one
 * meaning everywhere (batch pipeline, live engine, feature engines): {@code cuda} when
 * {@link #status} finds a usable GPU, else {@code simd}.
 *
 * <pre>
 * Backend b = Backends.resolve(Backend.AUTO);            // cuda or simd, never auto
 * try (FeatureEngine engine = Backends.featureEngine(b)) { ... }   // the caller owns the engine
 * </pre>
 *
 * Thread-safe.
 */
public final class Backends {
    private Backends() {
    }

    /**
     * {@code auto} → cuda when usable, else simd; cpu and simd as given; cuda when usable.
     *
     * @throws BackendUnavailableException for {@code cuda} without a usable GPU, with the reason
     */
    public static Backend resolve(Backend requested) {
        return switch (requested) {
            case CPU, SIMD -> requested;
            case CUDA -> {
                CudaProbe probe = Cuda.probe();
                if (!probe.available()) {
                    throw new BackendUnavailableException(Backend.CUDA, probe.reason());
                }
                yield Backend.CUDA;
            }
            case AUTO -> Cuda.probe().available() ? Backend.CUDA : Backend.SIMD;
        };
    }

    /**
     * Whether {@code backend} can run here, with the device or the one-line reason; never throws.
     * cpu and simd always can; {@code auto} reports the backend it resolves to.
     */
    public static BackendStatus status(Backend backend) {
        return switch (backend) {
            case CPU, SIMD -> new BackendStatus(backend, true, "", "");
            case CUDA -> {
                CudaProbe p = Cuda.probe();
                yield new BackendStatus(Backend.CUDA, p.available(), p.reason(),
                        p.device() == null ? "" : p.device().describe());
            }
            case AUTO -> status(resolve(Backend.AUTO));
        };
    }

    /**
     * A new feature engine for {@code backend} (resolved as {@link #resolve} does): cpu → the
     * reference, simd → the Vector API over all cores, cuda → the GPU in double precision. The
     * caller owns it and closes it.
     *
     * @throws BackendUnavailableException for {@code cuda} without a usable GPU
     */
    public static FeatureEngine featureEngine(Backend backend) {
        return switch (resolve(backend)) {
            case CPU -> new CpuFeatureEngine();
            case SIMD -> new SimdFeatureEngine();
            case CUDA -> CudaFeatureEngine.open(CudaFeatureEngine.Precision.DOUBLE);
            case AUTO -> throw new AssertionError("resolve never returns auto");
        };
    }

    /**
     * As {@link #featureEngine(Backend)} with at most {@code threads} threads on simd (cpu is
     * single-threaded, cuda ignores it): for a caller that already runs one engine per core, such as
     * a Spark task. The features do not depend on the thread count.
     *
     * @throws IllegalArgumentException if threads &lt; 1
     * @throws BackendUnavailableException for {@code cuda} without a usable GPU
     */
    public static FeatureEngine featureEngine(Backend backend, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, threads=" + threads);
        }
        return resolve(backend) == Backend.SIMD ? new SimdFeatureEngine(threads) : featureEngine(backend);
    }
}
