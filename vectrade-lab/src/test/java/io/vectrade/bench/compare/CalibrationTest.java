package io.vectrade.bench.compare;

import io.vectrade.bench.Measurement;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.report.ResultsJson;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calibration of {@code compare} on recorded runs: {@code bench --type pipeline --backend cpu,simd}
 * with the default config, made one after the other from one frozen build on the 2-vCPU Xeon VM
 * development machine while other builds ran (docs/benchmarking.md, "Calibration"). Pairs are
 * (1,2), (3,4), ...
 */
class CalibrationTest {
    /**
     * The threshold this wall-time-only calibration chose (the default before CPU-time rows); these
     * schema-2 files have no CPU samples, so their comparisons have wall-time rows only.
     */
    static final double WALL_ONLY_THRESHOLD = 0.75;
    static final String[] STAGES = {"feature_calculation", "model_inference", "signal_generation"};

    static List<RunResult> recorded() throws URISyntaxException {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 1; ; i++) {
            var url = CalibrationTest.class.getResource("/bench/calibration/cal_" + i + "_raw.json");
            if (url == null) {
                break;
            }
            runs.add(ResultsJson.read(Path.of(url.toURI())));
        }
        return runs;
    }

    private static Set<String> flagged(Comparison c) {
        return c.rows().stream().filter(r -> r.verdict() == Comparison.Verdict.REGRESSED
                || r.verdict() == Comparison.Verdict.IMPROVED).map(Comparison.Row::key).collect(Collectors.toSet());
    }

    /**
     * Ten pairs of identical code: no regression in any. Two metrics of pair (17,18) are called
     * improved: the machine's load dropped between those runs (runs 18 to 20 took 1 to 2 minutes,
     * the earlier ones 3 to 4.5), and the second run really was faster.
     */
    @Test
    void identicalCodeGivesNoRegressionInAnyRecordedPair() throws Exception {
        List<RunResult> runs = recorded();
        assertThat(runs).hasSize(20);
        int improved = 0;
        for (int k = 0; k + 1 < runs.size(); k += 2) {
            Comparison c = Comparison.of(runs.get(k), runs.get(k + 1), Comparison.Settings.of(WALL_ONLY_THRESHOLD));
            // the default wall threshold (150%, chosen with the CPU-time recordings) flags nothing here either
            assertThat(flagged(Comparison.of(runs.get(k), runs.get(k + 1), Comparison.Settings.of(
                    Comparison.Settings.DEFAULT_THRESHOLD)))).as("pair %d,%d at the default", k + 1, k + 2).isEmpty();
            assertThat(c.count(Comparison.Verdict.REGRESSED)).as("pair %d,%d", k + 1, k + 2).isZero();
            assertThat(c.failsCi(false)).isFalse();
            improved += (int) c.count(Comparison.Verdict.IMPROVED);
            if (k + 1 != 17) {
                assertThat(flagged(c)).as("pair %d,%d", k + 1, k + 2).isEmpty();
            }
            assertThat(c.quick()).isFalse();
            assertThat(c.warnings()).isEmpty();
        }
        assertThat(improved).isEqualTo(2);
    }

    /**
     * A build 3x slower in one stage, made from the pair's second run: that stage's samples x3 and
     * the total pipeline's samples + 2 x that stage's median (the total runs the stage once). No
     * metric outside the stage and the total is ever called regressed; the total is called
     * regressed whenever its own change is clearly (2 x) beyond the threshold. The stage itself is
     * caught in 50 of 60 injections (47 of the 48 in pairs 1 to 16, made under steady load): where
     * the unchanged second run was already 2x or more faster than the first in that stage (the
     * load changed), its 3x slowdown shows as less than +75%. docs/benchmarking.md records it; no
     * threshold catches those and stays silent on identical code on this machine.
     */
    @Test
    void anInjectedThreeFoldSlowdownIsCaughtForExactlyTheMetricsItTouches() throws Exception {
        List<RunResult> runs = recorded();
        double th = WALL_ONLY_THRESHOLD;
        int totals = 0;
        int caught = 0;
        int caughtSteady = 0;
        int injected = 0;
        for (int k = 0; k + 1 < runs.size(); k += 2) {
            for (String backend : List.of("cpu", "simd")) {
                for (String stage : STAGES) {
                    RunResult slow = slower(runs.get(k + 1), backend, stage);
                    Comparison c = Comparison.of(runs.get(k), slow, Comparison.Settings.of(th));
                    String stageKey = "pipeline/panel-daily/" + backend + "/" + stage;
                    String totalKey = "pipeline/panel-daily/" + backend + "/total_pipeline";
                    Set<String> regressed = c.rows().stream().filter(r -> r.verdict() == Comparison.Verdict.REGRESSED)
                            .map(Comparison.Row::key).collect(Collectors.toSet());
                    injected++;
                    assertThat(new HashSet<>(List.of(stageKey, totalKey))).as("pair %d, %s %s", k + 1, backend, stage)
                            .containsAll(regressed);
                    if (regressed.contains(stageKey)) {
                        caught++;
                        caughtSteady += k + 1 < 17 ? 1 : 0;
                    }
                    Comparison.Row total = c.rows().stream().filter(r -> r.key().equals(totalKey)).findFirst().orElseThrow();
                    if (total.change() > 2 * th) {
                        assertThat(regressed).as("pair %d, %s %s: total %+.0f%%", k + 1, backend, stage,
                                100 * total.change()).contains(totalKey);
                        totals++;
                    }
                }
            }
        }
        assertThat(injected).isEqualTo(60);
        assertThat(caught).isEqualTo(50);
        assertThat(caughtSteady).isEqualTo(47);
        assertThat(totals).as("the cpu features stage dominates its total: some totals are checked").isPositive();
    }

    static RunResult slower(RunResult r, String backend, String stage) {
        Measurement st = r.measurements().stream().filter(m -> m.backend().equals(backend) && m.subject().equals(stage))
                .findFirst().orElseThrow();
        double extra = 2 * st.median();
        List<Measurement> ms = new ArrayList<>();
        for (Measurement m : r.measurements()) {
            double add = 0;
            double mul = 1;
            if (m.backend().equals(backend) && m.subject().equals(stage)) {
                mul = 3;
            } else if (m.backend().equals(backend) && m.subject().equals("total_pipeline")) {
                add = extra;
            }
            double[] s = m.samples();
            for (int i = 0; i < s.length; i++) {
                s[i] = s[i] * mul + add;
            }
            ms.add(Measurement.of(m.type(), m.workload(), m.backend(), m.subject(), m.unit(), m.higherIsBetter(),
                    m.callsPerSample(), s, Map.copyOf(m.metrics())));
        }
        return new RunResult(r.schemaVersion(), r.name() + "-slow", r.types(), r.config(), r.machine(),
                r.durationSeconds(), r.sink(), ms, r.series(), r.verdicts(), r.notes());
    }
}
