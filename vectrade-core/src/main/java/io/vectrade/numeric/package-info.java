/**
 * Floating-point shortcuts that give the same bits as the operation they replace: today
 * {@link io.vectrade.numeric.IntegerDivision}, a division by a small positive integer without the
 * divider. Used by the lane kernels of {@code feature.simd} and {@code feature.stream}; not exported.
 */
package io.vectrade.numeric;
