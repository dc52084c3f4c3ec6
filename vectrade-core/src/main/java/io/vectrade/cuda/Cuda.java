package io.vectrade.cuda;

import io.vectrade.backend.Backend;
import io.vectrade.backend.BackendUnavailableException;

/**
 * Entry point of the cuda backend: {@link #probe()} says whether a usable GPU is present, and
 * why not. Never throws and prints nothing: a machine without a GPU (or without the driver) gets
 * {@code available = false} with a one-line reason such as
 * {@code "Cannot open library: libcuda.so.1"}.
 *
 * <pre>
 * CudaProbe p = Cuda.probe();
 * if (p.available()) {
 *     try (CudaFeatureEngine gpu = CudaFeatureEngine.open(CudaFeatureEngine.Precision.DOUBLE)) { ... }
 * }
 * </pre>
 *
 * <p>Thread-safe. The first successful probe starts the process-wide CUDA owner thread and
 * retains device 0's primary context; a failed start is remembered and not retried.
 */
public final class Cuda {
    static final String NO_KERNELS = "vectrade was built without CUDA kernels (nvcc was not found at build time)";

    private static CudaRuntime runtime;
    private static String failure;

    private Cuda() {
    }

    /** True when the jar carries the kernel fatbin (the build found nvcc). */
    public static boolean kernelsBundled() {
        return Cuda.class.getResource(CudaRuntime.FATBIN_RESOURCE) != null;
    }

    /** Whether the cuda backend can run here; never throws. */
    public static CudaProbe probe() {
        try {
            CudaRuntime rt = runtime();
            if (!rt.hasKernels()) {
                return CudaProbe.unavailable(NO_KERNELS, rt.info());
            }
            return new CudaProbe(true, "", rt.info());
        } catch (BackendUnavailableException e) {
            return CudaProbe.unavailable(e.reason(), null);
        } catch (CudaException e) {
            return CudaProbe.unavailable(e.getMessage(), null);
        } catch (RuntimeException | LinkageError e) {
            return CudaProbe.unavailable("cuda probe failed: " + e, null);
        }
    }

    /**
     * The process-wide runtime (owner thread, context, kernels), started on first use.
     *
     * @throws BackendUnavailableException when the driver cannot be loaded or there is no device
     */
    static synchronized CudaRuntime runtime() {
        if (runtime != null) {
            return runtime;
        }
        if (failure != null) {
            throw new BackendUnavailableException(Backend.CUDA, failure);
        }
        try {
            runtime = CudaRuntime.start(CudaDriver.load(), CudaRuntime.bundledFatbin());
            return runtime;
        } catch (BackendUnavailableException e) {
            failure = e.reason();
            throw e;
        } catch (CudaException e) {
            failure = e.getMessage();
            throw new BackendUnavailableException(Backend.CUDA, failure);
        }
    }
}
