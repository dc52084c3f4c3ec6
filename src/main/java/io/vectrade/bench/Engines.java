package io.vectrade.bench;

import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.cpu.CpuFeatureEngine;

import java.lang.reflect.InvocationTargetException;

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

    /**
     * The engines of this build: cpu ({@link CpuFeatureEngine}) always; simd and cuda when their
     * engine classes ({@code io.vectrade.feature.simd.SimdFeatureEngine},
     * {@code io.vectrade.feature.cuda.CudaFeatureEngine}: public no-argument constructor or static
     * {@code create()}) are on the class path, looked up by name so that the lab builds and runs
     * whichever backends a build has.
     */
    static Engines standard() {
        return backend -> switch (backend) {
            case CPU -> new CpuFeatureEngine();
            case SIMD -> byName(backend, "io.vectrade.feature.simd.SimdFeatureEngine");
            case CUDA -> byName(backend, "io.vectrade.feature.cuda.CudaFeatureEngine");
            case AUTO -> throw new UnsupportedOperationException("name a backend explicitly, backend=auto");
        };
    }

    private static FeatureEngine byName(Backend backend, String className) {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new UnsupportedOperationException("backend not in this build, backend=" + backend.id()
                    + " class=" + className);
        }
        try {
            try {
                return (FeatureEngine) c.getMethod("create").invoke(null);
            } catch (NoSuchMethodException e) {
                return (FeatureEngine) c.getConstructor().newInstance();
            }
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            throw new UnsupportedOperationException("backend unavailable, backend=" + backend.id() + ": "
                    + (t == null ? e : t).getMessage(), t);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new UnsupportedOperationException("backend unusable, backend=" + backend.id() + " class="
                    + className + ": " + e);
        }
    }

    /** Releases an engine's resources (threads, native or device memory) when it has any. */
    static void release(FeatureEngine engine) {
        if (engine instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort: a failure here must not hide the measurement
            }
        }
    }
}
