/**
 * Fitting the built-in linear (ridge) and logistic (IRLS) models on feature columns against forward log
 * returns, with a time-ordered train/test split and out-of-sample metrics (rank IC, accuracy, AUC).
 * Pure functions over primitive arrays; no look-ahead.
 */
package io.vectrade.model.train;
