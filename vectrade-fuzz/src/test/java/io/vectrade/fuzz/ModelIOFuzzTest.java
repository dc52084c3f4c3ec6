package io.vectrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.vectrade.model.Model;
import io.vectrade.model.ModelFormatException;
import io.vectrade.model.ModelIO;
import io.vectrade.model.Models;
import io.vectrade.model.SafeTensors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link ModelIO#decode}: a model or a {@link ModelFormatException}. The fuzzed model.json is
 * paired with the default model's weights, so the decoder gets past the weights to the fields.
 */
class ModelIOFuzzTest {
    private static final byte[] WEIGHTS = defaultWeights();

    private static byte[] defaultWeights() {
        try {
            Path dir = Files.createTempDirectory("fuzz-model");
            Model m = Models.defaultModel();
            ModelIO.save(m, dir, SafeTensors.DType.F64);
            byte[] w = Files.readAllBytes(dir.resolve(ModelIO.WEIGHTS));
            Files.delete(dir.resolve(ModelIO.WEIGHTS));
            Files.delete(dir.resolve(ModelIO.MODEL_JSON));
            Files.delete(dir);
            return w;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest
    void decode(@NotNull String json) {
        try {
            ModelIO.decode(json.getBytes(StandardCharsets.UTF_8), "model.json", WEIGHTS, "model.safetensors");
        } catch (ModelFormatException expected) {
            Outcomes.checkMessage(expected);
        }
    }
}
