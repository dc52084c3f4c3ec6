package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's end-to-end single-JVM row does the work the Spark job does: on the Parquet bars Spark wrote
 * (several part files), vectrade-parquet's reader and writer on Spark's Hadoop give one Parquet file with a
 * row per cell, and its sides, strengths and weights are the Spark job's, bit for bit, read back by Spark.
 */
class SingleJvmEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void readsSparksBarsAndWritesTheFrameSparkWrites() throws IOException {
        int instruments = 300;  // two part files (SyntheticBars: 250 instruments a task)
        int bars = 40;
        Model model = Models.defaultModel();
        String policy = SparkRunCommand.DEFAULT_POLICY;
        SparkSession spark = LocalSessions.start("local[2]", Map.of());
        try {
            Path barsDir = dir.resolve("bars");
            SyntheticBars.write(spark, instruments, bars, 7, barsDir);
            assertThat(SingleJvmEndToEnd.inputFiles(barsDir)).hasSizeGreaterThan(1);
            Path single = dir.resolve("single.parquet");
            SingleJvmEndToEnd.Result result = SingleJvmEndToEnd.run(barsDir, single, model, policy, Backend.SIMD);
            assertThat(result.rows()).isEqualTo((long) instruments * bars);
            assertThat(result.readMillis()).isPositive();
            assertThat(result.pipelineMillis()).isPositive();
            assertThat(result.writeMillis()).isPositive();
            assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain(".single.parquet.tmp");

            Path sparkOut = dir.resolve("spark");
            new SparkPipeline(spark).write(BarInput.read(spark, barsDir), new SparkPipeline.Settings(Backend.SIMD, model, policy,
                    false, SparkPipeline.Settings.DEFAULT_CELLS_PER_TASK), sparkOut);

            Map<String, Row> expected = new HashMap<>();
            for (Row r : spark.read().parquet(sparkOut.toString()).collectAsList()) {
                expected.put(r.getAs("symbol") + "@" + r.getAs("timestamp"), r);
            }
            List<Row> actual = spark.read().parquet(single.toString()).collectAsList();
            assertThat(actual).hasSize(instruments * bars);
            assertThat(expected).hasSize(instruments * bars);
            int nonFlat = 0;
            for (Row r : actual) {
                String key = r.getAs("symbol") + "@" + r.getAs("timestamp");
                Row e = expected.get(key);
                assertThat(e).as(key).isNotNull();
                byte side = e.getAs("side");
                String name = switch (side) {
                    case 1 -> "long";
                    case -1 -> "short";
                    case 0 -> "flat";
                    default -> throw new AssertionError("side " + side);
                };
                assertThat((String) r.getAs("side")).as(key).isEqualTo(name);
                nonFlat += side != 0 ? 1 : 0;
                assertThat(Double.doubleToRawLongBits(r.getAs("strength"))).as(key + " strength")
                        .isEqualTo(Double.doubleToRawLongBits(e.getAs("strength")));
                assertThat(Double.doubleToRawLongBits(r.getAs("weight"))).as(key + " weight")
                        .isEqualTo(Double.doubleToRawLongBits(e.getAs("weight")));
            }
            assertThat(nonFlat).isPositive();
        } finally {
            spark.stop();
        }
    }
}
