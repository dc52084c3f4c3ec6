package io.vectrade.model;

import io.vectrade.backend.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelIOTest {
    @TempDir
    Path dir;

    private static final String JSON = """
            {"format": "vectrade-model", "format_version": 1, "type": "linear",
             "features": ["rsi(14)", "logret(5)"],
             "normalization": {"mean": [50, 0], "std": [10, 0.01]},
             "weights": "model.safetensors",
             "layers": [{"inputs": 2, "outputs": 1, "activation": "identity", "weight": "w", "bias": "b"}]}
            """;

    /** A safetensors image built byte by byte per the published format (not with the writer under test). */
    static byte[] handMade(String header, int dataBytes, java.util.function.Consumer<ByteBuffer> data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length);
        b.put(h);
        data.accept(b);
        return b.array();
    }

    static byte[] goodWeights() {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]},\"__metadata__\":{\"format\":\"pt\"}}";
        return handMade(header, 16, b -> b.putFloat(2.0f).putFloat(-1.0f).putDouble(0.5));
    }

    private Path writeDir(String json, byte[] weights) throws IOException {
        Files.writeString(dir.resolve("model.json"), json);
        Files.write(dir.resolve("model.safetensors"), weights);
        return dir;
    }

    @Test
    void handWrittenSafetensorsLoadsAndPredicts() throws IOException {
        Model m = ModelIO.load(writeDir(JSON, goodWeights()));
        assertThat(m.type()).isEqualTo(ModelType.LINEAR);
        assertThat(m.featureColumns()).containsExactly("rsi(14)", "logret(5)");
        double[][] in = {{60, 40}, {0.02, -0.01}};
        for (Backend backend : new Backend[] {Backend.CPU, Backend.SIMD}) {
            double[] s = new double[2];
            try (Predictor p = m.predictor(backend)) {
                p.predict(in, 0, 2, s);
            }
            // 0.5 + 2*(60-50)/10 - 1*(0.02/0.01) = 0.5 ; 0.5 + 2*(-1) - 1*(-1) = -0.5
            assertThat(s[0]).isCloseTo(0.5, within(1e-12));
            assertThat(s[1]).isCloseTo(-0.5, within(1e-12));
        }
        SafeTensors.Contents c = SafeTensors.decode(goodWeights(), "x");
        assertThat(c.metadata()).containsEntry("format", "pt");
        assertThat(c.tensors().get("w").data()).containsExactly(2.0, -1.0);
    }

    @Test
    void writerReaderRoundTrip() throws IOException {
        SplittableRandom rnd = new SplittableRandom(5);
        Model m = PredictorTest.randomModel(rnd, 6, 3, Activation.TANH).withMetadata(Map.of("origin", "test"));
        ModelIO.save(m, dir, SafeTensors.DType.F64);
        Model back = ModelIO.load(dir);
        assertThat(back).isEqualTo(m);
        assertThat(back.metadata()).containsEntry("origin", "test");
        // F32 rounds each weight to the nearest float
        Path d32 = dir.resolve("f32");
        ModelIO.save(m, d32, SafeTensors.DType.F32);
        Model b32 = ModelIO.load(d32.resolve("model.json"));
        for (int l = 0; l < m.layers().size(); l++) {
            double[] w = m.layers().get(l).weights();
            double[] w32 = b32.layers().get(l).weights();
            for (int k = 0; k < w.length; k++) {
                assertThat(w32[k]).isEqualTo((double) (float) w[k]);
            }
        }
        // the raw tensor file: header length, alignment, contiguous offsets
        Map<String, SafeTensors.Tensor> t = new LinkedHashMap<>();
        t.put("a", new SafeTensors.Tensor(SafeTensors.DType.F64, new long[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}));
        t.put("e", new SafeTensors.Tensor(SafeTensors.DType.F32, new long[] {0}, new double[0]));
        t.put("c", new SafeTensors.Tensor(SafeTensors.DType.F32, new long[] {1}, new double[] {0.25}));
        byte[] img = SafeTensors.encode(t, Map.of("k", "v"));
        long n = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertThat(n % 8).isZero();
        assertThat(img.length).isEqualTo(8 + n + 48 + 4);
        SafeTensors.Contents c = SafeTensors.decode(img, "rt");
        assertThat(c.tensors()).isEqualTo(t);
        assertThat(c.metadata()).isEqualTo(Map.of("k", "v"));
        assertThat(ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).getDouble(8 + (int) n + 40)).isEqualTo(6.0);
    }

    @Test
    void defaultModelLoads() throws IOException {
        Model m = Models.load("default");
        assertThat(m.inputs()).isGreaterThan(0);
        assertThat(Models.defaultModel()).isEqualTo(m);
        assertThat(m.metadata()).containsKey("trained_on");
    }

    private static void corrupt(byte[] img, String... expected) {
        var a = assertThatThrownBy(() -> SafeTensors.decode(img, "bad.safetensors"))
                .isInstanceOf(ModelFormatException.class).hasMessageStartingWith("bad.safetensors: ");
        for (String e : expected) {
            a.hasMessageContaining(e);
        }
    }

    @Test
    void corruptSafetensorsFailCleanly() {
        byte[] good = goodWeights();
        corrupt(new byte[5], "truncated", "size=5");
        corrupt(java.util.Arrays.copyOf(good, 40), "header length beyond end of file", "fileSize=40");
        // truncated data: header intact, last tensor cut
        corrupt(java.util.Arrays.copyOf(good, good.length - 3), "tensor 'b'", "data_offsets beyond end of data", "end=16 dataSize=13");
        corrupt(handMade("{\"w\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, b -> { }), "overlaps tensor 'w'");
        corrupt(handMade("{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, b -> { }),
                "tensor 'w'", "unsupported dtype, dtype=BF16");
        corrupt(handMade("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, b -> { }),
                "tensor 'w'", "span 8 bytes but shape [3] of F32 needs 12");
        corrupt(handMade("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, b -> { }), "tensor 'w'", "data_offsets must be [begin, end]");
        corrupt(handMade("{\"w\":[1,2", 0, b -> { }), "header is not valid json");
        corrupt(handMade("[1,2]   ", 0, b -> { }), "header is not a json object");
    }

    private void badModel(String json, byte[] weights, String... expected) throws IOException {
        writeDir(json, weights);
        var a = assertThatThrownBy(() -> ModelIO.load(dir)).isInstanceOf(ModelFormatException.class);
        for (String e : expected) {
            a.hasMessageContaining(e);
        }
    }

    @Test
    void invalidModelsFailWithFileAndField() throws IOException {
        badModel(JSON.replace("\"w\", \"bias\"", "\"nope\", \"bias\""), goodWeights(),
                "model.safetensors: tensor 'nope': missing (named by", "layers[0].weight", "tensors in file: [w, b]");
        badModel(JSON.replace("\"inputs\": 2, \"outputs\": 1", "\"inputs\": 1, \"outputs\": 1")
                        .replace("[\"rsi(14)\", \"logret(5)\"]", "[\"rsi(14)\"]").replace("[50, 0]", "[50]").replace("[10, 0.01]", "[10]"),
                goodWeights(), "tensor 'w': shape [1, 2] does not match layer 0", "expected [1, 1]");
        badModel(JSON.replace("logret(5)", "sharpe(5)"), goodWeights(), "model.json: field 'features[1]': unknown feature 'sharpe' at position 1");
        badModel(JSON.replace("\"type\": \"linear\",", ""), goodWeights(), "model.json: field 'type': missing");
        badModel(JSON.replace("\"format_version\": 1", "\"format_version\": 9"), goodWeights(), "field 'format_version'", "unsupported version");
        badModel(JSON.replace("[10, 0.01]", "[10, 0]"), goodWeights(), "field 'normalization.std[1]'", "must be > 0");
        badModel(JSON.replace("[50, 0]", "[50]"), goodWeights(), "field 'normalization.mean'", "one value per feature");
        badModel(JSON.replace("identity", "gelu"), goodWeights(), "field 'layers[0].activation'", "unknown activation, activation=gelu");
        badModel(JSON.replace("\"linear\"", "\"logistic\""), goodWeights(), "logistic model must be one layer with activation sigmoid");
        badModel(JSON, handMade("{\"w\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", 16,
                b -> b.putFloat(Float.NaN).putFloat(1f).putDouble(0)),
                "model.safetensors: tensor 'w': non-finite value, index=0 value=NaN");
        badModel("{\"type\": ", goodWeights(), "model.json: not valid json");
        writeDir(JSON, goodWeights());
        Files.delete(dir.resolve("model.safetensors"));
        assertThatThrownBy(() -> ModelIO.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("model.safetensors");
        assertThatThrownBy(() -> Models.load(dir.resolve("missing").toString())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void modelJsonIsReadableAndStable() {
        Model m = Model.logistic(List.of("zscore(20)"), new double[] {0.5}, new double[] {2}, new double[] {-0.25}, 0.125);
        String json = new String(ModelIO.encodeJson(m), StandardCharsets.UTF_8);
        assertThat(json).contains("\"format_version\" : 1", "\"type\" : \"logistic\"", "\"features\" : [ \"zscore(20)\" ]",
                "\"activation\" : \"sigmoid\"", "\"weight\" : \"layers.0.weight\"");
    }
}
