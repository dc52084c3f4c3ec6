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
import java.util.List;

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
        Path slow = write(dir, "slow", Fixtures.oneMetric(KEY, "ns", false, 3000, 10, 2, m));
        Path same = write(dir, "same", Fixtures.oneMetric(KEY, "ns", false, 1000, 10, 3, m));
        Path out = dir.resolve("cmp");
        assertThat(run(new StringWriter(), "compare", base.toString(), slow.toString(), "--out", out.toString()))
                .isEqualTo(1);
        String md = Files.readString(out.resolve("comparison.md"));
        assertThat(md).contains(KEY).contains("regressed").contains("95% CI");
        assertThat(out.resolve("comparison.png")).exists();
        assertThat(run(new StringWriter(), "compare", base.toString(), same.toString())).isZero();
        assertThat(dir.resolve("comparison.md")).exists();
        // a 250% threshold tolerates the +200%; the default (150%, calibrated on a noisy machine) tolerates +20%
        assertThat(run(new StringWriter(), "compare", base.toString(), slow.toString(), "--threshold", "250%",
                "--out", out.toString())).isZero();
        Path slightly = write(dir, "slightly", Fixtures.oneMetric(KEY, "ns", false, 1200, 10, 4, m));
        assertThat(run(new StringWriter(), "compare", base.toString(), slightly.toString(), "--out", out.toString()))
                .isZero();
        assertThat(run(new StringWriter(), "compare", base.toString(), slightly.toString(), "--threshold", "10",
                "--out", out.toString())).isEqualTo(1);
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

    @Test
    void quickRunsDoNotFailUnlessAsked(@TempDir Path dir) throws IOException {
        MachineInfo m = Fixtures.machine("cpu");
        RunResult a = Fixtures.oneMetric(KEY, "ns", false, 1000, 10, 1, m);
        RunResult b = Fixtures.oneMetric(KEY, "ns", false, 3000, 10, 2, m);
        List<String> quick = List.of(RunResult.QUICK_NOTE + ": smoke");
        Path qa = write(dir, "qa", new RunResult(a.schemaVersion(), "qa", a.types(), a.config(), m, 1, "0",
                a.measurements(), List.of(), List.of(), quick));
        Path qb = write(dir, "qb", new RunResult(b.schemaVersion(), "qb", b.types(), b.config(), m, 1, "0",
                b.measurements(), List.of(), List.of(), quick));
        assertThat(run(new StringWriter(), "compare", qa.toString(), qb.toString())).isZero();
        assertThat(Files.readString(dir.resolve("comparison.md"))).contains("SMOKE RUN, NOT A MEASUREMENT: REGRESSED");
        assertThat(run(new StringWriter(), "compare", qa.toString(), qb.toString(), "--fail-on-quick")).isEqualTo(1);
    }

    @Test
    void theCommandsDefaultThresholdIsTheCalibratedOne() throws Exception {
        String d = CompareCommand.class.getDeclaredField("threshold").getAnnotation(picocli.CommandLine.Option.class)
                .defaultValue();
        assertThat(CompareCommand.parseThreshold(d))
                .isEqualTo(io.vectrade.bench.compare.Comparison.Settings.DEFAULT_THRESHOLD);
    }
}
