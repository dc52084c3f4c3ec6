package io.vectrade.bench.compare;

import io.vectrade.bench.Fixtures;
import io.vectrade.bench.MachineInfo;
import io.vectrade.bench.Measurement;
import io.vectrade.bench.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTest {
    private static final MachineInfo M = Fixtures.machine("Test CPU");
    private static final String KEY = "features/series-1k/cpu/rsi(14)";

    private static Comparison.Row only(Comparison c) {
        assertThat(c.rows()).hasSize(1);
        return c.rows().get(0);
    }

    @Test
    void slowerTimeIsARegression() {
        Comparison c = Comparison.of(Fixtures.oneMetric(KEY, "ns", false, 1000, 20, 1, M),
                Fixtures.oneMetric(KEY, "ns", false, 1100, 20, 2, M), 0.02, 2000, 9);
        Comparison.Row r = only(c);
        assertThat(r.verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
        assertThat(r.change()).isBetween(0.06, 0.14);
        assertThat(r.lower()).isGreaterThan(0);
        assertThat(c.regressed()).isTrue();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void fasterTimeIsAnImprovement() {
        Comparison c = Comparison.of(Fixtures.oneMetric(KEY, "ns", false, 1000, 20, 1, M),
                Fixtures.oneMetric(KEY, "ns", false, 800, 20, 2, M), 0.02, 2000, 9);
        assertThat(only(c).verdict()).isEqualTo(Comparison.Verdict.IMPROVED);
        assertThat(only(c).upper()).isLessThan(0);
        assertThat(c.regressed()).isFalse();
    }

    @Test
    void smallOrNoisyChangeIsUnchanged() {
        // same distribution: within noise
        Comparison same = Comparison.of(Fixtures.oneMetric(KEY, "ns", false, 1000, 50, 1, M),
                Fixtures.oneMetric(KEY, "ns", false, 1000, 50, 2, M), 0.02, 2000, 9);
        assertThat(only(same).verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        // a real but sub-threshold change (+1%, tight samples) is below the 2% threshold
        Comparison small = Comparison.of(Fixtures.oneMetric(KEY, "ns", false, 1000, 1, 1, M),
                Fixtures.oneMetric(KEY, "ns", false, 1010, 1, 2, M), 0.02, 2000, 9);
        assertThat(only(small).verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(only(small).lower()).isGreaterThan(0);
        // the same change with a 0.5% threshold is a regression
        Comparison strict = Comparison.of(Fixtures.oneMetric(KEY, "ns", false, 1000, 1, 1, M),
                Fixtures.oneMetric(KEY, "ns", false, 1010, 1, 2, M), 0.005, 2000, 9);
        assertThat(only(strict).verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
    }

    @Test
    void lowerRateIsARegression() {
        String k = "throughput/batch-64/cpu/features_per_s";
        Comparison c = Comparison.of(Fixtures.oneMetric(k, "per_s", true, 1e7, 1e5, 1, M),
                Fixtures.oneMetric(k, "per_s", true, 0.8e7, 1e5, 2, M), 0.02, 2000, 9);
        assertThat(only(c).verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
        Comparison up = Comparison.of(Fixtures.oneMetric(k, "per_s", true, 1e7, 1e5, 1, M),
                Fixtures.oneMetric(k, "per_s", true, 1.2e7, 1e5, 2, M), 0.02, 2000, 9);
        assertThat(only(up).verdict()).isEqualTo(Comparison.Verdict.IMPROVED);
    }

    @Test
    void oneSidedMetricsAndFailedCellsAreReported() {
        RunResult base = Fixtures.run("base", M);
        RunResult cur = Fixtures.oneMetric("features/series-1k/cpu/newfeature", "ns", false, 10, 1, 3, M);
        Comparison c = Comparison.of(base, cur, 0.02, 500, 1);
        assertThat(c.rows()).hasSize(base.measurements().size() + 1);
        assertThat(c.rows()).filteredOn(r -> r.verdict() == Comparison.Verdict.ONLY_BASELINE)
                .hasSize(base.measurements().size());
        Comparison.Row added = c.rows().get(c.rows().size() - 1);
        assertThat(added.verdict()).isEqualTo(Comparison.Verdict.ONLY_CURRENT);
        assertThat(added.current()).isGreaterThan(0);
        assertThat(c.regressed()).isFalse();
        // the failed adx cell compared with itself: not comparable, not a crash
        Comparison self = Comparison.of(base, base, 0.02, 500, 1);
        assertThat(self.rows()).filteredOn(r -> r.key().endsWith("adx(14)"))
                .singleElement().satisfies(r -> {
                    assertThat(r.verdict()).isEqualTo(Comparison.Verdict.NOT_COMPARABLE);
                    assertThat(r.note()).contains("not implemented yet");
                });
        assertThat(self.rows()).filteredOn(r -> r.verdict() == Comparison.Verdict.UNCHANGED)
                .hasSize(base.measurements().size() - 1);
    }

    @Test
    void differentMachinesAndConfigsAreWarnedAbout() {
        RunResult a = Fixtures.oneMetric(KEY, "ns", false, 1000, 20, 1, M);
        RunResult b = Fixtures.oneMetric(KEY, "ns", false, 1000, 20, 2, Fixtures.machine("Other CPU"));
        Comparison c = Comparison.of(a, b, 0.02, 500, 1);
        assertThat(c.warnings()).anyMatch(w -> w.contains("different machines") && w.contains("Other CPU"));
        assertThat(only(c).verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        RunResult d = new RunResult(b.schemaVersion(), "d", b.types(), Fixtures.config().quick(), M, 1, "0",
                b.measurements(), List.of(), List.of(), List.of());
        assertThat(Comparison.of(a, d, 0.02, 500, 1).warnings()).anyMatch(w -> w.contains("different configs")
                && w.contains("testIterations 4 -> 5") && !w.contains("targets"));
    }

    @Test
    void differentUnitsAreNotComparable() {
        Measurement ns = Measurement.of("x", "w", "cpu", "s", "ns", false, 1, new double[] {1, 2}, Map.of());
        Measurement bytes = Measurement.of("x", "w", "cpu", "s", "bytes", false, 1, new double[] {1, 2}, Map.of());
        Comparison.Row r = Comparison.row(ns, bytes, 0.02, 0.95, 200, 1);
        assertThat(r.verdict()).isEqualTo(Comparison.Verdict.NOT_COMPARABLE);
    }
}
