/** Summary statistics and bootstrap intervals over benchmark samples; pure functions, no I/O. */
package io.vectrade.bench.stats;
