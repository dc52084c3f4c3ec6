/**
 * Kafka source and sink for the live engine: bars from a topic keyed by symbol, each tick's
 * non-flat signals to a topic, malformed records to a dead-letter topic with the reason, and the
 * consumer offsets committed only after a bar's signals are written.
 */
package io.vectrade.kafka;
