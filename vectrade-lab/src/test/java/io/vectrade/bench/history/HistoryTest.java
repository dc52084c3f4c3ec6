package io.vectrade.bench.history;

import io.vectrade.bench.Fixtures;
import io.vectrade.bench.MachineInfo;
import io.vectrade.bench.Measurement;
import io.vectrade.bench.RunResult;
import io.vectrade.cli.VectradeCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The history file and dashboard: runs of five commits (one dirty, one quick, a 3x slowdown of the
 * model stage at the third commit, a machine change at the fifth), appended, read back, rendered in
 * headless Chromium where /usr/bin/chromium exists.
 */
class HistoryTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String MODEL = "pipeline/panel-daily/cpu/model_inference";
    static final String FEATURES = "pipeline/panel-daily/cpu/feature_calculation";

    private static MachineInfo machine(String cpu, String commit, boolean dirty) {
        MachineInfo m = Fixtures.machine(cpu);
        return new MachineInfo(m.cpuModel(), m.cores(), m.memoryBytes(), m.maxHeapBytes(), m.os(), m.jvmVersion(),
                m.jvmFlags(), m.simdBits(), m.gpu(), commit, dirty, m.time(), m.memoryBandwidth());
    }

    private static double[] noisy(double median, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[20];
        for (int k = 0; k < x.length; k++) {
            x[k] = median * (1 + 0.02 * r.nextGaussian());
        }
        return x;
    }

    static RunResult run(String commit, boolean dirty, String cpu, double modelMs, double featuresMs, boolean quick,
                         long seed) {
        List<Measurement> ms = List.of(
                Measurement.of("pipeline", "panel-daily", "cpu", "feature_calculation", "ns", false, 1,
                        noisy(featuresMs * 1e6, seed), Map.of()),
                Measurement.of("pipeline", "panel-daily", "cpu", "model_inference", "ns", false, 1,
                        noisy(modelMs * 1e6, seed + 1), Map.of()));
        return new RunResult(RunResult.SCHEMA_VERSION, "run-" + commit, List.of("pipeline"), Fixtures.config(),
                machine(cpu, commit + "0".repeat(40 - commit.length()), dirty), 1, "0", ms, List.of(), List.of(),
                quick ? List.of(RunResult.QUICK_NOTE + ": smoke") : List.of());
    }

    static Path history(Path dir) throws IOException {
        Path h = dir.resolve("hist");
        HistoryStore.append(h, run("aaaa1", false, "CPU A", 100, 400, false, 1));
        HistoryStore.append(h, run("bbbb2", true, "CPU A", 101, 398, false, 2));
        HistoryStore.append(h, run("bbbb2", true, "CPU A", 10, 10, true, 3)); // quick: left out
        HistoryStore.append(h, run("cccc3", false, "CPU A", 300, 402, false, 4)); // the model stage 3x slower
        HistoryStore.append(h, run("dddd4", false, "CPU A", 302, 399, false, 5));
        HistoryStore.append(h, run("eeee5", false, "CPU B", 150, 200, false, 6)); // new machine: not a change point
        return h;
    }

    @Test
    void appendsOneJsonLinePerRunKeyedByCommitDirtyAndMachine(@TempDir Path dir) throws IOException {
        Path h = history(dir);
        List<String> lines = Files.readAllLines(h.resolve(HistoryStore.FILE));
        assertThat(lines).hasSize(6).allSatisfy(l -> assertThat(l).startsWith("{\"schema\":1,\"commit\":"));
        assertThat(lines.get(1)).contains("\"commit\":\"bbbb2").contains("\"dirty\":true")
                .contains("\"machine\":\"CPU A, 2 cores, GPU none, JVM 25.0.1+8 (Test VM)\"");
        List<HistoryEntry> es = HistoryStore.read(h);
        assertThat(es).extracting(HistoryEntry::shortCommit)
                .containsExactly("aaaa10000000", "bbbb20000000*", "bbbb20000000*", "cccc30000000", "dddd40000000",
                        "eeee50000000");
        assertThat(es.get(2).quick()).isTrue();
        HistoryEntry.Point p = es.get(0).metrics().get(MODEL);
        assertThat(p.n()).isEqualTo(20);
        assertThat(p.median()).isBetween(p.lower(), p.upper());
        assertThat(p.median()).isCloseTo(100e6, within(3e6));
    }

    @Test
    void anotherToolReadsTheFile(@TempDir Path dir) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(py), "skipped: /usr/bin/python3 not found");
        Path h = history(dir);
        Process p = new ProcessBuilder(py.toString(), "-c", "import json,sys\n"
                + "rows=[json.loads(l) for l in open(sys.argv[1])]\n"
                + "print(len(rows), rows[3]['commit'][:5], round(rows[3]['metrics'][sys.argv[2]]['median']/1e6))",
                h.resolve(HistoryStore.FILE).toString(), MODEL).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).matches("6 cccc3 (29[0-9]|30[0-9]|31[0-9])");
    }

    @Test
    void changePointsNeedAMoveBeyondTheThresholdWithDisjointIntervalsOnOneMachine() {
        var a = new HistoryEntry.Point("ns", false, 20, 100, 98, 102);
        var same = new HistoryEntry.Point("ns", false, 20, 101, 99, 103);
        var up = new HistoryEntry.Point("ns", false, 20, 130, 125, 135);
        var noisyUp = new HistoryEntry.Point("ns", false, 20, 130, 95, 160);
        var small = new HistoryEntry.Point("ns", false, 20, 105, 104, 106); // disjoint but only +5%
        assertThat(ChangePoints.of(List.of(a, same, up), List.of("m", "m", "m"), 0.1)).containsExactly(2);
        assertThat(ChangePoints.of(List.of(a, noisyUp), List.of("m", "m"), 0.1)).isEmpty();
        assertThat(ChangePoints.of(List.of(a, small), List.of("m", "m"), 0.1)).isEmpty();
        assertThat(ChangePoints.of(List.of(a, up), List.of("m", "other"), 0.1)).isEmpty();
    }

    @Test
    void aMalformedLineIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
        Path h = history(dir);
        Files.writeString(h.resolve(HistoryStore.FILE), "{not json\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> HistoryStore.read(h)).hasMessageContaining("line=7")
                .hasMessageContaining("history.jsonl");
        assertThatThrownBy(() -> HistoryStore.read(dir.resolve("none"))).hasMessageContaining("no history");
        StringWriter err = new StringWriter();
        CommandLine cl = VectradeCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("history", h.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("line=7");
        assertThat(h.resolve("history.html")).doesNotExist();
    }

    @Test
    void dashboardRendersInChromiumWithOneSeriesPerMetricAndTheChangePointMarked(@TempDir Path dir) throws Exception {
        Path h = history(dir);
        CommandLine cl = VectradeCli.commandLine();
        assertThat(cl.execute("history", h.toString())).isZero();
        Path html = h.resolve("history.html");
        String text = Files.readString(html);
        assertThat(text).doesNotContain("src=\"http").doesNotContain("href=\"http")
                .contains("5 runs over 5 commits, 2 metrics; 1 quick smoke runs left out");
        // static content: the model series has one change point (at cccc3), features none; B is a machine change
        assertThat(text.split("class=\"change-point\"", -1)).hasSize(2);
        assertThat(text).contains("change point: +");
        assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium not found (apt-get install -y chromium) - the dashboard was not rendered");
        String dom = chromium(dir, html, "--dump-dom");
        assertThat(dom).contains("data-rendered=\"panels=2 series=2 change_points=1 machine_changes=2\"");
        Path png = dir.resolve("shot.png");
        chromium(dir, html, "--screenshot=" + png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        Files.createDirectories(Path.of("target", "plots"));
        Files.copy(png, Path.of("target", "plots", "history_dashboard.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(count(img, Dashboard.CHANGE_COLOR)).as("pixels of the change-point ring").isGreaterThan(30);
        assertThat(count(img, Dashboard.SERIES_COLOR)).as("pixels of the series").isGreaterThan(200);
    }

    private static String chromium(Path dir, Path html, String what) throws Exception {
        Path log = dir.resolve("chromium-" + what.hashCode() + ".out");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=1300,1100", what, html.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile())
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return Files.readString(log);
    }

    private static int count(BufferedImage img, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                boolean close = true;
                for (int s = 0; s <= 16; s += 8) {
                    close &= Math.abs(((rgb >> s) & 0xFF) - ((want >> s) & 0xFF)) <= 6;
                }
                n += close ? 1 : 0;
            }
        }
        return n;
    }
}
