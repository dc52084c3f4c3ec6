/**
 * The cpu backend: plain-Java double-precision batch kernels, the reference for every other path.
 *
 * <p>{@link io.vectrade.feature.cpu.CpuFeatureEngine} gathers each instrument's own bars and runs
 * {@code SeriesKernels} over them; one small class per feature family holds the kernels
 * ({@code Averages}: sma, ema, macd; {@code Wilder}: rsi, atr, adx; {@code Ranges}: stoch, willr,
 * cci; {@code Bands}: bbands; {@code Changes}: momentum, roc, logret; {@code Statistics}:
 * volatility, zscore; {@code Volumes}: obv, vwap). TA-Lib-backed kernels repeat TA-Lib's operations
 * in TA-Lib's order and agree with TA-Lib Java bit for bit on the test data.
 */
package io.vectrade.feature.cpu;
