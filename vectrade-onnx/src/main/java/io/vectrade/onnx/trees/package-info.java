/**
 * A fast path for ONNX tree ensembles: the attributes of an {@code ai.onnx.ml}
 * {@code TreeEnsembleRegressor} read from the {@code .onnx} file ({@link io.vectrade.onnx.trees.TreeEnsembleReader},
 * over a minimal protobuf reader), compiled into flat primitive arrays and evaluated without
 * data-dependent branches over blocks of rows ({@link io.vectrade.onnx.trees.TreeEnsemble}). Its
 * scores are ONNX Runtime's to the bit: same comparisons in float, same missing-value rule, same
 * summation order (including the split of the trees over ONNX Runtime's intra-op threads). A graph
 * or attribute it does not handle is reported with the reason, and the caller keeps ONNX Runtime.
 * Internal to vectrade-onnx (not exported).
 */
package io.vectrade.onnx.trees;
