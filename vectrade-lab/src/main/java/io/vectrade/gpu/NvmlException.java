package io.vectrade.gpu;

/** NVML is missing or a call failed; the message is one line naming the call and NVML's error. */
public final class NvmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NvmlException(String message) {
        super(message);
    }
}
