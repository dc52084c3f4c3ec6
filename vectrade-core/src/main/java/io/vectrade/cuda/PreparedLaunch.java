package io.vectrade.cuda;

import java.lang.foreign.MemorySegment;

/**
 * A kernel launch whose arguments and stream are fixed ({@link DeviceApi#prepare}). On the real
 * device {@code function} and {@code params} (the driver's {@code kernelParams} array, pointing at
 * the argument values) are resolved once; elsewhere they are null and {@code args} is used.
 */
record PreparedLaunch(String name, long stream, Object[] args, MemorySegment function, MemorySegment params) {
}
