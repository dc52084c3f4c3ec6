package io.vectrade.bench.compare;

import io.vectrade.bench.Fixtures;
import io.vectrade.bench.MachineInfo;
import io.vectrade.bench.Measurement;
import io.vectrade.bench.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
        // the fixture's cells have 4 samples, below the 5 needed to judge: reported, not judged; so is the
        // CPU-time row of the one cell with CPU samples
        assertThat(self.rows()).filteredOn(r -> r.verdict() == Comparison.Verdict.NOT_JUDGED)
                .hasSize(base.measurements().size());
        assertThat(self.rows()).filteredOn(Comparison.Row::cpuTime).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("pipeline/panel-16x100/cpu/feature_calculation (CPU time)"));
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
        Comparison.Row r = Comparison.row(ns, bytes, Comparison.Settings.of(0.02));
        assertThat(r.verdict()).isEqualTo(Comparison.Verdict.NOT_COMPARABLE);
    }

    private static Measurement m(String subject, double... samples) {
        return Measurement.of("pipeline", "panel-daily", "cpu", subject, "ns", false, 1, samples, Map.of());
    }

    private static RunResult run(List<Measurement> ms, List<String> notes) {
        return new RunResult(RunResult.SCHEMA_VERSION, "r", List.of("pipeline"), Fixtures.config(), M, 1, "0", ms,
                List.of(), List.of(), notes);
    }

    @Test
    void aChangeBeyondTheThresholdWhoseIntervalIsNotWhollyBeyondItIsUnchanged() {
        // +12% on noisy samples (sd 10%): the point estimate passes a 10% threshold, its interval does not
        Comparison c = Comparison.of(Fixtures.oneMetric(KEY, "ns", false, 1000, 100, 1, M),
                Fixtures.oneMetric(KEY, "ns", false, 1120, 100, 2, M), Comparison.Settings.of(0.10));
        Comparison.Row r = only(c);
        assertThat(r.change()).isGreaterThan(0.10);
        assertThat(r.lower()).isLessThan(0.10);
        assertThat(r.verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
    }

    @Test
    void singleSampleMetricsAreReportedNotJudged() {
        Comparison c = Comparison.of(run(List.of(Measurement.of("memory", "panel-daily", "cpu", "peak_heap", "bytes",
                false, 1, new double[] {1e8}, Map.of())), List.of()), run(List.of(Measurement.of("memory",
                "panel-daily", "cpu", "peak_heap", "bytes", false, 1, new double[] {3e8}, Map.of())), List.of()),
                Comparison.Settings.of(0.10));
        Comparison.Row r = only(c);
        assertThat(r.verdict()).isEqualTo(Comparison.Verdict.NOT_JUDGED);
        assertThat(r.change()).isCloseTo(2.0, within(1e-12));
        assertThat(r.lower()).isNaN();
        assertThat(r.note()).contains("single sample");
        assertThat(c.regressed()).isFalse();
        assertThat(ComparisonReport.summaryLine(c)).contains("1 not judged (1 single-sample)");
    }

    @Test
    void tooFewSamplesAreReportedNotJudged() {
        Comparison c = Comparison.of(run(List.of(m("model_inference", 10, 11, 12)), List.of()),
                run(List.of(m("model_inference", 30, 33, 36)), List.of()), Comparison.Settings.of(0.10));
        assertThat(only(c).verdict()).isEqualTo(Comparison.Verdict.NOT_JUDGED);
        assertThat(only(c).note()).contains("too few samples (3 and 3; judged from 5)");
        assertThat(only(c).lower()).isGreaterThan(1.0); // the interval is still reported
    }

    @Test
    void quickRunsAreNamedAndNeverFailUnlessAsked() {
        List<String> quick = List.of(RunResult.QUICK_NOTE + ": a smoke test");
        Comparison c = Comparison.of(run(List.of(m("model_inference", 10, 11, 12, 10.5, 11.5, 10.2)), quick),
                run(List.of(m("model_inference", 30, 33, 36, 31, 34, 32)), quick), Comparison.Settings.of(0.10));
        assertThat(c.quick()).isTrue();
        assertThat(only(c).verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
        assertThat(c.failsCi(false)).isFalse();
        assertThat(c.failsCi(true)).isTrue();
        assertThat(c.warnings()).anyMatch(w -> w.contains("quick runs (baseline and current"));
        assertThat(ComparisonReport.summaryLine(c)).startsWith("SMOKE RUN, NOT A MEASUREMENT: REGRESSED (not failing");
    }

    private static Measurement withCpu(String subject, double[] wall, double[] cpu) {
        return Measurement.of("pipeline", "panel-daily", "cpu", subject, "ns", false, 1, wall, cpu, Map.of());
    }

    private static double[] times(double base, double factor, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] x = new double[20];
        for (int k = 0; k < x.length; k++) {
            x[k] = base * factor * (1 + 0.05 * r.nextGaussian());
        }
        return x;
    }

    /**
     * A time cell with CPU samples gets a CPU-time row judged against the CPU threshold: the same wall
     * time with 3x the CPU time (a stage doing 3x the work while the machine got quieter) is a
     * regression of the CPU-time row only; 3x the wall time with the same CPU time (descheduled by other
     * processes) is judged on the wall threshold only, and the CPU-time row stays unchanged.
     */
    @Test
    void cpuTimeRowsAreJudgedAgainstTheirOwnThreshold() {
        Comparison.Settings s = Comparison.Settings.of(0.75, 0.5);
        Comparison moreWork = Comparison.of(run(List.of(withCpu("model_inference", times(100, 1, 1), times(90, 1, 2))),
                List.of()), run(List.of(withCpu("model_inference", times(100, 1, 3), times(90, 3, 4))), List.of()), s);
        assertThat(moreWork.rows()).extracting(Comparison.Row::key).containsExactly(
                "pipeline/panel-daily/cpu/model_inference", "pipeline/panel-daily/cpu/model_inference (CPU time)");
        assertThat(moreWork.rows().get(0).verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(moreWork.rows().get(1).verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
        assertThat(moreWork.rows().get(1).change()).isCloseTo(2.0, within(0.1));
        Comparison descheduled = Comparison.of(run(List.of(withCpu("model_inference", times(100, 1, 1),
                times(90, 1, 2))), List.of()), run(List.of(withCpu("model_inference", times(100, 1.6, 3),
                times(90, 1, 4))), List.of()), s);
        assertThat(descheduled.rows()).extracting(Comparison.Row::verdict)
                .containsExactly(Comparison.Verdict.UNCHANGED, Comparison.Verdict.UNCHANGED);
        // +90% CPU time is clearly beyond the 50% CPU threshold, while +50% wall time is inside the 75% one
        // (thresholds given explicitly: the wall-time default is 150%)
        Comparison cpu90 = Comparison.of(run(List.of(withCpu("model_inference", times(100, 1, 1), times(90, 1, 2))),
                List.of()), run(List.of(withCpu("model_inference", times(100, 1.5, 3), times(90, 1.9, 4))), List.of()), s);
        assertThat(cpu90.rows()).extracting(Comparison.Row::verdict)
                .containsExactly(Comparison.Verdict.UNCHANGED, Comparison.Verdict.REGRESSED);
        // one side without CPU samples (a schema 2 file): no CPU-time row
        Comparison old = Comparison.of(run(List.of(m("model_inference", times(100, 1, 1))), List.of()),
                run(List.of(withCpu("model_inference", times(100, 1, 3), times(90, 3, 4))), List.of()), s);
        assertThat(old.rows()).hasSize(1);
    }

    @Test
    void holmCorrectsForTheNumberOfMetrics() {
        // one metric, 5 samples a side, 3x slower: p ~ 0.006 alone -> regressed
        Measurement slowB = m("model_inference", 10, 11, 12, 10.5, 11.5);
        Measurement slowC = m("model_inference", 30, 33, 36, 31.5, 34.5);
        Comparison alone = Comparison.of(run(List.of(slowB), List.of()), run(List.of(slowC), List.of()),
                Comparison.Settings.of(0.10));
        assertThat(only(alone).verdict()).isEqualTo(Comparison.Verdict.REGRESSED);
        assertThat(only(alone).pWorse()).isLessThan(0.01);
        // among 19 unchanged metrics the same evidence is 20 x weaker: Holm keeps the family-wise rate at 5%
        List<Measurement> bs = new java.util.ArrayList<>(List.of(slowB));
        List<Measurement> cs = new java.util.ArrayList<>(List.of(slowC));
        for (int k = 0; k < 19; k++) {
            bs.add(m("other" + k, 10, 11, 12, 10.5, 11.5));
            cs.add(m("other" + k, 10.2, 11.1, 11.8, 10.4, 11.6));
        }
        Comparison many = Comparison.of(run(bs, List.of()), run(cs, List.of()), Comparison.Settings.of(0.10));
        Comparison.Row r = many.rows().get(0);
        assertThat(r.lower()).isGreaterThan(0.10); // the interval alone would still call it
        assertThat(r.pWorse()).isGreaterThan(0.05);
        assertThat(r.verdict()).isEqualTo(Comparison.Verdict.UNCHANGED);
        assertThat(many.regressed()).isFalse();
    }
}
