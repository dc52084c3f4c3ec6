/**
 * Are the signals any good: portfolio metrics of a backtest ({@link io.vectrade.evaluation.PortfolioMetrics}:
 * return, volatility, Sharpe, Sortino, drawdown, Calmar, hit rate, turnover, cost drag), signal quality
 * ({@link io.vectrade.evaluation.SignalQuality}: IC and rank IC per bar, ICIR, t-stat, quantile forward
 * returns) and the bars per year ({@link io.vectrade.evaluation.Annualisation}). Every formula and convention
 * is in docs/evaluation.md. Stateless; results are immutable records.
 */
package io.vectrade.evaluation;
