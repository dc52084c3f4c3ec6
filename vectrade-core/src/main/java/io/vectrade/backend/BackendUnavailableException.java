package io.vectrade.backend;

/**
 * A backend cannot run here: for {@code cuda}, the driver library is missing, there is no device,
 * or the build carries no kernels. {@link #reason()} is one line meant for the user, e.g.
 * {@code "Cannot open library: libcuda.so.1"}; the message is
 * {@code "cuda backend not available: <reason>"}.
 */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Backend backend;
    private final String reason;

    public BackendUnavailableException(Backend backend, String reason) {
        super(backend.id() + " backend not available: " + reason);
        this.backend = backend;
        this.reason = reason;
    }

    /** The backend that was asked for. */
    public Backend backend() {
        return backend;
    }

    /** Why it cannot run, one line. */
    public String reason() {
        return reason;
    }
}
