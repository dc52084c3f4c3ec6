package io.vectrade.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TargetsTest {

    @Test
    void lowerIsBetterPassesAtAndBelowTheLimit() {
        Verdict ok = Verdict.of("latency.feature_calculation", "cpu", "w", "ns", false, 5e6, 4e6, "");
        Verdict edge = Verdict.of("latency.feature_calculation", "cpu", "w", "ns", false, 5e6, 5e6, "");
        Verdict miss = Verdict.of("latency.feature_calculation", "cpu", "w", "ns", false, 5e6, 7.5e6, "");
        assertThat(ok.status()).isEqualTo(Verdict.Status.PASS);
        assertThat(ok.margin()).isCloseTo(0.2, within(1e-12));
        assertThat(edge.status()).isEqualTo(Verdict.Status.PASS);
        assertThat(miss.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(miss.margin()).isCloseTo(-0.5, within(1e-12));
        assertThat(miss.marginText()).isEqualTo("-50.0%");
    }

    @Test
    void higherIsBetterPassesAtAndAboveTheLimit() {
        Verdict ok = Verdict.of("throughput.features", "cpu", "w", "per_s", true, 1e6, 1.5e6, "");
        Verdict miss = Verdict.of("throughput.features", "cpu", "w", "per_s", true, 1e6, 0.9e6, "");
        assertThat(ok.status()).isEqualTo(Verdict.Status.PASS);
        assertThat(ok.margin()).isCloseTo(0.5, within(1e-12));
        assertThat(miss.status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(miss.margin()).isCloseTo(-0.1, within(1e-12));
    }

    @Test
    void notMeasuredNeverFailsARun() {
        Verdict nm = Verdict.notMeasured("latency.model_inference", "cpu", "ns", false, 1e7, "no model");
        assertThat(nm.margin()).isNull();
        assertThat(nm.marginText()).isEqualTo("-");
        RunResult r = Fixtures.run("x", Fixtures.machine("cpu"));
        assertThat(r.targetsMet()).isFalse(); // the simd latency row fails
        RunResult onlyNm = new RunResult(1, "y", List.of(), Fixtures.config(), Fixtures.machine("cpu"), 0, "0",
                List.of(), List.of(), List.of(nm), List.of());
        assertThat(onlyNm.targetsMet()).isTrue();
    }

    @Test
    void featuresVerdictsTakeTheWorstCellOfEachBackend() {
        BenchConfig c = Fixtures.config();
        List<Measurement> cells = List.of(
                Measurement.of("features", "a", "cpu", "rsi(14)", "ns", false, 1, new double[] {50e6, 60e6, 70e6},
                        Map.of("memory_added_bytes", 1000.0)),
                Measurement.of("features", "b", "cpu", "sma(20)", "ns", false, 1, new double[] {150e6, 160e6, 170e6},
                        Map.of("memory_added_bytes", 10.0)),
                Measurement.of("features", "a", "simd", "rsi(14)", "ns", false, 1, new double[] {1e6, 1e6, 1e6},
                        Map.of("memory_added_bytes", 5.0 * (1L << 30))),
                Measurement.failed("features", "c", "cpu", "adx(14)", "ns", false, "boom"));
        List<Verdict> cpu = FeaturesBenchmark.verdicts(c, cells, "cpu");
        assertThat(cpu.get(0).target()).isEqualTo("config.max_latency");
        assertThat(cpu.get(0).actual()).isEqualTo(160e6);
        assertThat(cpu.get(0).status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(cpu.get(0).note()).contains("sma(20)");
        assertThat(cpu.get(1).target()).isEqualTo("config.memory_threshold");
        assertThat(cpu.get(1).actual()).isEqualTo(1000.0);
        assertThat(cpu.get(1).status()).isEqualTo(Verdict.Status.PASS);
        List<Verdict> simd = FeaturesBenchmark.verdicts(c, cells, "simd");
        assertThat(simd.get(0).status()).isEqualTo(Verdict.Status.PASS);
        assertThat(simd.get(1).status()).isEqualTo(Verdict.Status.FAIL);
        List<Verdict> cuda = FeaturesBenchmark.verdicts(c, cells, "cuda");
        assertThat(cuda).allMatch(v -> v.status() == Verdict.Status.NOT_MEASURED);
    }

    @Test
    void targetsNeedEveryNameExactly() {
        Map<String, Long> lat = Map.of("feature_calculation", 1L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Targets(lat, Targets.defaults().memoryBytes(),
                Targets.defaults().throughputPerSecond())).hasMessageContaining("targets.latency");
    }
}
