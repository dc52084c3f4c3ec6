/**
 * Portfolio simulation of target weights over a panel: {@link io.vectrade.backtest.Backtester} runs one pass
 * over the [T × N] weights with the timing convention (a weight decided at the close of bar t is held from
 * t to t+1; {@link io.vectrade.backtest.Execution}), transaction costs, slippage and borrow
 * ({@link io.vectrade.backtest.Costs}), missing bars and delistings, and writes per-bar returns, equity,
 * turnover and exposure into a reused {@link io.vectrade.backtest.BacktestResult}. The formulas are in
 * docs/evaluation.md.
 */
package io.vectrade.backtest;
