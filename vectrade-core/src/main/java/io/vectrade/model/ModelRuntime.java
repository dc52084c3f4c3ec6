package io.vectrade.model;

import io.vectrade.backend.Backend;

/**
 * What scores a model of type {@link ModelType#EXTERNAL}: a runtime from another module (ONNX
 * Runtime in vectrade-onnx), found through {@link io.vectrade.model.ModelTypeProvider}.
 * It holds the model's graph as data (no native resource); each {@link #predictor} owns its own
 * session and releases it on close. Implementations are immutable and thread-safe.
 */
public interface ModelRuntime {

    /** The type id in {@code model.json}, e.g. {@code onnx}. */
    String type();

    /**
     * A new predictor for {@code model} (whose runtime this is) on {@code backend}: cpu (one thread),
     * simd or auto (all cores), cuda (the runtime's GPU provider where it has one, else the CPU with a
     * one-line note). Same contract as {@link Predictor}: NaN or infinite input, NaN score.
     *
     * @throws IllegalArgumentException when the model cannot be run (one line naming the file)
     */
    Predictor predictor(Model model, Backend backend);

    /** One line for summaries, e.g. {@code model.onnx: input 'x' float [N, 4] -> 'y' [N, 1]}. */
    String describe();
}
