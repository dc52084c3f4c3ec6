package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The frame written by date without Spark's writer ({@link DateParquetFiles}): real Bitstamp minute bars
 * (three instruments, features and score), buckets of 400 bars so that dates are split between tasks;
 * read back by Spark (partition discovery) it equals the single-JVM pipeline bit for bit, and DuckDB (an
 * independent Parquet reader, hive partitioning) reads the same rows, values and dates.
 */
class DateParquetFilesTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSessions.start("local[2]", Map.of());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void minuteBarsByDateReadBackBySparkAndDuckDb() throws IOException, SQLException {
        Panel panel = SparkPipelineTest.bitstampPanel();
        Model model = Models.defaultModel();
        String policy = "rank(top=1,bottom=1) | voltarget(target=0.1) | caps(max=0.5)";
        Dataset<Row> bars = Reference.bars(spark, panel, 2);
        Universe universe = Universe.of(bars);
        JobSpec spec = JobSpec.of(Backend.SIMD, model, policy, true, universe, 1_000_000).withBlocks(32, 400);
        SparkPipeline.Job job = new SparkPipeline(spark).plan(bars, spec, universe);
        Path out = Files.createDirectory(dir.resolve("out"));
        long[] total = DateParquetFiles.total(job.rows().mapPartitions(new DateParquetFiles(out.toString(),
                SignalStage.schema(spec))).collect());

        List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
        assertThat(total[0]).isEqualTo(rows.size());
        Reference.assertSame(rows, panel, Reference.singleJvm(panel, model, policy, Backend.SIMD), spec);

        int splitDates = 0;
        int files = 0;
        try (Stream<Path> dates = Files.list(out)) {
            for (Path d : dates.toList()) {
                assertThat(d.getFileName().toString()).matches("date=\\d{4}-\\d{2}-\\d{2}");
                try (Stream<Path> s = Files.list(d)) {
                    List<String> names = s.map(p -> p.getFileName().toString()).toList();
                    assertThat(names).allMatch(n -> n.matches("part-\\d{5}\\.snappy\\.parquet"));  // no hidden leftovers
                    files += names.size();
                    splitDates += names.size() > 1 ? 1 : 0;
                }
            }
        }
        assertThat(files).isEqualTo(total[1]);
        assertThat(splitDates).as("dates written by two tasks").isPositive();

        Map<String, Row> bySymbolAndTime = new HashMap<>();
        for (Row r : rows) {
            bySymbolAndTime.put(r.getAs("symbol") + "@" + r.<Instant>getAs("timestamp"), r);
        }
        String[] doubles = Stream.concat(spec.outputFeatureNames().stream(), Stream.of("score", "strength", "weight"))
                .toArray(String[]::new);
        int seen = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT *, epoch_us(\"timestamp\") AS micros, CAST(\"date\" AS VARCHAR) AS day FROM "
                     + "read_parquet('" + out + "/*/*.parquet', hive_partitioning = true)")) {
            while (rs.next()) {
                Instant t = Instant.EPOCH.plusNanos(rs.getLong("micros") * 1000L);
                Row r = bySymbolAndTime.get(rs.getString("symbol") + "@" + t);
                assertThat(r).as("DuckDB row %s@%s", rs.getString("symbol"), t).isNotNull();
                assertThat(rs.getString("day")).isEqualTo(LocalDate.ofInstant(t, ZoneOffset.UTC).toString())
                        .isEqualTo(r.getAs("date").toString());
                assertThat((byte) rs.getInt("side")).isEqualTo(r.<Byte>getAs("side"));
                for (String name : doubles) {
                    double duck = rs.getDouble(name);
                    double sparks = r.<Double>getAs(name);
                    if (!(Double.isNaN(duck) && Double.isNaN(sparks))) {
                        assertThat(Double.doubleToRawLongBits(duck)).as("%s of %s", name, t).isEqualTo(Double.doubleToRawLongBits(sparks));
                    }
                }
                seen++;
            }
        }
        assertThat(seen).isEqualTo(rows.size());
    }

    @Test
    void rowsOutOfDateOrderFailTheTaskAndLeaveNoHiddenFile() throws IOException {
        JobSpec spec = JobSpec.of(Backend.CPU, Models.defaultModel(), "rank(top=1,bottom=1)", false,
                new Universe(new String[] {"A"}, new long[] {0L, 2 * 86_400_000L}), 1_000_000);
        var schema = SignalStage.schema(spec);
        InternalRow later = row(schema, 2);
        InternalRow earlier = row(schema, 0);
        Iterator<InternalRow> rows = List.of(later, earlier).iterator();
        assertThatThrownBy(() -> new DateParquetFiles(dir.toString(), schema).call(rows))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("out of date order");
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(Files::isRegularFile)).isEmpty();  // the open file of day 2 deleted, not left hidden
        }
    }

    private static InternalRow row(org.apache.spark.sql.types.StructType schema, int day) {
        SpecificInternalRow r = new SpecificInternalRow(schema);
        r.update(0, UTF8String.fromString("A"));
        r.setLong(1, day * 86_400_000_000L);
        r.setByte(2, (byte) 0);
        r.setDouble(3, 0.0);
        r.setDouble(4, 0.0);
        r.setInt(5, day);
        return r;
    }
}
