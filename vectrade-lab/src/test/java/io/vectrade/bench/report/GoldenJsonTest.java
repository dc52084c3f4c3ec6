package io.vectrade.bench.report;

import io.vectrade.bench.Fixtures;
import io.vectrade.bench.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seals the {@code <name>_raw.json} format. A deliberate format change bumps
 * {@link RunResult#SCHEMA_VERSION} and regenerates the golden file with
 * {@code -Dvectrade.updateGolden=true} (then review the diff).
 */
class GoldenJsonTest {
    private static final String GOLDEN = "/bench/golden_raw.json";

    private static RunResult fixed() {
        return Fixtures.run("golden", Fixtures.machine("Test CPU @ 3.0GHz"));
    }

    @Test
    void serialisedRunMatchesTheGoldenFile() throws IOException {
        String json = ResultsJson.write(fixed());
        if (Boolean.getBoolean("vectrade.updateGolden")) {
            Files.writeString(Path.of("src/test/resources" + GOLDEN), json);
        }
        String golden;
        try (InputStream in = GoldenJsonTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("golden file " + GOLDEN).isNotNull();
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json).isEqualTo(golden);
        assertThat(golden).contains("\"schema_version\" : " + RunResult.SCHEMA_VERSION);
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r_raw.json");
        Files.writeString(f, ResultsJson.write(fixed()));
        RunResult back = ResultsJson.read(f);
        assertThat(ResultsJson.write(back)).isEqualTo(ResultsJson.write(fixed()));
        assertThat(back.measurements().get(0).samples()).containsExactly(12000, 12500, 11800, 13000);
        assertThat(back.machine().gpu()).isNull();
    }

    @Test
    void readRejectsWhatIsNotAResultsFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"hello\": 1}");
        assertThatThrownBy(() -> ResultsJson.read(bad)).hasMessageContaining("not a vectrade results file");
        Files.writeString(bad, "{not json");
        assertThatThrownBy(() -> ResultsJson.read(bad)).hasMessageContaining("not valid JSON");
        Files.writeString(bad, "{\"schema_version\": 99, \"measurements\": []}");
        assertThatThrownBy(() -> ResultsJson.read(bad)).hasMessageContaining("schema_version=99");
        assertThatThrownBy(() -> ResultsJson.read(dir.resolve("missing.json"))).hasMessageContaining("no such file");
    }
}
