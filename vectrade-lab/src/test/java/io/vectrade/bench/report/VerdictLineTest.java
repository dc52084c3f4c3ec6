package io.vectrade.bench.report;

import io.vectrade.bench.Fixtures;
import io.vectrade.bench.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictLineTest {

    @Test
    void aQuickRunSaysItIsASmokeRunNotAMeasurement() {
        RunResult full = Fixtures.run("full", Fixtures.machine("Test CPU"));
        assertThat(RunReport.verdictLine(full)).startsWith("TARGETS MISSED (2 passed, 1 failed, 1 not measured)");
        RunResult quick = new RunResult(full.schemaVersion(), "q", full.types(), full.config(), full.machine(),
                full.durationSeconds(), full.sink(), full.measurements(), full.series(), full.verdicts(),
                List.of(RunResult.QUICK_NOTE + ": small workloads"));
        assertThat(quick.quick()).isTrue();
        assertThat(full.quick()).isFalse();
        assertThat(RunReport.verdictLine(quick)).startsWith("SMOKE RUN, NOT A MEASUREMENT (--quick): TARGETS MISSED");
        assertThat(RunReport.console(quick)).contains("SMOKE RUN, NOT A MEASUREMENT");
    }
}
