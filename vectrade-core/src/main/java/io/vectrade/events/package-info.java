/**
 * vectrade's own JDK Flight Recorder events (pipeline stages, live ticks, device stage times) and
 * {@link io.vectrade.events.Stages}, the always-on instrumentation that costs one settings check when
 * no recording runs.
 */
package io.vectrade.events;
