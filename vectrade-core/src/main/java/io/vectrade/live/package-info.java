/**
 * Live input and output around the {@code LiveEngine}: long-form bar records ({@code symbol,
 * timestamp, open, high, low, close, volume}) assembled into one tick per timestamp
 * ({@link io.vectrade.live.BarAssembler}, {@link io.vectrade.live.BarLine}), and a tick's non-flat
 * signals written as JSON lines the moment they are produced ({@link io.vectrade.live.SignalLines}).
 * Used by the {@code live} command (stdin, stdout) and the Kafka connectors. Sources and sinks of
 * other modules plug in as a {@link io.vectrade.live.LiveConnector} service.
 */
package io.vectrade.live;
