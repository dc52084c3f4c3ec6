package io.vectrade.model;


import java.io.IOException;

/**
 * A model type that another module brings (vectrade-onnx brings {@code onnx}), found with
 * {@link java.util.ServiceLoader}: declared in that module's {@code module-info} ({@code provides})
 * and in {@code META-INF/services/io.vectrade.model.ModelTypeProvider} for the class path.
 * {@link io.vectrade.model.ModelIO#load} asks the provider whose {@link #type()} equals the
 * {@code type} field of {@code model.json}. Implementations are stateless and thread-safe, with a
 * public no-argument constructor.
 */
public interface ModelTypeProvider {

    /** The {@code type} value of {@code model.json} this provider loads, lower case (e.g. {@code onnx}). */
    String type();

    /**
     * Loads and validates the model that {@code file} describes; the common fields (features,
     * normalisation, metadata) are already read and checked.
     *
     * @throws IOException                                 if a file it names is missing or unreadable
     * @throws io.vectrade.model.ModelFormatException      one line naming the file and the field or the problem
     */
    Model load(ModelFile file) throws IOException;
}
