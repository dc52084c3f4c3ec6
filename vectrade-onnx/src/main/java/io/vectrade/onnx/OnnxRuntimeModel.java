package io.vectrade.onnx;

import io.vectrade.backend.Backend;
import io.vectrade.model.Model;
import io.vectrade.model.ModelRuntime;
import io.vectrade.model.Predictor;
import io.vectrade.onnx.trees.TreeEnsembleReader;

/**
 * The {@link ModelRuntime} of an {@code onnx} model: its checked graph. Each predictor opens its own
 * ONNX Runtime session and closes it: cpu on one intra-op thread, simd on all cores, cuda on the
 * CUDA execution provider where this onnxruntime has one. A graph that is one
 * {@code TreeEnsembleRegressor} the fast path handles ({@link TreeEnsembleReader}) is scored by
 * {@link TreePredictor} instead, to the same bits; {@link #describe()} says which one scores it and,
 * for a tree graph the fast path does not take, why. Immutable and thread-safe.
 */
public final class OnnxRuntimeModel implements ModelRuntime {
    private final OnnxGraph graph;
    private final TreeEnsembleReader.Result trees;

    OnnxRuntimeModel(OnnxGraph graph, TreeEnsembleReader.Result trees) {
        this.graph = graph;
        this.trees = trees;
    }

    /** What the tree fast path made of the graph. */
    TreeEnsembleReader.Result trees() {
        return trees;
    }

    /** A predictor through ONNX Runtime even where the fast path would be used (for comparisons). */
    Predictor ortPredictor(Model model, Backend backend) {
        checkModel(model);
        return new OnnxPredictor(model, graph, backend);
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
        checkModel(model);
        if (trees instanceof TreeEnsembleReader.Supported s) {
            return new TreePredictor(model, s.ensemble(), backend);
        }
        return new OnnxPredictor(model, graph, backend);
    }

    private void checkModel(Model model) {
        if (!equals(model.runtime())) {
            throw new IllegalArgumentException("the model's runtime is not this one, model=" + model);
        }
    }

    /**
     * The graph's line; for a tree ensemble also who scores it, e.g. {@code ...; trees: vectrade fast
     * path (100 trees, depth <= 6, 12700 nodes, SUM)} or {@code ...; trees: ONNX Runtime (fast path
     * not used: post_transform LOGISTIC)}.
     */
    @Override
    public String describe() {
        return switch (trees) {
            case TreeEnsembleReader.Supported s -> graph.describe() + "; trees: vectrade fast path (" + s.ensemble().describe()
                    + ")";
            case TreeEnsembleReader.Unsupported u when u.treeGraph() -> graph.describe()
                    + "; trees: ONNX Runtime (fast path not used: " + u.reason() + ")";
            case TreeEnsembleReader.Unsupported u -> graph.describe();
        };
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
