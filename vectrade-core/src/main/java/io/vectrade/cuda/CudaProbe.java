package io.vectrade.cuda;

/**
 * Whether the cuda backend can run here, and why not.
 *
 * @param available true when the driver loads, a device is present and the kernels were built
 * @param reason    one line saying why it is unavailable; empty when available
 * @param device    the GPU, or null when none could be queried (a device without kernels is
 *                  still described)
 */
public record CudaProbe(boolean available, String reason, CudaDeviceInfo device) {

    static CudaProbe unavailable(String reason, CudaDeviceInfo device) {
        return new CudaProbe(false, reason, device);
    }

    /** One line for {@code vectrade info}: the device, or "unavailable: reason". */
    public String describe() {
        if (available) {
            return device.describe();
        }
        return device == null ? "unavailable: " + reason : "unavailable: " + reason + " (" + device.describe() + ")";
    }
}
