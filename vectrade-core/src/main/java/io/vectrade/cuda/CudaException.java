package io.vectrade.cuda;

/**
 * A CUDA driver call returned an error. The message names the call and the error, e.g.
 * {@code "cuMemAlloc_v2 failed, error=CUDA_ERROR_OUT_OF_MEMORY (2)"}. Kernel faults surface at
 * the next synchronising call, so the call named may be a later one than the cause.
 */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int code;
    private final String errorName;

    public CudaException(String call, int code, String errorName) {
        super(call + " failed, error=" + errorName + " (" + code + ")");
        this.call = call;
        this.code = code;
        this.errorName = errorName;
    }

    /** The driver function, e.g. {@code cuLaunchKernel}. */
    public String call() {
        return call;
    }

    /** The CUresult value. */
    public int code() {
        return code;
    }

    /** The error's name from {@code cuGetErrorName}, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}. */
    public String errorName() {
        return errorName;
    }
}
