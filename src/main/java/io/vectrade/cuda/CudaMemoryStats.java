package io.vectrade.cuda;

/**
 * Device memory of one {@link CudaFeatureEngine}, in bytes.
 *
 * @param currentBytes     device memory the engine holds now (its own allocations)
 * @param peakBytes        most the engine has held at once
 * @param pinnedHostBytes  page-locked host memory the engine holds
 * @param driverFreeBytes  free device memory as the driver reports it (all processes)
 * @param driverTotalBytes total device memory
 */
public record CudaMemoryStats(long currentBytes, long peakBytes, long pinnedHostBytes, long driverFreeBytes,
                              long driverTotalBytes) {
}
