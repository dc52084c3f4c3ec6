/**
 * Profiling: vectrade's own JFR events (pipeline stages, live ticks, memory samples, profile steps),
 * the {@code vectrade profile} runner and the analysis of its recordings (top methods, allocation
 * sites, stage timeline, Chrome/Perfetto trace).
 */
package io.vectrade.profile;
