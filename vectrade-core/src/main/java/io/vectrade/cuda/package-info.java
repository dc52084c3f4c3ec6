/**
 * The cuda backend: the CUDA driver API (libcuda.so.1) through java.lang.foreign on one owner
 * thread, the bundled kernel fatbin, and {@link io.vectrade.cuda.CudaFeatureEngine}.
 */
package io.vectrade.cuda;
