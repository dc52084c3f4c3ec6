package io.vectrade.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineCommandsTest {
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
    void runWritesSignalsAndPrintsStageTimes() throws Exception {
        Path signals = dir.resolve("signals.csv");
        int code = run("run", "--synthetic", "30x300", "--policy", "rank(top=3,bottom=3) | caps(max=0.2)",
                "--backend", "cpu", "--out", signals.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(signals);
        assertThat(lines.getFirst()).isEqualTo("timestamp,symbol,side,strength,weight");
        // 3 long + 3 short per bar once every instrument has a score
        assertThat(lines.size() - 1).isBetween(6 * (300 - 20), 6 * 300);
        assertThat(out.toString()).contains("features").contains("predictions").contains("signals   long")
                .contains("policy    rank(top=3,bottom=3) | caps(max=0.2");
    }

    @Test
    void runEmitsJsonLinesForTheLastBar() throws Exception {
        Path signals = dir.resolve("last.jsonl");
        int code = run("run", "--synthetic", "12x200", "--emit", "last", "--out", signals.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(signals);
        assertThat(lines).hasSize(12).allSatisfy(l -> assertThat(l).startsWith("{\"timestamp\":"));
    }

    @Test
    void badPolicyOrModelIsExitTwoWithNothingWritten() {
        Path signals = dir.resolve("s.csv");
        assertThat(run("run", "--synthetic", "12x200", "--policy", "rank(top=x)", "--out", signals.toString())).isEqualTo(2);
        assertThat(run("run", "--synthetic", "12x200", "--model", dir.resolve("nope").toString(), "--out", signals.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("vectrade: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(signals).doesNotExist();
    }

    @Test
    void liveReplayReportsTickLatency() {
        int code = run("live", "--replay", "--synthetic", "40x300", "--warmup-ticks", "50", "--out", dir.resolve("l.csv").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("latency   per tick of 40 instruments over 250 ticks").contains("p99");
        assertThat(dir.resolve("l.csv")).isNotEmptyFile();
    }

    /** Without a usable GPU, cuda is one line naming the reason and exit 2, for run and live alike. */
    @Test
    void cudaWithoutAGpuIsOneLineAndExitTwo() {
        org.junit.jupiter.api.Assumptions.assumeFalse(io.vectrade.cuda.Cuda.probe().available(), "a GPU is present");
        Path signals = dir.resolve("s.csv");
        assertThat(run("run", "--synthetic", "12x200", "--backend", "cuda", "--out", signals.toString())).isEqualTo(2);
        assertThat(run("live", "--replay", "--synthetic", "12x200", "--backend", "cuda")).isEqualTo(2);
        assertThat(err.toString().lines().filter(l -> l.startsWith("vectrade: cuda backend not available: ")))
                .as(err.toString()).hasSize(2);
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(signals).doesNotExist();
    }

    @Test
    void trainSavesAModelThatRunLoads() {
        Path model = dir.resolve("model");
        int code = run("train", "--synthetic", "30x400", "--type", "linear", "--features", "rsi(14),momentum(10)",
                "--horizon", "3", "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("IC cross-sectional").contains("AUC");
        assertThat(model.resolve("model.json")).isNotEmptyFile();
        code = run("run", "--synthetic", "30x400", "--model", model.toString(), "--out", dir.resolve("s.csv").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("linear on 2 features: rsi(14),momentum(10)");
    }
}
