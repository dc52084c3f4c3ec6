package io.vectrade.backend;

/**
 * Whether a backend can run here, and why not.
 *
 * @param backend   the backend asked about
 * @param available true when it can run
 * @param reason    one line saying why it cannot run; empty when available
 * @param device    one line describing the device (cuda: name, memory, compute capability, driver),
 *                  empty when none could be queried
 */
public record BackendStatus(Backend backend, boolean available, String reason, String device) {

    /** One line for {@code vectrade info}: the device, or "unavailable: reason". */
    public String describe() {
        if (available) {
            return device.isEmpty() ? "available" : device;
        }
        return device.isEmpty() ? "unavailable: " + reason : "unavailable: " + reason + " (" + device + ")";
    }
}
