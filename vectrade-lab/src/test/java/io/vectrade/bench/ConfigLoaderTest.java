package io.vectrade.bench;

import io.vectrade.backend.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void defaultsFollowTheOriginalPlan() {
        BenchConfig c = BenchConfig.defaults();
        assertThat(c.batchSizes()).containsExactly(32, 64, 128, 256, 512, 1024);
        assertThat(c.dataSizes()).containsExactly(1000, 10000, 100000);
        assertThat(c.warmupIterations()).isEqualTo(5);
        assertThat(c.testIterations()).isEqualTo(20);
        assertThat(c.memoryThresholdBytes()).isEqualTo(4L * 1024 * 1024 * 1024);
        assertThat(c.maxLatencyNanos()).isEqualTo(100_000_000L);
        assertThat(c.panelWorkload()).isEqualTo("panel-daily");
        Targets t = c.targets();
        assertThat(t.latency("feature_calculation")).isEqualTo(5_000_000L);
        assertThat(t.latency("model_inference")).isEqualTo(10_000_000L);
        assertThat(t.latency("signal_generation")).isEqualTo(2_000_000L);
        assertThat(t.latency("total_pipeline")).isEqualTo(20_000_000L);
        assertThat(t.memory("peak")).isEqualTo(4L << 30);
        assertThat(t.memory("steady_state")).isEqualTo(2L << 30);
        assertThat(t.memory("feature")).isEqualTo(512L << 20);
        assertThat(t.memory("model")).isEqualTo(1L << 30);
        assertThat(t.throughput("samples")).isEqualTo(10_000);
        assertThat(t.throughput("features")).isEqualTo(1_000_000);
        assertThat(t.throughput("signals")).isEqualTo(5_000);
    }

    @Test
    void fileOverridesOnlyWhatItNames(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bench.yaml");
        Files.writeString(f, """
                batch_sizes: [8, 16]
                backends: [cpu]
                warmup_iterations: 1
                memory_threshold: 1.5GB
                max_latency: 250us
                panel: {instruments: 10, bars: 300}
                targets:
                  latency:
                    feature_calculation: 7ms
                  memory: {feature: 64 MB}
                  throughput: {features: 2500000}
                """);
        BenchConfig c = ConfigLoader.load(f);
        assertThat(c.batchSizes()).containsExactly(8, 16);
        assertThat(c.dataSizes()).containsExactly(1000, 10000, 100000);
        assertThat(c.backends()).containsExactly(Backend.CPU);
        assertThat(c.warmupIterations()).isEqualTo(1);
        assertThat(c.testIterations()).isEqualTo(20);
        assertThat(c.memoryThresholdBytes()).isEqualTo(1536L << 20);
        assertThat(c.maxLatencyNanos()).isEqualTo(250_000L);
        assertThat(c.panelWorkload()).isEqualTo("panel-10x300");
        assertThat(c.targets().latency("feature_calculation")).isEqualTo(7_000_000L);
        assertThat(c.targets().latency("total_pipeline")).isEqualTo(20_000_000L);
        assertThat(c.targets().memory("feature")).isEqualTo(64L << 20);
        assertThat(c.targets().throughput("features")).isEqualTo(2_500_000);
    }

    @Test
    void emptyFileGivesDefaults() {
        assertThat(ConfigLoader.parse("", BenchConfig.defaults())).isEqualTo(BenchConfig.defaults());
        assertThat(ConfigLoader.parse("# nothing\n\n", BenchConfig.defaults())).isEqualTo(BenchConfig.defaults());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "batch_size: [1]|batch_size",
            "targets: {latency: {feature_calc: 5ms}}|targets.latency.feature_calc",
            "targets: {memory: {peak: 4GB, heap: 1GB}}|targets.memory.heap",
            "panel: {instruments: 10, rows: 5}|panel.rows",
    })
    void unknownKeyIsNamed(String yaml, String key) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, BenchConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key=" + key)
                .hasMessageContaining("unknown key")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "memory_threshold: 4XB|memory_threshold|unknown size unit",
            "memory_threshold: 4096|memory_threshold|needs a unit",
            "max_latency: 100|max_latency|needs a unit",
            "max_latency: fast|max_latency|expected a duration",
            "max_latency: 0ms|max_latency|must be positive",
            "warmup_iterations: abc|warmup_iterations|bad value",
            "warmup_iterations: -1|warmup_iterations|must be in",
            "test_iterations: 0|test_iterations|must be in",
            "batch_sizes: [32, 0]|batch_sizes|each size",
            "data_sizes: 1000|data_sizes|bad value",
            "backends: [cpu, gpu]|backends|unknown backend",
            "targets: {latency: {total_pipeline: 20}}|targets.latency.total_pipeline|needs a unit",
            "targets: {memory: {peak: lots}}|targets.memory.peak|expected a size",
            "targets: {throughput: {samples: -5}}|targets.throughput.samples|positive rate",
    })
    void badValueIsNamed(String yaml, String key, String problem) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, BenchConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key=" + key)
                .hasMessageContaining(problem);
    }

    @Test
    void badYamlAndMissingFileAreClear(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ConfigLoader.parse("batch_sizes: [1, 2", BenchConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .hasMessageContaining("no such file").hasMessageContaining("nope.yaml");
        Path f = dir.resolve("b.yaml");
        Files.writeString(f, "warmup_iterations: 1\nmax_latency: 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(f))
                .hasMessageContaining("key=max_latency").hasMessageContaining("b.yaml");
        Files.writeString(f, "warmup_iterations: 1\ntest_iterations: many\n");
        assertThatThrownBy(() -> ConfigLoader.load(f))
                .hasMessageContaining("key=test_iterations").hasMessageContaining("line 2");
    }

    @ParameterizedTest
    @CsvSource({"4GB,4294967296", "512MB,536870912", "512 mb,536870912", "1KiB,1024", "10B,10", "1.5GB,1610612736"})
    void parsesSizes(String text, long bytes) {
        assertThat(Units.parseBytes("k", text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"100ms,100000000", "5 ms,5000000", "250us,250000", "2s,2000000000", "7ns,7", "0.5ms,500000"})
    void parsesDurations(String text, long nanos) {
        assertThat(Units.parseNanos("k", text)).isEqualTo(nanos);
    }

    @Test
    void quickKeepsTargets() {
        BenchConfig q = BenchConfig.defaults().quick();
        assertThat(q.targets()).isEqualTo(Targets.defaults());
        assertThat(q.testIterations()).isLessThan(20);
        assertThat(q.dataSizes()).allMatch(s -> s <= 10_000);
        assertThat(q.withBackends(List.of(Backend.CPU)).backends()).containsExactly(Backend.CPU);
    }
}
