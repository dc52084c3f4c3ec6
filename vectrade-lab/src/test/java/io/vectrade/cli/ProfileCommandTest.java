package io.vectrade.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        var cl = VectradeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void timelineProfileWritesRecordingAndTrace() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "profile", "--type", "timeline", "--backend", "cpu", "--synthetic", "20x300",
                "--wait", "0", "--warmup", "1", "--active", "2", "--out", dir.toString(), "--name", "t");
        assertThat(code).as(err.toString()).isZero();
        assertThat(dir.resolve("t.jfr")).isNotEmptyFile();
        assertThat(dir.resolve("t_trace.json")).isNotEmptyFile();
        assertThat(out.toString()).contains("features").contains("predictions").contains("signals").contains("pipeline")
                .contains("stage").contains("t_trace.json");
    }

    @Test
    void memoryProfileWritesPlot() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "profile", "--type", "memory", "--backend", "cpu", "--synthetic", "20x300",
                "--wait", "0", "--warmup", "1", "--active", "2", "--out", dir.toString(), "--name", "m");
        assertThat(code).as(err.toString()).isZero();
        assertThat(dir.resolve("m_memory.png")).isNotEmptyFile();
        assertThat(out.toString()).contains("allocation sites").contains("peak heap");
    }

    @Test
    void badTypeIsAUsageError() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "profile", "--type", "gpu", "--out", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown profile type, type=gpu");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
