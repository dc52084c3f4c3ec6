/**
 * The backtest report: {@link io.vectrade.evaluation.report.Evaluation} runs the backtests a report needs
 * (one per cost level, the equal-weight benchmark, the long and short legs) and the signal quality per horizon;
 * {@link io.vectrade.evaluation.report.EvaluationReport} writes it as Markdown, self-contained HTML, PNG plots
 * ({@link io.vectrade.evaluation.report.EvaluationPlots}) and a versioned metrics JSON.
 */
package io.vectrade.evaluation.report;
