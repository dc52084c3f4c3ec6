package io.vectrade.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vectrade spark bench --json} on a small market: the results file the lab's {@code bench --type
 * spark} reads (BenchJson, version 1) has every run kind with its wall and CPU times and Spark's stages.
 */
class SparkBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheResultsTheLabReads() throws IOException {
        Path json = dir.resolve("r/spark.json");
        int code = SparkMain.execute("bench", "--shape", "40x60", "--repeats", "1", "--master", "local[2]",
                "--work", dir.resolve("work").toString(), "--json", json.toString());
        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("version").asInt()).isEqualTo(1);
        assertThat(root.path("instruments").asInt()).isEqualTo(40);
        assertThat(root.path("bars").asInt()).isEqualTo(60);
        assertThat(root.path("master").asText()).isEqualTo("local[2]");
        for (String kind : new String[] {"single_jvm", "single_jvm_end_to_end", "spark_parquet", "spark_parquet_month",
                "spark_noop"}) {
            JsonNode run = root.path("runs").path(kind);
            assertThat(run.path("wall_ms").size()).as(kind).isEqualTo(1);
            assertThat(run.path("wall_ms").get(0).asDouble()).as(kind).isPositive();
            assertThat(run.path("cpu_ms").get(0).asDouble()).as(kind).isPositive();
            if (!kind.startsWith("single_jvm")) {
                JsonNode t = run.path("vectrade_task_cpu_ms");
                for (String part : new String[] {"input_chunks", "block_fill", "block_compute", "bucket_fill", "chain_compute"}) {
                    assertThat(t.path(part).asDouble()).as(kind + " " + part).isPositive();
                }
            }
        }
        JsonNode stages = root.path("runs").path("spark_parquet").path("stages");
        assertThat(stages.size()).isGreaterThanOrEqualTo(3);
        long shuffle = 0;
        long output = 0;
        for (JsonNode s : stages) {
            shuffle += s.path("shuffle_write_bytes").asLong();
            output += s.path("output_bytes").asLong();
        }
        assertThat(shuffle).isPositive();
        assertThat(output).isPositive();
        assertThat(root.path("runs").path("single_jvm").path("stages").size()).isZero();
        assertThat(root.path("runs").path("single_jvm_end_to_end").path("stages").size()).isZero();
    }
}
