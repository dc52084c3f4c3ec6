/**
 * Signals: policies that turn model scores into target positions per (bar, instrument) — threshold with
 * hysteresis, cross-sectional rank, volatility targeting, exposure caps — composed as a chain parsed from
 * text, the primitive {@link io.vectrade.signal.SignalFrame} they fill, and the {@link io.vectrade.signal.Signal}
 * records written as CSV or JSON lines.
 */
package io.vectrade.signal;
