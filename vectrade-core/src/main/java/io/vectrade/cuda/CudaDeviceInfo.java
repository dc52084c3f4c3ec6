package io.vectrade.cuda;

import java.util.Locale;

/**
 * What the driver says about the GPU vectrade uses (device 0).
 *
 * @param name                 e.g. {@code NVIDIA H100 80GB HBM3}
 * @param totalMemoryBytes     device memory in bytes
 * @param driverVersion        {@code cuDriverGetVersion}, e.g. 13000 for CUDA 13.0
 * @param computeMajor         compute capability, major
 * @param computeMinor         compute capability, minor
 * @param multiprocessors      number of streaming multiprocessors
 */
public record CudaDeviceInfo(String name, long totalMemoryBytes, int driverVersion, int computeMajor,
                             int computeMinor, int multiprocessors) {

    /** {@code "13.0"} for driver version 13000. */
    public String driverVersionText() {
        return (driverVersion / 1000) + "." + (driverVersion % 1000) / 10;
    }

    /** {@code "sm_90"} for compute capability 9.0. */
    public String smName() {
        return "sm_" + computeMajor + computeMinor;
    }

    /** One line for {@code vectrade info}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %d MiB, compute capability %d.%d (%s), %d SMs, CUDA driver %s",
                name, totalMemoryBytes >> 20, computeMajor, computeMinor, smName(), multiprocessors,
                driverVersionText());
    }
}
