package io.vectrade.onnx;

import io.vectrade.model.ModelFormatException;
import io.vectrade.model.ModelIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Every bad model fails at load with one line naming the file and the problem; never a native crash. */
class BadModelTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad-corrupt       | model.onnx: onnx runtime cannot open the graph:",
            "bad-width         | model.onnx: input 'features': wrong input width: the graph takes 4 columns,",
            "bad-output        | model.onnx: output 'prediction': unknown output name (named by",
            "bad-dtype         | model.onnx: input 'features': dtype int64; vectrade feeds float or double",
            "bad-fixed-batch   | model.onnx: input 'features': fixed batch size 1; export with a dynamic first axis",
            "bad-label-output  | model.onnx: output 'label': dtype int64; vectrade reads a float or double score",
            "bad-no-column     | model.json: field 'output_column': missing: output 'probabilities' of",
            "bad-column        | model.json: field 'output_column': out of range, output_column=2 but output 'probabilities'",
            "bad-zipmap        | model.onnx: output 'output_probability': is ",
    })
    void badModelIsOneLineNamingFileAndProblem(String name, String message) {
        Path model = OnnxTestModels.copy(name, dir);
        Throwable t = catchThrowable(() -> ModelIO.load(model));
        assertThat(t).isInstanceOf(ModelFormatException.class);
        assertThat(t.getMessage()).contains(model.toString()).contains(message.strip());
        assertThat(t.getMessage().lines().count()).as(t.getMessage()).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void zipMapOutputSaysHowToExport() {
        Throwable t = catchThrowable(() -> ModelIO.load(OnnxTestModels.copy("bad-zipmap", dir)));
        assertThat(t.getMessage()).contains("not a tensor").contains("zipmap=False");
    }

    @org.junit.jupiter.api.Test
    void missingGraphIsAMissingFile() {
        Path model = OnnxTestModels.copy("bad-missing-graph", dir);
        Throwable t = catchThrowable(() -> ModelIO.load(model));
        assertThat(t).isInstanceOf(NoSuchFileException.class);
        assertThat(t.getMessage()).contains(model.resolve("model.onnx").toString()).contains("onnx graph not found");
    }
}
