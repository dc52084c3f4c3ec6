/**
 * Models: feature columns in, one score per (bar, instrument) out. Immutable {@link io.vectrade.model.Model}
 * descriptions (linear, logistic, MLP), backend-specific {@link io.vectrade.model.Predictor}s that run them
 * over time-major columns, and the open on-disk format ({@code model.json} + {@code model.safetensors}).
 */
package io.vectrade.model;
