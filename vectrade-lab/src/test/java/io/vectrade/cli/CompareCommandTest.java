package io.vectrade.cli;

import io.vectrade.bench.RunResult;
import io.vectrade.bench.MachineInfo;
import io.vectrade.bench.Fixtures;
import io.vectrade.bench.report.ResultsJson;
import io.vectrade.cli.VectradeCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTest {
    private static final String KEY = "features/series-1k/cpu/rsi(14)";

    private static int run(StringWriter err, String... args) {
        CommandLine cl = VectradeCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static Path write(Path dir, String name, RunResult r) throws IOException {
        Path f = dir.resolve(name + "_raw.json");
        Files.writeString(f, ResultsJson.write(r));
        return f;
    }

    @Test
    void regressionExitsOneAndWritesTheReport(@TempDir Path dir) throws IOException {
        MachineInfo m = Fixtures.machine("cpu");
        Path base = write(dir, "base", Fixtures.oneMetric(KEY, "ns", false, 1000, 10, 1, m));
        Path slow = write(dir, "slow", Fixtures.oneMetric(KEY, "ns", false, 1200, 10, 2, m));
        Path same = write(dir, "same", Fixtures.oneMetric(KEY, "ns", false, 1000, 10, 3, m));
        Path out = dir.resolve("cmp");
        assertThat(run(new StringWriter(), "compare", base.toString(), slow.toString(), "--out", out.toString()))
                .isEqualTo(1);
        String md = Files.readString(out.resolve("comparison.md"));
        assertThat(md).contains(KEY).contains("regressed").contains("95% CI");
        assertThat(out.resolve("comparison.png")).exists();
        assertThat(run(new StringWriter(), "compare", base.toString(), same.toString())).isZero();
        assertThat(dir.resolve("comparison.md")).exists();
        // a 30% threshold tolerates the +20%
        assertThat(run(new StringWriter(), "compare", base.toString(), slow.toString(), "--threshold", "30%",
                "--out", out.toString())).isZero();
    }

    @Test
    void badInputExitsTwo(@TempDir Path dir) throws IOException {
        Path base = write(dir, "base", Fixtures.oneMetric(KEY, "ns", false, 1000, 10, 1, Fixtures.machine("cpu")));
        StringWriter err = new StringWriter();
        assertThat(run(err, "compare", base.toString(), dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
        StringWriter err2 = new StringWriter();
        assertThat(run(err2, "compare", base.toString(), base.toString(), "--threshold", "lots")).isEqualTo(2);
        assertThat(err2.toString()).contains("option=--threshold");
        assertThat(run(new StringWriter(), "compare", base.toString())).isEqualTo(2);
    }
}
