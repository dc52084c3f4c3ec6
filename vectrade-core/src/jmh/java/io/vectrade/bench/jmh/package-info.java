/** JMH microbenchmarks: vectrade cpu and simd against TA-Lib Java and ta4j on the same data. */
package io.vectrade.bench.jmh;
