/**
 * vectrade-onnx: the model type {@code onnx}. A {@code model.json} of type {@code onnx} names the
 * feature specs, the normalisation (if any) and a graph file beside it; ONNX Runtime scores it on
 * the CPU provider (the CUDA provider where onnxruntime_gpu and a GPU are present). Core finds it
 * through {@link io.vectrade.model.ModelTypeProvider}; it never depends on this module.
 */
module io.vectrade.onnx {
    requires transitive io.vectrade.core;
    requires com.microsoft.onnxruntime;
    requires com.fasterxml.jackson.databind;
    requires jdk.incubator.vector;

    exports io.vectrade.onnx;

    provides io.vectrade.model.ModelTypeProvider with io.vectrade.onnx.OnnxModelProvider;
}
