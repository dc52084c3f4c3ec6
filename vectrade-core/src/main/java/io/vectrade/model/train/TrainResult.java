package io.vectrade.model.train;

import io.vectrade.model.Model;

/**
 * A fitted model and its out-of-sample evaluation on the test bars of {@link #split()}.
 *
 * @param icCrossSectional mean over test bars of the per-bar Spearman IC across instruments (NaN with one
 *                         instrument)
 * @param icPooled         Spearman IC over all test (bar, instrument) pairs at once
 * @param accuracy         share of test rows whose predicted direction is right (logistic: score &gt; 0.5;
 *                         linear: score &gt; 0) against up = forward return &gt; 0
 * @param auc              ROC AUC of the score for up moves on the test rows
 * @param iterations       Newton iterations (logistic) or 1 (ridge)
 */
public record TrainResult(Model model, TimeSplit split, int trainRows, int testRows, double icCrossSectional,
                          double icPooled, double accuracy, double auc, int iterations) {
}
