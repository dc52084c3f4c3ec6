/**
 * Streaming features: per-instrument O(1) state that turns one new bar per instrument into the same
 * values the batch {@link io.vectrade.feature.FeatureEngine} gives at that bar.
 */
package io.vectrade.feature.stream;
