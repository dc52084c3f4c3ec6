package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.data.csv.CsvNumbers;
import io.vectrade.model.Models;
import io.vectrade.testdata.OhlcvSeries;
import io.vectrade.testdata.RealData;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vectrade spark run} as a user runs it: real AAPL daily bars (as four instruments with different
 * calendars) in a long-form CSV → Parquet partitioned by date, read back and compared with the single-JVM
 * pipeline over the same file read by the single-JVM CSV reader; bad input is one line, exit 2, nothing
 * written.
 */
class SparkMainTest {
    private static final String POLICY = "rank(top=1,bottom=1) | voltarget(target=0.1) | caps(max=0.5)";

    @TempDir
    Path dir;

    /** AAPL as is, its first two thirds, its last two thirds without every 7th bar, and a copy scaled by 1.5. */
    static Path aaplCsv(Path dir) throws IOException {
        OhlcvSeries s = RealData.aaplDaily();
        StringBuilder b = new StringBuilder("symbol,timestamp,open,high,low,close,volume\n");
        int n = s.length();
        append(b, "AAPL", s, 0, n, 1, 0, 1.0);
        append(b, "AAPL_A", s, 0, 2 * n / 3, 1, 0, 1.0);
        append(b, "AAPL_B", s, n / 3, n, 7, 3, 1.0);
        append(b, "AAPL_X", s, 0, n, 1, 0, 1.5);
        Path csv = dir.resolve("aapl.csv");
        Files.writeString(csv, b.toString());
        return csv;
    }

    private static void append(StringBuilder b, String symbol, OhlcvSeries s, int from, int to, int skipEvery, int skipAt,
                               double scale) {
        for (int t = from; t < to; t++) {
            if (skipEvery > 1 && t % skipEvery == skipAt) {
                continue;
            }
            b.append(symbol).append(',').append(Instant.ofEpochMilli(s.timestampsMillis()[t]).toString().substring(0, 10));
            for (double v : new double[] {s.open()[t] * scale, s.high()[t] * scale, s.low()[t] * scale, s.close()[t] * scale,
                s.volume()[t]}) {
                b.append(',');
                CsvNumbers.append(b, v);
            }
            b.append('\n');
        }
    }

    @Test
    void runOnRealDataEqualsTheSingleJvmPipeline() throws IOException {
        Path csv = aaplCsv(dir);
        Path out = dir.resolve("out");
        Run r = run("run", "--data", csv.toString(), "--out", out.toString(), "--features", "--backend", "simd",
                "--policy", POLICY, "--master", "local[2]", "--cells-per-task", "300");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 instruments x 252 bars");
        assertThat(out.resolve("date=2013-01-02")).isDirectory();

        Panel panel = Reference.canonical(BarCsvReader.read(csv));
        SparkSession spark = LocalSessions.start("local[2]", Map.of());
        try {
            List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
            Universe u = new Universe(panel.symbols().toArray(String[]::new), panel.timestampsMillis());
            JobSpec spec = JobSpec.of(Backend.SIMD, Models.defaultModel(), POLICY, true, u, 1_000_000);
            Reference.assertSame(rows, panel, Reference.singleJvm(panel, Models.defaultModel(), POLICY, Backend.SIMD), spec);
        } finally {
            spark.stop();
        }
    }

    @Test
    void partitionedByMonthHoldsTheSameFrame() throws IOException {
        Path csv = aaplCsv(dir);
        Path out = dir.resolve("by-month");
        Run r = run("run", "--data", csv.toString(), "--out", out.toString(), "--features", "--policy", POLICY,
                "--master", "local[2]", "--cells-per-task", "300", "--partition-by", "month");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("month=2013-01-01")).isDirectory();
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_") && !n.startsWith(".")))
                    .allMatch(n -> n.matches("month=\\d{4}-\\d{2}-01")).hasSizeBetween(12, 13);
        }
        Panel panel = Reference.canonical(BarCsvReader.read(csv));
        SparkSession spark = LocalSessions.start("local[2]", Map.of());
        try {
            List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
            for (Row row : rows) {
                assertThat(row.getAs("month").toString()).isEqualTo(row.getAs("date").toString().substring(0, 8) + "01");
            }
            Universe u = new Universe(panel.symbols().toArray(String[]::new), panel.timestampsMillis());
            JobSpec spec = JobSpec.of(Backend.SIMD, Models.defaultModel(), POLICY, true, u, 1_000_000);
            Reference.assertSame(rows, panel, Reference.singleJvm(panel, Models.defaultModel(), POLICY, Backend.SIMD), spec);
        } finally {
            spark.stop();
        }
    }

    @Test
    void badBarIsOneLineAndNothingIsWritten() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "symbol,timestamp,open,high,low,close,volume\n"
                + "A,2024-01-02,10,11,9,10.5,100\nA,2024-01-03,10,11,9,ten,100\nB,2024-01-02,10,11,9,10.5,100\n");
        Path out = dir.resolve("out");
        Run r = run("run", "--data", csv.toString(), "--out", out.toString(), "--master", "local[2]");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "vectrade spark: symbol A, timestamp 2024-01-03T00:00:00Z, field close: empty or not a number");
        assertThat(out).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("bad.csv");
        }
    }

    @Test
    void refusedBeforeSparkStarts() throws IOException {
        Path csv = aaplCsv(dir);
        Files.createDirectories(dir.resolve("exists"));
        assertThat(run("run", "--data", csv.toString(), "--out", dir.resolve("exists").toString()).err())
                .startsWith("vectrade spark: ").contains("already exists");
        Run noData = run("run", "--data", dir.resolve("none").toString(), "--out", dir.resolve("o").toString());
        assertThat(noData.code()).isEqualTo(2);
        assertThat(noData.err()).contains("no such file or directory (--data)");
        Run badPolicy = run("run", "--data", csv.toString(), "--out", dir.resolve("o").toString(), "--policy", "rank(top=x)");
        assertThat(badPolicy.code()).isEqualTo(2);
        assertThat(badPolicy.err().lines().count()).isOne();
        assertThat(run("run", "--data", csv.toString(), "--out", dir.resolve("o").toString(), "--backend", "cuda").err())
                .contains("--backend must be cpu or simd");
        Run badLayout = run("run", "--data", csv.toString(), "--out", dir.resolve("o").toString(), "--partition-by", "week");
        assertThat(badLayout.code()).isEqualTo(2);
        assertThat(badLayout.err().strip()).isEqualTo("vectrade spark: --partition-by must be date, month, year or none, --partition-by=week");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = SparkMain.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String e = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("vectrade spark:"))
                .reduce("", (a, b) -> a + b + "\n");
        return new Run(code, out.toString(StandardCharsets.UTF_8), e);
    }
}
