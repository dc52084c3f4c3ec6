package io.vectrade.cli;

import io.vectrade.model.Model;
import io.vectrade.model.Models;
import picocli.CommandLine.Option;

import java.io.IOException;

/** {@code --model DIR|default}, the same in every command that scores. */
final class ModelOption {
    @Option(names = "--model", defaultValue = Models.DEFAULT, paramLabel = "DIR|default",
            description = "Model directory (model.json + model.safetensors or model.onnx; onnx:DIR insists on an onnx model) or 'default', the model shipped in the jar"
                    + " (default: ${DEFAULT-VALUE}).")
    String model;

    Model load() throws IOException {
        return Models.load(model);
    }

    /** What was asked for, for the command's summary. */
    String name() {
        return model;
    }
}
