package io.vectrade.onnx;

import io.vectrade.backend.Backend;
import io.vectrade.model.Model;
import io.vectrade.model.ModelRuntime;
import io.vectrade.model.Predictor;

/**
 * The {@link ModelRuntime} of an {@code onnx} model: its checked graph. Each predictor opens its own
 * ONNX Runtime session and closes it: cpu on one intra-op thread, simd on all cores, cuda on the
 * CUDA execution provider where this onnxruntime has one. Immutable and thread-safe.
 */
public final class OnnxRuntimeModel implements ModelRuntime {
    private final OnnxGraph graph;

    OnnxRuntimeModel(OnnxGraph graph) {
        this.graph = graph;
    }

    OnnxGraph graph() {
        return graph;
    }

    @Override
    public String type() {
        return OnnxModelProvider.TYPE;
    }

    @Override
    public Predictor predictor(Model model, Backend backend) {
        if (!equals(model.runtime())) {
            throw new IllegalArgumentException("the model's runtime is not this one, model=" + model);
        }
        return new OnnxPredictor(model, graph, backend);
    }

    @Override
    public String describe() {
        return graph.describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxRuntimeModel m && m.graph.equals(graph);
    }

    @Override
    public int hashCode() {
        return graph.hashCode();
    }

    @Override
    public String toString() {
        return "OnnxRuntimeModel[" + graph.describe() + "]";
    }
}
