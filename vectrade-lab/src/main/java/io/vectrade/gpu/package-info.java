/**
 * The GPU as the driver sees it, through java.lang.foreign: NVML ({@code libnvidia-ml.so.1},
 * shipped with the NVIDIA driver) for utilisation, memory, SM clock and power, sampled on a
 * background thread during cuda benchmarks and {@code vectrade profile}; NVTX
 * ({@code libnvToolsExt.so.1}) ranges that name the benchmark's steps in an Nsight Systems
 * timeline. Both are optional: without the library, a one-line note and no-ops.
 */
package io.vectrade.gpu;
