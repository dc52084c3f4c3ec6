package io.vectrade.cuda;

/**
 * No usable GPU: the driver library is missing, there is no device, or the jar was built without
 * kernels. The message is one line meant for the user, e.g.
 * {@code "Cannot open library: libcuda.so.1"}.
 */
public final class CudaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CudaUnavailableException(String reason) {
        super(reason);
    }
}
