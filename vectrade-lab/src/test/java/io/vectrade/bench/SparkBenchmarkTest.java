package io.vectrade.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code bench --type spark} without Spark: the results file of {@code spark bench --json} (a hand-written
 * one in its documented format) becomes cells, metrics and the 3× verdict; too little memory or an unbuilt
 * Spark module is a note and no cells. The run through a real Spark JVM is the spark module's
 * {@code SparkBenchCommandTest} (the file) and docs/benchmarks.md (the numbers).
 */
class SparkBenchmarkTest {
    @TempDir
    Path dir;

    private static final String RESULTS = """
            {"version": 1, "shape": "10x20", "instruments": 10, "bars": 20, "master": "local[2]", "cores": 2,
             "repeats": 3, "load_average": 4.5,
             "runs": {
               "single_jvm": {"wall_ms": [2.0, 1.0, 3.0], "cpu_ms": [4.0, 2.0, 3.0], "stages": []},
               "spark_parquet": {"wall_ms": [9.0, 5.0, 7.0], "cpu_ms": [30.0, 27.0, 33.0],
                 "stages": [{"cpu_ms": 10, "shuffle_write_bytes": 1000, "output_bytes": 0},
                            {"cpu_ms": 5, "shuffle_write_bytes": 24, "output_bytes": 500}]},
               "spark_noop": {"wall_ms": [5.0, 4.0], "cpu_ms": [9.0, 12.0], "stages": []},
               "spark_parquet_month": {"wall_ms": [6.0], "cpu_ms": [15.0], "stages": []}}}
            """;

    @Test
    void resultsBecomeCellsAndTheVerdict() throws IOException {
        Benchmark.Outcome o = SparkBenchmark.parse(new ObjectMapper().readTree(RESULTS), "panel-10x20");
        assertThat(o.measurements()).extracting(Measurement::key).containsExactly("spark/panel-10x20/simd/single-jvm",
                "spark/panel-10x20/simd/spark-parquet", "spark/panel-10x20/simd/spark-noop",
                "spark/panel-10x20/simd/spark-parquet-month");
        Measurement single = o.measurements().get(0);
        Measurement parquet = o.measurements().get(1);
        Measurement noop = o.measurements().get(2);
        assertThat(single.samples()).containsExactly(2e6, 1e6, 3e6);
        assertThat(single.median()).isEqualTo(2e6);
        // medians: single 2 ms wall, 3 ms CPU; parquet 7 ms, 30 ms; noop 4.5 ms, 10.5 ms; 200 cells
        assertThat(parquet.metric("wall_ratio_vs_single_jvm")).isCloseTo(3.5, within(1e-12));
        assertThat(parquet.metric("cpu_ratio_vs_single_jvm")).isCloseTo(10.0, within(1e-12));
        assertThat(parquet.metric("ns_per_cell")).isCloseTo(7e6 / 200, within(1e-9));
        assertThat(parquet.metric("shuffle_write_bytes")).isEqualTo(1024.0);
        assertThat(parquet.metric("output_bytes")).isEqualTo(500.0);
        assertThat(parquet.metric("task_cpu_ms")).isEqualTo(15.0);
        assertThat(noop.metric("wall_ratio_vs_single_jvm")).isCloseTo(2.25, within(1e-12));
        assertThat(noop.metric("cpu_ratio_vs_single_jvm")).isCloseTo(3.5, within(1e-12));
        assertThat(o.measurements().get(3).metric("wall_ratio_vs_single_jvm")).isCloseTo(3.0, within(1e-12));
        assertThat(o.measurements().get(3).metric("cpu_ratio_vs_single_jvm")).isCloseTo(5.0, within(1e-12));
        // without the end-to-end run there is nothing like for like to judge against
        assertThat(o.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.target()).isEqualTo("spark.overhead");
            assertThat(v.status()).isEqualTo(Verdict.Status.NOT_MEASURED);
        });
        assertThat(o.notes()).singleElement().asString().contains("10x20 on local[2]").contains("load average 4.5");
    }

    @Test
    void theEndToEndSingleJvmRunIsACellAndASecondRatio() throws IOException {
        String withEndToEnd = RESULTS.replace("\"runs\": {", "\"runs\": {\"single_jvm_end_to_end\": {\"wall_ms\": [4.0, 3.0, 5.0],"
                + " \"cpu_ms\": [6.0, 5.0, 7.0], \"stages\": []},");
        Benchmark.Outcome o = SparkBenchmark.parse(new ObjectMapper().readTree(withEndToEnd), "panel-10x20");
        assertThat(o.measurements()).extracting(Measurement::key).containsExactly("spark/panel-10x20/simd/single-jvm",
                "spark/panel-10x20/simd/spark-parquet", "spark/panel-10x20/simd/spark-noop",
                "spark/panel-10x20/simd/spark-parquet-month", "spark/panel-10x20/simd/single-jvm-end-to-end");
        // medians: end to end 4 ms wall, 6 ms CPU; in memory 2 ms, 3 ms; parquet 7 ms, 30 ms
        Measurement e2e = o.measurements().get(4);
        assertThat(e2e.metric("wall_ratio_vs_single_jvm")).isCloseTo(2.0, within(1e-12));
        assertThat(e2e.metric("cpu_ratio_vs_single_jvm_end_to_end")).isCloseTo(1.0, within(1e-12));
        Measurement parquet = o.measurements().get(1);
        assertThat(parquet.metric("wall_ratio_vs_single_jvm")).isCloseTo(3.5, within(1e-12));
        assertThat(parquet.metric("wall_ratio_vs_single_jvm_end_to_end")).isCloseTo(1.75, within(1e-12));
        assertThat(parquet.metric("cpu_ratio_vs_single_jvm_end_to_end")).isCloseTo(5.0, within(1e-12));
        // the verdict is the end-to-end ratio (1.75, PASS), not the in-memory one (3.5, which would fail)
        assertThat(o.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.limit()).isEqualTo(3.0);
            assertThat(v.actual()).isCloseTo(1.75, within(1e-12));
            assertThat(v.status()).isEqualTo(Verdict.Status.PASS);
        });
        String slow = withEndToEnd.replace("\"wall_ms\": [4.0, 3.0, 5.0]", "\"wall_ms\": [2.0, 2.0, 2.0]");
        assertThat(SparkBenchmark.parse(new ObjectMapper().readTree(slow), "panel-10x20").verdicts()).singleElement()
                .satisfies(v -> {
                    assertThat(v.actual()).isCloseTo(3.5, within(1e-12));
                    assertThat(v.status()).isEqualTo(Verdict.Status.FAIL);
                });
    }

    @Test
    void resultsWithoutTheEndToEndRunHaveNoSuchRatio() throws IOException {
        Benchmark.Outcome o = SparkBenchmark.parse(new ObjectMapper().readTree(RESULTS), "panel-10x20");
        assertThat(o.measurements().get(1).metrics()).doesNotContainKey("wall_ratio_vs_single_jvm_end_to_end");
    }

    @Test
    void theCellsGoThroughTheReports() throws IOException {
        Benchmark.Outcome o = SparkBenchmark.parse(new ObjectMapper().readTree(RESULTS), "panel-10x20");
        RunResult r = new RunResult(RunResult.SCHEMA_VERSION, "spark-test", java.util.List.of("spark"), BenchConfig.defaults(),
                MachineProbe.probe(), 1.0, "0", o.measurements(), o.series(), o.verdicts(), o.notes());
        java.util.List<Path> files = io.vectrade.bench.report.ResultsWriter.write(r, dir.resolve("out"), false);
        assertThat(files.get(0)).exists();
        assertThat(Files.readString(files.get(0))).contains("spark/panel-10x20/simd/spark-parquet", "wall_ratio_vs_single_jvm");
        assertThat(io.vectrade.bench.report.RunReport.console(r)).contains("spark.overhead");
    }

    @Test
    void anUnknownVersionIsAFailedCell() throws IOException {
        Benchmark.Outcome o = SparkBenchmark.parse(new ObjectMapper().readTree("{\"version\": 2}"), "panel-daily");
        assertThat(o.measurements()).hasSize(3).allSatisfy(m -> assertThat(m.error()).contains("unknown version"));
        assertThat(o.verdicts()).singleElement().extracting(Verdict::status).isEqualTo(Verdict.Status.NOT_MEASURED);
    }

    @Test
    void tooLittleMemoryOrNoSparkBuildIsANote() throws IOException {
        BenchContext ctx = new BenchContext(BenchConfig.defaults(), Engines.standard(), BenchRunner.harnessFor(BenchConfig.defaults(), true),
                Progress.silent(), new Sink(), 42, BenchModel.load("default"), BenchModel.DEFAULT_POLICY, null);
        Benchmark.Outcome small = new SparkBenchmark(dir, 2L << 30).run(ctx);
        assertThat(small.measurements()).isEmpty();
        assertThat(small.notes()).singleElement().asString().startsWith("spark skipped: needs 6")
                .contains("this machine has 2");
        Benchmark.Outcome unbuilt = new SparkBenchmark(dir, 64L << 30).run(ctx);
        assertThat(unbuilt.measurements()).isEmpty();
        assertThat(unbuilt.notes()).singleElement().asString().contains("the Spark module is not built");
    }

    @Test
    void sparkRunsOnlyWhenNamed() {
        assertThat(BenchType.parse("spark")).isEqualTo(BenchType.SPARK);
        assertThat(BenchType.DEFAULTS).doesNotContain(BenchType.SPARK).contains(BenchType.FEATURES, BenchType.PIPELINE);
        assertThat(SparkBenchmark.jvmFlags()).contains("--add-modules=jdk.incubator.vector",
                "--add-opens=java.base/java.nio=ALL-UNNAMED");
        assertThat(SparkBenchmark.defaultSparkTarget()).isNotNull();
        assertThat(Files.isDirectory(SparkBenchmark.defaultSparkTarget().getParent().resolve("src"))).isTrue();
    }
}
