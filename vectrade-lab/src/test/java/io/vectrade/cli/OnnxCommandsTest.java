package io.vectrade.cli;

import io.vectrade.onnx.OnnxTestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ONNX models through the command line: run, live and bench with {@code --model onnx:DIR}; bad models exit 2. */
class OnnxCommandsTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cl = VectradeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void runScoresWithAnOnnxTreeModel() throws Exception {
        Path model = OnnxTestModels.copy("trees", dir);
        Path signals = dir.resolve("signals.csv");
        int code = run("run", "--synthetic", "30x300", "--model", "onnx:" + model, "--policy", "rank(top=3,bottom=3)",
                "--backend", "simd", "--out", signals.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("model     onnx:" + model + " onnx on 3 features: rsi(14),zscore(20),logret(5)")
                .contains("runtime   model.onnx: input 'input' float [N, 3] -> 'variable' float [N, 1]; trees: vectrade fast"
                        + " path (3 trees, depth <= 2, 13 nodes, SUM, complete layout)");
        List<String> lines = Files.readAllLines(signals);
        assertThat(lines.size() - 1).isBetween(6 * (300 - 19), 6 * 300);
    }

    @Test
    void liveReplaysWithAnOnnxMlp() {
        Path model = OnnxTestModels.copy("mlp", dir);
        int code = run("live", "--replay", "--synthetic", "20x200", "--warmup-ticks", "30", "--model", model.toString(),
                "--backend", "cpu", "--out", dir.resolve("l.csv").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("latency   per tick of 20 instruments over 170 ticks");
        assertThat(dir.resolve("l.csv")).isNotEmptyFile();
    }

    @Test
    void benchMeasuresAnOnnxModel() throws Exception {
        Path model = OnnxTestModels.copy("trees", dir);
        Path tiny = dir.resolve("tiny.yaml");
        Files.writeString(tiny, """
                batch_sizes: [4]
                data_sizes: [300]
                backends: [cpu]
                warmup_iterations: 1
                test_iterations: 2
                max_latency: 100s
                panel: {instruments: 8, bars: 120}
                """);
        int code = run("bench", "--quick", "--no-progress", "--no-fail", "--config", tiny.toString(), "--type", "pipeline",
                "--out", dir.resolve("out").toString(), "--name", "onnx", "--model", "onnx:" + model);
        assertThat(code).as(err.toString()).isZero();
        String raw = Files.readString(dir.resolve("out").resolve("onnx_raw.json"));
        assertThat(raw).contains("onnx:" + model).contains("model_inference");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad-corrupt", "bad-width", "bad-output", "bad-dtype", "bad-fixed-batch", "bad-label-output",
            "bad-no-column", "bad-column", "bad-zipmap", "bad-missing-graph"})
    void aBadModelIsOneLineExitTwoAndNoOutputFile(String name) {
        Path model = OnnxTestModels.copy(name, dir);
        Path signals = dir.resolve("s.csv");
        assertThat(run("run", "--synthetic", "12x200", "--model", model.toString(), "--out", signals.toString())).isEqualTo(2);
        assertThat(run("live", "--replay", "--synthetic", "12x200", "--model", model.toString(),
                "--out", dir.resolve("l.csv").toString())).isEqualTo(2);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).as(err.toString()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("vectrade: ").contains(model.toString()));
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(signals).doesNotExist();
        assertThat(dir.resolve("l.csv")).doesNotExist();
    }

    @Test
    void aTypePrefixThatDoesNotMatchIsExitTwo() {
        Path model = OnnxTestModels.copy("mlp-safetensors", dir);
        assertThat(run("run", "--synthetic", "12x200", "--model", "onnx:" + model, "--out", dir.resolve("s.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("the model is of type mlp, not onnx");
    }
}
