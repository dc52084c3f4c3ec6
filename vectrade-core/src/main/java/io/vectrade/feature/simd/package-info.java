/**
 * The simd backend: jdk.incubator.vector across instruments (one lane = one instrument of a
 * time-major panel) plus all cores, and fast single-series kernels for N = 1.
 */
package io.vectrade.feature.simd;
