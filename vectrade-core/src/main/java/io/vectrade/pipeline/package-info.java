/**
 * The trading pipeline: features → predictions → signals, in batch over a whole panel
 * ({@link io.vectrade.pipeline.TradingPipeline}, for research and backtests) and live, one tick of
 * new bars at a time ({@link io.vectrade.pipeline.LiveEngine}).
 */
package io.vectrade.pipeline;
