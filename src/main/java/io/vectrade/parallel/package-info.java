/**
 * Allocation-free fork/join over all cores for the CPU backends: {@link io.vectrade.parallel.RowPool}
 * splits one range of blocks statically over parked worker threads (the simd model, the per-bar
 * signal policies).
 */
package io.vectrade.parallel;
