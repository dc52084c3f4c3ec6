package io.vectrade.cli;

import io.vectrade.data.Panel;
import io.vectrade.data.csv.PanelCsvWriter;
import io.vectrade.feature.FeatureSet;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vectrade features --stream}: the same file as the batch path, bar by bar. */
class FeaturesStreamTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cl = VectradeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path aapl() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("appleinc_bars_from_20130101_usd.csv")) {
            Path file = dir.resolve("AAPL.csv");
            Files.copy(in, file);
            return file;
        }
    }

    /** A single-instrument file in the date,open,... form, from a random series with flat stretches. */
    private Path randomFile(long seed, int bars) throws IOException {
        var s = RandomMarket.series(seed, bars);
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,open,high,low,close,volume");
        for (int t = 0; t < bars; t++) {
            lines.add(s.timestampsMillis()[t] + "," + s.open()[t] + "," + s.high()[t] + "," + s.low()[t] + ","
                    + s.close()[t] + "," + s.volume()[t]);
        }
        Path file = dir.resolve("R" + seed + ".csv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void streamedFileEqualsTheBatchFileForEveryStandardFeature() throws IOException {
        String all = String.join(",", FeatureSet.standard().specs().stream().map(Object::toString).toList());
        for (Path data : List.of(aapl(), randomFile(3, 3000), randomFile(4, 700))) {
            Path batch = dir.resolve("batch.csv");
            Path streamed = dir.resolve("streamed.csv");
            // the streaming form is bit-equal to the cpu reference (simd agrees within its stated tolerance)
            assertThat(run("features", "--backend", "cpu", "--data", data.toString(), "--features", all, "--out",
                    batch.toString()))
                    .as(err.toString()).isZero();
            assertThat(run("features", "--stream", "--data", data.toString(), "--features", all, "--out",
                    streamed.toString())).as(err.toString()).isZero();
            assertThat(Files.readAllLines(streamed)).isEqualTo(Files.readAllLines(batch));
            Files.delete(batch);
            Files.delete(streamed);
        }
        assertThat(out.toString()).contains("(streamed)").contains("streaming features, one bar at a time");
    }

    @Test
    void aBadLineLateInTheFileLeavesNoOutput() throws IOException {
        Path data = randomFile(5, 500);
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        String[] f = lines.get(400).split(",");
        lines.set(400, f[0] + "," + f[1] + ",1.0," + f[3] + "," + f[4] + "," + f[5]);
        Files.write(data, lines);
        Path target = dir.resolve("f.csv");
        Files.writeString(target, "keep me");
        assertThat(run("features", "--stream", "--data", data.toString(), "--features", "rsi", "--out", target.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("R5.csv:401: field 'high'");
        assertThat(Files.readString(target)).isEqualTo("keep me");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("R5.csv", "f.csv");
        }
    }

    @Test
    void theLongFormAndOtherSourcesAreUsageErrors() throws IOException {
        Panel p = RandomMarket.panel(1, 3, 50, 0);
        Path longForm = dir.resolve("long.csv");
        PanelCsvWriter.write(p, longForm);
        Path target = dir.resolve("f.csv");
        assertThat(run("features", "--stream", "--data", longForm.toString(), "--features", "rsi", "--out", target.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("streaming reads single-instrument files");
        assertThat(run("features", "--stream", "--synthetic", "2x50", "--features", "rsi", "--out", target.toString()))
                .isEqualTo(2);
        assertThat(run("features", "--stream", "--backend", "simd", "--data", longForm.toString(), "--features", "rsi",
                "--out", target.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--stream reads a single-instrument --data file").contains("leave --backend out");
        assertThat(target).doesNotExist();
    }
}
