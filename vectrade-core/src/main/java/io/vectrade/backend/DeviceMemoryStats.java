package io.vectrade.backend;

/**
 * Device memory of one GPU feature engine (and what runs on it), in bytes.
 *
 * @param currentBytes     device memory the engine holds now (its own allocations)
 * @param peakBytes        most the engine has held at once
 * @param pinnedHostBytes  page-locked host memory the engine holds
 * @param driverFreeBytes  free device memory as the driver reports it (all processes)
 * @param driverTotalBytes total device memory
 */
public record DeviceMemoryStats(long currentBytes, long peakBytes, long pinnedHostBytes, long driverFreeBytes,
                              long driverTotalBytes) {
}
