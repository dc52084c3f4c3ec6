/**
 * The service interface through which other modules add model types: a
 * {@link io.vectrade.model.spi.ModelTypeProvider} per {@code type} of {@code model.json} (vectrade-onnx
 * adds {@code onnx}), found with {@link java.util.ServiceLoader}. Core itself depends on no runtime.
 */
package io.vectrade.model.spi;
