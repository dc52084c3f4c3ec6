package io.vectrade.bench.report;

import io.vectrade.bench.Fixtures;
import io.vectrade.bench.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsWriterTest {

    /** A headless machine without fonts (seen on a GPU machine): XChart throws; nothing measured is lost. */
    @Test
    void aPlotterThatFailsLeavesTheResultsAndReportsWithTheReason(@TempDir Path dir) throws Exception {
        RunResult r = Fixtures.run("nofonts", Fixtures.machine("Test CPU @ 3.0GHz"));
        List<Path> files = ResultsWriter.write(r, dir, false, run -> {
            throw new RuntimeException("Fontconfig head is null, check your fonts or fonts configuration");
        });
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly(r.name() + "_raw.json", r.name() + "_report.md", r.name() + "_report.html");
        assertThat(Files.readString(dir.resolve(r.name() + "_report.md")))
                .contains("plots not drawn: RuntimeException: Fontconfig head is null");
        assertThat(Files.readString(dir.resolve(r.name() + "_raw.json"))).contains("\"schema_version\"");
        try (var listing = Files.list(dir)) {
            assertThat(listing.filter(p -> p.toString().endsWith(".png"))).isEmpty();
        }
    }
}
