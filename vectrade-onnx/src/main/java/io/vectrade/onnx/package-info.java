/**
 * ONNX models in vectrade: {@link io.vectrade.onnx.OnnxModelProvider} reads a {@code model.json} of
 * type {@code onnx} and checks its graph ({@link io.vectrade.onnx.OnnxGraph}) at load;
 * {@link io.vectrade.onnx.OnnxRuntimeModel} makes one ONNX Runtime session per predictor
 * ({@code OnnxPredictor}: rows in chunks through direct tensors over reused buffers).
 */
package io.vectrade.onnx;
