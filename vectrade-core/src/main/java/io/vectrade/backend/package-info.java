/** Backend selection: cpu, simd, cuda, auto. */
package io.vectrade.backend;
