package io.vectrade.model;

import io.vectrade.backend.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Model types from other modules: without the module, one line naming it; the built-in types are unchanged. */
class ExternalModelTypeTest {
    @TempDir
    Path dir;

    private Path modelJson(String type) throws Exception {
        Path json = dir.resolve("model.json");
        Files.writeString(json, """
                {"format": "vectrade-model", "format_version": 1, "type": "%s", "features": ["rsi(14)"]}
                """.formatted(type));
        return json;
    }

    /** Core's own tests run without vectrade-onnx on the class path. */
    @Test
    void onnxWithoutTheModuleNamesTheModuleInOneLine() throws Exception {
        Path json = modelJson("onnx");
        assertThatThrownBy(() -> ModelIO.load(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessage(json + ": field 'type': model type 'onnx' needs the module vectrade-onnx"
                        + " (io.vectrade:vectrade-onnx) on the class path");
        assertThatThrownBy(() -> Models.load("onnx:" + dir)).hasMessageContaining("needs the module vectrade-onnx");
    }

    @Test
    void anUnknownTypeListsTheValidOnes() throws Exception {
        Path json = modelJson("xgboost");
        assertThatThrownBy(() -> ModelIO.load(json)).isInstanceOf(ModelFormatException.class)
                .hasMessage(json + ": field 'type': unknown model type, type=xgboost; valid: linear, logistic, mlp");
    }

    @Test
    void aTypePrefixMustMatchTheModelsType() throws Exception {
        Model m = Model.linear(List.of("rsi(14)"), new double[] {50}, new double[] {10}, new double[] {0.5}, 0.1);
        ModelIO.save(m, dir, SafeTensors.DType.F64);
        assertThat(Models.load("linear:" + dir)).isEqualTo(m);
        assertThatThrownBy(() -> Models.load("onnx:" + dir)).isInstanceOf(ModelFormatException.class)
                .hasMessage(dir + ": field 'type': the model is of type linear, not onnx as 'onnx:' asks");
    }

    /** A stand-in runtime (test only): the external path delegates predictor creation and keeps inputs and normalisation. */
    @Test
    void anExternalModelAsksItsRuntimeForPredictorsOnEveryBackend() {
        Backend[] asked = new Backend[1];
        ModelRuntime runtime = new ModelRuntime() {
            @Override
            public String type() {
                return "test";
            }

            @Override
            public Predictor predictor(Model model, Backend backend) {
                asked[0] = backend;
                return null;
            }

            @Override
            public String describe() {
                return "test runtime";
            }
        };
        Model m = Model.external(runtime, List.of("rsi"), new double[] {50}, new double[] {10}, Map.of("k", "v"));
        assertThat(m.type()).isEqualTo(ModelType.EXTERNAL);
        assertThat(m.typeId()).isEqualTo("test");
        assertThat(m.featureColumns()).containsExactly("rsi(14)");
        assertThat(m.layers()).isEmpty();
        assertThat(m.predictor(Backend.CUDA)).isNull();
        assertThat(asked[0]).isEqualTo(Backend.CUDA);
        assertThatThrownBy(() -> ModelIO.save(m, dir, SafeTensors.DType.F32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test model is saved by copying its directory");
        assertThatThrownBy(() -> Model.of(ModelType.EXTERNAL, List.of("rsi"), new double[] {0}, new double[] {1},
                List.of(), Map.of())).hasMessageContaining("Model.external");
        assertThatThrownBy(() -> ModelType.parse("external")).hasMessageContaining("valid: linear, logistic, mlp");
    }
}
