/**
 * The soak test ({@code scripts/soak}): the live engine at a fixed tick rate and the batch pipeline
 * in a loop for a long time, sampling heap after GC, resident memory, GC pauses and tick latency,
 * and failing when memory grows.
 */
package io.vectrade.soak;
