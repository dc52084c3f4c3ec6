package io.vectrade.cli;

import io.vectrade.bench.RunResult;
import io.vectrade.bench.Measurement;
import io.vectrade.bench.Verdict;
import io.vectrade.bench.Workloads;
import io.vectrade.bench.report.ResultsJson;
import io.vectrade.cli.VectradeCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vectrade bench} end to end through the picocli command line: exit codes 0/1/2, the files
 * of a run, and a quick run of every type. Workloads are tiny (seconds in all).
 */
class BenchCommandTest {
    @TempDir
    static Path dir;
    static Path tiny;

    @BeforeAll
    static void tinyConfig() throws IOException {
        tiny = dir.resolve("tiny.yaml");
        Files.writeString(tiny, """
                batch_sizes: [4, 8]
                data_sizes: [300]
                backends: [cpu]
                warmup_iterations: 1
                test_iterations: 3
                max_latency: 100s
                panel: {instruments: 8, bars: 120}
                targets:
                  latency: {feature_calculation: 100s}
                  throughput: {features: 1}
                """);
    }

    record Run(int exit, String err) {
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Run run(String... args) {
        CommandLine cl = VectradeCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, err.toString());
    }

    static String[] bench(String name, String... more) {
        List<String> a = new ArrayList<>(List.of("bench", "--quick", "--no-progress", "--config", tiny.toString(),
                "--out", dir.resolve("out").toString(), "--name", name));
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }

    @Test
    void wholeSuiteRunsEveryTypeWithItsFilesAndPlots() {
        Run r = run(bench("all"));
        assertThat(r.exit()).as(r.err()).isZero();
        Path out = dir.resolve("out");
        RunResult res = ResultsJson.read(out.resolve("all_raw.json"));
        assertThat(res.types()).containsExactly("features", "memory", "throughput", "pipeline");
        for (String type : res.types()) {
            assertThat(res.measurements()).as(type).anyMatch(m -> m.type().equals(type));
        }
        assertThat(res.measurements()).allSatisfy(m -> assertThat(m.ok()).as(m.key() + ": " + m.error()).isTrue());
        // 17 standard features x (1 series + 1 panel) x 1 backend, each with its samples and metrics
        assertThat(res.measurements()).filteredOn(m -> m.type().equals("features")).hasSize(34)
                .allSatisfy(m -> {
                    assertThat(m.samples()).hasSize(3);
                    assertThat(m.metric("ns_per_bar")).isPositive();
                    assertThat(m.metric("memory_added_bytes")).isGreaterThanOrEqualTo(0);
                });
        assertThat(res.measurements()).filteredOn(m -> m.type().equals("throughput"))
                .extracting(Measurement::workload).containsExactly("live-tick-4", "batch-4", "live-tick-8", "batch-8");
        // the live engine: samples per second per window, tick latency from the histogram
        assertThat(res.measurements()).filteredOn(m -> m.workload().startsWith("live-tick-")).allSatisfy(m -> {
            assertThat(m.subject()).isEqualTo("samples_per_s");
            assertThat(m.median()).isPositive();
            assertThat(m.metric("tick_p99_ns")).isGreaterThanOrEqualTo(m.metric("tick_p50_ns")).isPositive();
            assertThat(m.metric("ticks") * m.metric("instruments")).isGreaterThanOrEqualTo(100_000);
        });
        // the pipeline's four stages are measured, none estimated
        assertThat(res.measurements()).filteredOn(m -> m.type().equals("pipeline")).extracting(Measurement::subject)
                .containsExactly("feature_calculation", "model_inference", "signal_generation", "total_pipeline", "backtest");
        assertThat(res.verdicts()).filteredOn(v -> v.target().startsWith("latency.") || v.target().startsWith("throughput.")
                || v.target().equals("memory.model")).allSatisfy(v -> assertThat(v.status()).isNotEqualTo(Verdict.Status.NOT_MEASURED));
        assertThat(res.series()).anyMatch(s -> s.name().equals("heap_used") && s.x().length > 0);
        // the memory type's allocation points come from a JFR recording of the pipeline
        assertThat(res.notes()).anyMatch(n -> n.startsWith("memory [cpu] allocation points (JFR, 3 pipeline runs):")
                && n.contains("stage features") && n.contains("stage signals"));
        assertThat(res.verdicts()).extracting(Verdict::target).contains("config.max_latency",
                "config.memory_threshold", "memory.peak", "memory.steady_state", "memory.feature", "memory.model",
                "throughput.features", "throughput.samples", "throughput.signals", "latency.feature_calculation",
                "latency.model_inference", "latency.signal_generation", "latency.total_pipeline");
        assertThat(res.sink()).hasSize(16);
        assertThat(res.machine().cores()).isPositive();
        // the memory floor: measured at the start, bytes counted on panel cells only (8 x 120 = 960 cells)
        assertThat(res.machine().memoryBandwidth()).isNotNull().satisfies(b -> {
            assertThat(b.triadOneThread()).isPositive();
            assertThat(b.triadAllCores()).isPositive();
            assertThat(b.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        });
        assertThat(res.measurements()).filteredOn(m -> m.key().equals("features/panel-8x120/cpu/rsi(14)"))
                .singleElement().satisfies(m -> assertThat(m.metric("bytes_moved")).isEqualTo(2 * 8 * 960.0));
        assertThat(res.measurements()).filteredOn(m -> m.key().equals("features/panel-8x120/cpu/vwap(20)"))
                .singleElement().satisfies(m -> assertThat(m.metric("bytes_moved")).isEqualTo(5 * 8 * 960.0));
        assertThat(res.measurements()).filteredOn(m -> m.workload().startsWith("series-"))
                .allSatisfy(m -> assertThat(m.metric("bytes_moved")).isNaN());
        assertThat(res.measurements()).filteredOn(m -> m.type().equals("pipeline") && !m.subject().equals("backtest"))
                .allSatisfy(m -> assertThat(m.metric("bytes_moved")).isPositive());
        assertThat(readString(out.resolve("all_report.md"))).contains("| bytes moved | GB/s | of floor |")
                .contains("memory bandwidth: triad");
        assertThat(res.targetsMet()).isTrue();
        for (String f : List.of("report.md", "report.html", "time_vs_data_size.png", "memory_over_time.png",
                "throughput_vs_batch_size.png", "latency_by_stage.png")) {
            assertThat(out.resolve("all_" + f)).exists();
        }
    }

    @Test
    void missedTargetExitsOneUnlessNoFail() throws IOException {
        Path strict = dir.resolve("strict.yaml");
        Files.writeString(strict, Files.readString(tiny).replace("feature_calculation: 100s", "feature_calculation: 1ns"));
        Run r = run("bench", "--quick", "--no-progress", "--config", strict.toString(), "--type", "pipeline",
                "--out", dir.resolve("out").toString(), "--name", "strict");
        assertThat(r.exit()).isEqualTo(1);
        RunResult res = ResultsJson.read(dir.resolve("out/strict_raw.json"));
        assertThat(res.types()).containsExactly("pipeline");
        assertThat(res.verdicts()).anyMatch(v -> v.target().equals("latency.feature_calculation")
                && v.status() == Verdict.Status.FAIL);
        Run nf = run("bench", "--quick", "--no-progress", "--config", strict.toString(), "--type", "pipeline",
                "--out", dir.resolve("out").toString(), "--name", "strict2", "--no-fail");
        assertThat(nf.exit()).isZero();
    }

    @Test
    void badUsageExitsTwoWithAClearMessage() throws IOException {
        assertThat(run(bench("x1", "--type", "gpu"))).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("unknown benchmark type, type=gpu");
        });
        assertThat(run(bench("x2", "--batch-sizes", "0"))).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("option=--batch-sizes");
        });
        assertThat(run(bench("x3", "--batch-sizes", "a,b")).exit()).isEqualTo(2);
        assertThat(run(bench("x4", "--frobnicate")).exit()).isEqualTo(2);
        assertThat(run(bench("x5", "--backend", "cuda"))).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("backend=cuda");
        });
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "warmup_iterations: 2\nmax_latncy: 5ms\n");
        assertThat(run("bench", "--config", bad.toString(), "--out", dir.resolve("out").toString()))
                .satisfies(r -> {
                    assertThat(r.exit()).isEqualTo(2);
                    assertThat(r.err()).contains("key=max_latncy").contains("unknown key");
                });
        assertThat(run("bench", "--config", dir.resolve("none.yaml").toString()).err()).contains("no such file");
    }

    /** Bars of one instrument, {@code date,open,high,low,close,volume}: a seeded random walk. */
    static Path barsCsv(String symbol, int bars, long seed) throws IOException {
        java.util.Random rnd = new java.util.Random(seed);
        StringBuilder b = new StringBuilder("date,open,high,low,close,volume\n");
        double close = 100;
        for (int t = 0; t < bars; t++) {
            double open = close;
            close = open * Math.exp(0.01 * rnd.nextGaussian());
            b.append(java.time.LocalDate.of(2020, 1, 1).plusDays(t)).append(',').append(open).append(',')
                    .append(Math.max(open, close) * 1.005).append(',').append(Math.min(open, close) * 0.995).append(',')
                    .append(close).append(',').append(1000 + rnd.nextInt(500)).append('\n');
        }
        Path f = dir.resolve("data").resolve(symbol + ".csv");
        Files.createDirectories(f.getParent());
        Files.writeString(f, b);
        return f;
    }

    /** stdout of {@code args} through the command line, with the exit code and stderr. */
    static Run runCapturing(StringBuilder stdout, String... args) {
        java.io.ByteArrayOutputStream sys = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(sys, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return run(args);
        } finally {
            System.setOut(saved);
            stdout.append(sys.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code bench --data} measures on the user's panel: the workload is {@code data:NAME[NxT]} in the
     * raw JSON, the terminal and the report; a latency target (defined for panel-daily) missed by far is
     * reported NOT_JUDGED with its value, not FAIL, so the run exits 0; the features type has no
     * synthetic single-series cells; the throughput type's batches stay synthetic.
     */
    @Test
    void benchOnYourDataNamesTheWorkloadAndDoesNotJudgePanelDailyTargets() throws IOException {
        Path a = barsCsv("AAA", 150, 1);
        Path b = barsCsv("BBB", 150, 2);
        Path strict = dir.resolve("strict-data.yaml");
        Files.writeString(strict, Files.readString(tiny).replace("feature_calculation: 100s", "feature_calculation: 1ns"));
        StringBuilder out = new StringBuilder();
        Run r = runCapturing(out, "bench", "--quick", "--no-progress", "--config", strict.toString(), "--out",
                dir.resolve("out").toString(), "--name", "mine", "--type", "features,pipeline,throughput",
                "--data", a + "," + b);
        assertThat(r.exit()).as(r.err() + out).isZero();
        String workload = "data:AAA+1[2x150]";
        RunResult res = ResultsJson.read(dir.resolve("out/mine_raw.json"));
        assertThat(res.config().panelWorkload()).isEqualTo(workload);
        assertThat(res.measurements()).filteredOn(m -> m.type().equals("pipeline")).isNotEmpty()
                .allSatisfy(m -> assertThat(m.workload()).isEqualTo(workload));
        assertThat(res.measurements()).filteredOn(m -> m.type().equals("features")).isNotEmpty()
                .allSatisfy(m -> assertThat(m.workload()).isEqualTo(workload));
        assertThat(res.measurements()).filteredOn(m -> m.type().equals("throughput")).isNotEmpty()
                .allSatisfy(m -> assertThat(m.workload()).doesNotStartWith("data:"));
        assertThat(res.measurements()).allSatisfy(m -> assertThat(m.ok()).as(m.key() + ": " + m.error()).isTrue());
        // ns per instrument-bar uses the user's panel's size
        Measurement feat = res.measurements().stream().filter(m -> m.key().equals("pipeline/" + workload
                + "/cpu/feature_calculation")).findFirst().orElseThrow();
        assertThat(feat.metric("ns_per_bar")).isCloseTo(feat.median() / 300, org.assertj.core.data.Offset.offset(1e-6));
        Verdict lat = res.verdicts().stream().filter(v -> v.target().equals("latency.feature_calculation"))
                .findFirst().orElseThrow();
        assertThat(lat.status()).isEqualTo(Verdict.Status.NOT_JUDGED);
        assertThat(lat.actual()).isEqualTo(feat.median());
        assertThat(lat.workload()).isEqualTo(workload);
        assertThat(lat.note()).contains("defined for panel-daily");
        assertThat(res.verdicts()).filteredOn(v -> v.target().startsWith("throughput."))
                .allSatisfy(v -> assertThat(v.status()).isNotEqualTo(Verdict.Status.NOT_JUDGED));
        assertThat(res.notes()).anyMatch(n -> n.startsWith("panel workload " + workload + ": your data"));
        assertThat(out.toString()).contains("measured on your data: " + workload).contains(workload + " ")
                .contains("NOT_JUDGED").contains("not judged (measured on " + workload);
        assertThat(Files.readString(dir.resolve("out/mine_report.md"))).contains("measured on your data: " + workload);

        // one file: its name; the same panel through --format long is refused for a file without a symbol column
        StringBuilder one = new StringBuilder();
        assertThat(runCapturing(one, bench("mine1", "--type", "pipeline", "--data", a.toString())).exit()).isZero();
        assertThat(ResultsJson.read(dir.resolve("out/mine1_raw.json")).config().panelWorkload())
                .isEqualTo("data:AAA[1x150]");
        // bad input: one line, exit 2, nothing written
        Run missing = run(bench("mine2", "--data", dir.resolve("nope.csv").toString()));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("input file not found").contains("nope.csv");
        assertThat(dir.resolve("out/mine2_raw.json")).doesNotExist();
        assertThat(run(bench("mine3", "--data", a.toString(), "--seed", "3")).err()).contains("--seed applies to --synthetic only");
        assertThat(run(bench("mine4", "--format", "yahoo")).err()).contains("apply to --data only");
        assertThat(run(bench("mine5", "--data", a.toString(), "--synthetic", "4x100")).err()).contains("give one of");
        // --synthetic reshapes the synthetic panel
        assertThat(run(bench("syn", "--type", "pipeline", "--synthetic", "6x130")).exit()).isZero();
        assertThat(ResultsJson.read(dir.resolve("out/syn_raw.json")).measurements())
                .allSatisfy(m -> assertThat(m.workload()).isEqualTo("panel-6x130"));
    }

    @Test
    void missingMakesAGappySyntheticPanel() {
        Run r = run(bench("gaps", "--type", "features", "--backend", "cpu,simd", "--synthetic", "40x140", "--missing", "0.05"));
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        RunResult res = ResultsJson.read(dir.resolve("out/gaps_raw.json"));
        assertThat(res.config().panelWorkload()).isEqualTo("data:synthetic-missing0.05[40x140]");
        assertThat(res.measurements()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.workload()).isEqualTo("data:synthetic-missing0.05[40x140]");
            assertThat(m.ok()).isTrue();
        });
        assertThat(res.notes()).anyMatch(n -> n.contains("synthetic 40x140 seed=42 missing=0.05"));
        // bad input: one line, exit 2, nothing written
        Run bad = run(bench("gaps2", "--missing", "1.5"));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--missing must be in [0, 1), value=1.5");
        assertThat(dir.resolve("out/gaps2_raw.json")).doesNotExist();
        assertThat(run(bench("gaps3", "--data", "x.csv", "--missing", "0.1")).err()).contains("--missing applies to --synthetic only");
    }

    @Test
    void aRunNeverOverwritesAnotherUnlessAsked() {
        assertThat(run(bench("same", "--type", "pipeline")).exit()).isZero();
        Run again = run(bench("same", "--type", "pipeline"));
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("results exist").contains("--overwrite");
        assertThat(run(bench("same", "--type", "pipeline", "--overwrite")).exit()).isZero();
    }

    /** A backend this machine lacks is said once everything is checked: a usage error stays one line. */
    @Test
    void aUsageErrorStaysOneLineWhenABackendIsSkipped() {
        java.io.ByteArrayOutputStream sys = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        Run r;
        System.setErr(new java.io.PrintStream(sys, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r = run("bench", "--quick", "--no-progress", "--out", dir.resolve("out").toString(), "--name", "bad name!");
        } finally {
            System.setErr(saved);
        }
        assertThat(r.exit()).isEqualTo(2);
        String all = sys.toString(java.nio.charset.StandardCharsets.UTF_8) + r.err();
        assertThat(all.strip().lines()).hasSize(1);
        assertThat(all).contains("bad run name");
    }
}
