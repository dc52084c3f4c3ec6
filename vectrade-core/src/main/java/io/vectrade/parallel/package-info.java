/**
 * Fork/join over all cores for the CPU backends, set up once and reused per call:
 * {@link io.vectrade.parallel.RowPool} (parked worker threads, allocation-free dispatch: the simd
 * feature engine, the simd model, the per-bar signal policies) and
 * {@link io.vectrade.parallel.ForkJoinTasks} (numbered tasks on a fork/join pool, also started
 * asynchronously: the cuda host copies).
 */
package io.vectrade.parallel;
