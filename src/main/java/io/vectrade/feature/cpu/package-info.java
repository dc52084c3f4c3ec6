/** The cpu backend: plain-Java double-precision batch kernels, the reference for every other path. */
package io.vectrade.feature.cpu;
