package io.vectrade.bench.report;

import io.vectrade.bench.Fixtures;
import io.vectrade.bench.MemoryBandwidth;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.compare.Comparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory-floor columns of the report and the console (hand-worked from {@link Fixtures}), and
 * results files written before the bandwidth was recorded (schema 2 and 3) still read, report and
 * compare, with the columns left empty.
 */
class FloorColumnTest {

    private static List<String> row(Report.Table t, String backend, String subject) {
        int b = t.header().indexOf("backend");
        int s = t.header().indexOf("subject");
        return t.rows().stream().filter(r -> r.get(b).equals(backend) && r.get(s).equals(subject)).findFirst()
                .orElseThrow();
    }

    private static String cell(Report.Table t, List<String> row, String column) {
        return row.get(t.header().indexOf(column));
    }

    @Test
    void panelCellsShowBytesBandwidthAndFractionOfTheFloor() {
        RunResult r = Fixtures.run("floor", Fixtures.machine("Test CPU"));
        Report.Table t = RunReport.resultsTable(r.measurements().stream()
                .filter(m -> m.type().equals("pipeline")).toList(), r.machine().memoryBandwidth());
        // cpu: 40.5 MB in a median of 4.05 ms = 10 GB/s, the whole one-thread triad (10 GB/s)
        List<String> cpu = row(t, "cpu", "feature_calculation");
        assertThat(cell(t, cpu, "GB/s")).isEqualTo("10.0");
        assertThat(cell(t, cpu, "of floor")).isEqualTo("100%");
        assertThat(cell(t, cpu, "bytes moved")).isNotEmpty();
        // simd: 48.4 MB in a median of 6.05 ms = 8 GB/s, half the two-thread triad (16 GB/s)
        List<String> simd = row(t, "simd", "feature_calculation");
        assertThat(cell(t, simd, "GB/s")).isEqualTo("8.00");
        assertThat(cell(t, simd, "of floor")).isEqualTo("50.0%");
        // a cell without bytes_moved (a series cell) leaves the columns empty
        Report.Table f = RunReport.resultsTable(r.measurements().stream()
                .filter(m -> m.type().equals("features") && m.ok()).toList(), r.machine().memoryBandwidth());
        assertThat(f.rows()).allSatisfy(x -> assertThat(x.subList(x.size() - 3, x.size())).containsOnly(""));

        String console = RunReport.console(r);
        assertThat(console).contains("panel cells against the memory floor").contains("triad 10.0 GB/s on 1 thread")
                .contains("16.0 GB/s on 2 threads");
        assertThat(console.lines().filter(l -> l.contains("feature_calculation") && l.contains("50.0%"))).hasSize(1);
        String md = new Markdown().render(RunReport.build(r, Map.of()));
        assertThat(md).contains("| bytes moved | GB/s | of floor |").contains("| 8.00 | 50.0% |")
                .contains("memory bandwidth: triad 10.0 GB/s on 1 thread, 16.0 GB/s on 2 threads");
        assertThat(new Html().render(RunReport.build(r, Map.of()))).contains("<th>of floor</th>").contains("50.0%");
    }

    @Test
    void theBandwidthRoundTripsThroughTheJson(@TempDir Path dir) throws IOException {
        RunResult r = Fixtures.run("bw", Fixtures.machine("Test CPU"));
        Path f = dir.resolve("bw_raw.json");
        Files.writeString(f, ResultsJson.write(r));
        assertThat(Files.readString(f)).contains("\"memory_bandwidth\"").contains("\"triad_all_cores\" : 1.6E10");
        MemoryBandwidth back = ResultsJson.read(f).machine().memoryBandwidth();
        assertThat(back).isEqualTo(r.machine().memoryBandwidth());
    }

    @Test
    void filesOfEarlierSchemasReadReportAndCompareWithoutTheColumn() throws URISyntaxException {
        RunResult v2 = ResultsJson.read(Path.of(getClass().getResource("/bench/calibration/cal_1_raw.json").toURI()));
        RunResult v3 = ResultsJson.read(Path.of(getClass().getResource("/bench/calibration-cpu/cal_1_raw.json").toURI()));
        RunResult v3b = ResultsJson.read(Path.of(getClass().getResource("/bench/calibration-cpu/cal_2_raw.json").toURI()));
        assertThat(v2.schemaVersion()).isEqualTo(2);
        assertThat(v3.schemaVersion()).isEqualTo(3);
        for (RunResult old : List.of(v2, v3)) {
            assertThat(old.machine().memoryBandwidth()).isNull();
            Report rep = RunReport.build(old, Map.of());
            String md = new Markdown().render(rep);
            assertThat(md).contains("memory bandwidth: not measured").contains("| of floor |");
            Report.Table t = RunReport.resultsTable(old.measurements(), null);
            assertThat(t.rows()).isNotEmpty()
                    .allSatisfy(x -> assertThat(x.get(t.header().indexOf("of floor"))).isEmpty());
            assertThat(RunReport.console(old)).doesNotContain("memory floor");
        }
        Comparison c = Comparison.of(v3, v3b, Comparison.Settings.of(Comparison.Settings.DEFAULT_THRESHOLD));
        assertThat(c.rows()).isNotEmpty();
        // an old baseline against a new run: compared on the shared keys
        RunResult now = Fixtures.run("now", Fixtures.machine("Test CPU"));
        assertThat(Comparison.of(v3, now, Comparison.Settings.of(Comparison.Settings.DEFAULT_THRESHOLD)).rows())
                .isNotEmpty();
    }
}
