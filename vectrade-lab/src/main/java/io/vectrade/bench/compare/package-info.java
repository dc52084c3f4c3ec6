/** {@code vectrade compare}: change of every metric between two runs, with bootstrap intervals and verdicts. */
package io.vectrade.bench.compare;
