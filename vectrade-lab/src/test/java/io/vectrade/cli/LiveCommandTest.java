package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.model.Models;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.signal.SignalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LiveCommandTest {
    static final String POLICY = "rank(top=3,bottom=3) | voltarget(target=0.1) | caps(max=0.2)";

    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        var cl = VectradeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        LiveCommand live = (LiveCommand) cl.getSubcommands().get("live").getCommand();
        live.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        live.stdout = stdout;
        return cl.execute(args);
    }

    /** The panel as long-form lines, instruments shuffled within each bar, a header first. */
    static String longForm(Panel p, long seed) {
        StringBuilder b = new StringBuilder("symbol,timestamp,open,high,low,close,volume\n");
        Random r = new Random(seed);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < p.instruments(); i++) {
            order.add(i);
        }
        for (int t = 0; t < p.bars(); t++) {
            Collections.shuffle(order, r);
            String ts = Instant.ofEpochMilli(p.timestampMillis(t)).toString();
            for (int i : order) {
                b.append(p.symbols().get(i)).append(',').append(ts).append(',').append(p.open(t, i)).append(',')
                        .append(p.high(t, i)).append(',').append(p.low(t, i)).append(',').append(p.close(t, i)).append(',')
                        .append(p.volume(t, i)).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * The reference: the live engine driven directly over the panel, non-flat signals as SignalWriter's JSONL
     * with ISO date-times (the stdin sink cannot know ahead that the bars are daily).
     */
    static String expectedJsonLines(Panel p) throws Exception {
        int n = p.instruments();
        StringWriter w = new StringWriter();
        double[][] bar = new double[5][n];
        try (LiveEngine live = LiveEngine.create(Models.defaultModel(), SignalChain.parse(POLICY), Backend.CPU, n)) {
            for (int t = 0; t < p.bars(); t++) {
                p.copyBar(t, bar[0], bar[1], bar[2], bar[3], bar[4]);
                SignalFrame s = live.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                SignalWriter.write(w, SignalWriter.Format.JSONL, SignalWriter.signals(s, new long[] {p.timestampMillis(t)},
                        p.symbols(), 0, 1, true), io.vectrade.data.TimestampText.DATE_TIME);
            }
        }
        return w.toString();
    }

    @Test
    void stdinToStdoutGivesTheSignalsOfTheEngineOnTheSameBars() throws Exception {
        Panel p = SyntheticMarket.generate(12, 150, 9);
        int code = run(longForm(p, 1), "live", "--source", "stdin", "--sink", "stdout", "--policy", POLICY,
                "--backend", "cpu", "--warmup-ticks", "10");
        assertThat(code).as(err.toString()).isZero();
        String expected = expectedJsonLines(p);
        assertThat(expected).isNotEmpty();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        // the report goes to stderr when the signals go to stdout
        assertThat(err.toString()).contains("<stdin>: instruments=12 ticks=150").contains("p99.99")
                .contains("publish   from the line that closed the bar");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aRunRestoredFromASnapshotContinuesAsIfItNeverStopped() throws Exception {
        Panel p = SyntheticMarket.generate(12, 150, 9);
        String all = longForm(p, 1);
        String[] lines = all.split("\n", -1);
        int split = 1 + 12 * 80; // the header, then bars 0..79
        String first = String.join("\n", java.util.Arrays.copyOfRange(lines, 0, split)) + "\n";
        String second = String.join("\n", java.util.Arrays.copyOfRange(lines, split, lines.length));
        Path state = dir.resolve("engine.state");
        assertThat(run(first, "live", "--source", "stdin", "--sink", "stdout", "--policy", POLICY, "--backend", "cpu",
                "--snapshot", state.toString())).as(err.toString()).isZero();
        String out1 = stdout.toString(StandardCharsets.UTF_8);
        stdout.reset();
        assertThat(run(second, "live", "--source", "stdin", "--sink", "stdout", "--policy", POLICY, "--backend", "cpu",
                "--restore", state.toString())).as(err.toString()).isZero();
        String out2 = stdout.toString(StandardCharsets.UTF_8);
        assertThat(out1).isNotEmpty();
        assertThat(out2).isNotEmpty();
        assertThat(out1 + out2).isEqualTo(expectedJsonLines(p));
        // a snapshot of other instruments is refused
        err.getBuffer().setLength(0);
        String other = "AAA,2024-01-02,10,11,9,10,100\n";
        assertThat(run(other, "live", "--source", "stdin", "--restore", state.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--restore: the snapshot is of other instruments");
    }

    /** The cuda engine's state stays on the device: a run that saves or restores it is refused before it starts. */
    @Test
    void snapshotsOnCudaAreRefusedInOneLine() {
        Path state = dir.resolve("cuda.state");
        assertThat(run("AAA,2024-01-02,10,11,9,10,100\n", "live", "--source", "stdin", "--backend", "cuda",
                "--snapshot", state.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vectrade: --snapshot and --restore need --backend cpu or simd:"
                + " the cuda live engine keeps its state on the device and cannot save it, backend=cuda");
        assertThat(state).doesNotExist();
    }

    @Test
    void anEmptyLineClosesTheOpenBar() {
        String lines = "AAA,2024-01-02,10,11,9,10,100\nBBB,2024-01-02,20,21,19,20,100\n\n"
                + "BBB,2024-01-03,20,21,19,20.5,100\n\nAAA,2024-01-04,10,11,9,10,100\n";
        assertThat(run(lines, "live", "--source", "stdin", "--warmup-ticks", "0")).as(err.toString()).isZero();
        // three ticks: two closed by the empty lines, the last by the end of the input
        assertThat(out.toString()).contains("<stdin>: instruments=2 ticks=3");
    }

    @Test
    void aBadLineIsOneLineNamingLineAndFieldExitTwoAndNoFile() {
        Path sink = dir.resolve("s.jsonl");
        String lines = "AAA,2024-01-02,10,11,9,10,100\nAAA,2024-01-03,10,11,9,ten,100\n";
        assertThat(run(lines, "live", "--source", "stdin", "--sink", sink.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("vectrade: <stdin>:2: field 'close': not a number, value='ten'"
                + System.lineSeparator());
        assertThat(sink).as("the first tick had no non-flat signal: nothing written").doesNotExist();
        err.getBuffer().setLength(0);
        String unknown = "AAA,2024-01-02,10,11,9,10,100\nAAA,2024-01-03,10,11,9,10,100\nZZZ,2024-01-03,1,1,1,1,1\n";
        assertThat(run(unknown, "live", "--source", "stdin")).isEqualTo(2);
        assertThat(err.toString()).startsWith("vectrade: <stdin>:3: field 'symbol': unknown symbol, symbol=ZZZ")
                .doesNotContain("\tat ");
    }

    @Test
    void dailyBarsAreDatesInTheEndOfRunFileAndInAReplaySinkButDateTimesInAStdinSink() throws Exception {
        Panel p = SyntheticMarket.generate(12, 120, 4);
        // replay: the calendar is known before the first tick, so the sink spells dates as --out does
        Path sink = dir.resolve("replay-sink.jsonl");
        Path atEnd = dir.resolve("replay-end.csv");
        assertThat(run("", "live", "--replay", "--synthetic", "12x120", "--seed", "4", "--policy", POLICY, "--backend", "cpu",
                "--sink", sink.toString(), "--out", atEnd.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllLines(sink).getFirst()).matches("\\{\"timestamp\":\"\\d{4}-\\d{2}-\\d{2}\",\"timestamp_ms\":.*");
        List<String> end = Files.readAllLines(atEnd);
        assertThat(end.size()).isGreaterThan(1);
        assertThat(end.subList(1, end.size())).allMatch(l -> l.matches("\\d{4}-\\d{2}-\\d{2},.*"));
        // stdin: each sink line is written when its tick closes, before the calendar is known: date-times;
        // the --out file, written at the end, follows the rule (every tick at midnight UTC: dates)
        Path stdinEnd = dir.resolve("stdin-end.csv");
        assertThat(run(longForm(p, 2), "live", "--source", "stdin", "--sink", "stdout", "--policy", POLICY, "--backend", "cpu",
                "--out", stdinEnd.toString())).as(err.toString()).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow())
                .matches("\\{\"timestamp\":\"\\d{4}-\\d{2}-\\d{2}T00:00:00Z\",.*");
        List<String> stdinLines = Files.readAllLines(stdinEnd);
        assertThat(stdinLines.subList(1, stdinLines.size())).isNotEmpty().allMatch(l -> l.matches("\\d{4}-\\d{2}-\\d{2},.*"));
        // the same signals either way: the end-of-run files of the replay and of stdin are equal
        assertThat(stdinLines).isEqualTo(end);
    }

    @Test
    void replayToAFileSinkEqualsTheEndOfRunOutput() throws Exception {
        Path sink = dir.resolve("sink.jsonl");
        Path atEnd = dir.resolve("end.jsonl");
        int code = run("", "live", "--replay", "--synthetic", "15x200", "--policy", POLICY, "--backend", "simd",
                "--warmup-ticks", "20", "--sink", sink.toString(), "--out", atEnd.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(sink)).isNotEmpty().isEqualTo(Files.readString(atEnd));
        assertThat(out.toString()).contains("sink      " + sink).contains("gc ").contains("max heap");
    }

    @Test
    void theReportSaysWhatTheJvmDidDuringTheMeasuredTicks() {
        assertThat(run("", "live", "--synthetic", "10x400", "--warmup-ticks", "100")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern(
                "(?m)^during    the measured ticks: \\d+ collections \\(\\d+ ms\\), \\d+ ms of JIT compilation");
        // and the machine's own tail for the same work, the engine closed
        assertThat(out.toString()).containsPattern(
                "(?m)^machine   a fixed compute loop of [0-9.]+ us on this thread, \\d+ times, without the engine: p50 [0-9.]+ us, p99 ");
        assertThat(new LiveCommand.JvmActivity(5, 30, 100).since(new LiveCommand.JvmActivity(2, 10, 40)))
                .isEqualTo(new LiveCommand.JvmActivity(3, 20, 60));
        out.getBuffer().setLength(0);
        // no measured tick: nothing to say
        assertThat(run("", "live", "--synthetic", "10x50", "--warmup-ticks", "100")).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("during ");
    }

    @Test
    void autoWarmupWaitsForTheJitAndSaysSo() {
        // auto is the default: at least 200 ticks, at most half the bars
        assertThat(run("", "live", "--synthetic", "10x1000")).as(err.toString()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "over (\\d+) ticks \\(after (\\d+) warm-up; auto: the JIT (quiet for 500 ticks and 250 ms|still compiling at half the bars)\\)")
                .matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        int measured = Integer.parseInt(m.group(1));
        int warm = Integer.parseInt(m.group(2));
        assertThat(warm).isBetween(200, 500);
        assertThat(measured + warm).isEqualTo(1000);
        assertThat(new LiveCommand.AutoWarmup(10_000).startsAt(199, () -> 0, 0)).isFalse();
        // quiet from tick 200 on, a tick a millisecond: the first look (200) notes the compile time, then 500
        // ticks and 250 ms without a change: the measurement starts at 700
        LiveCommand.AutoWarmup quiet = new LiveCommand.AutoWarmup(10_000);
        int start = -1;
        for (int t = 0; t < 10_000 && start < 0; t++) {
            start = quiet.startsAt(t, () -> 42, t * 1_000_000L) ? t : -1;
        }
        assertThat(start).isEqualTo(700);
        // fast ticks (10 us): 500 quiet ticks are 5 ms, so it waits for 250 ms of quiet, at the next look after it
        LiveCommand.AutoWarmup fast = new LiveCommand.AutoWarmup(100_000);
        start = -1;
        for (int t = 0; t < 100_000 && start < 0; t++) {
            start = fast.startsAt(t, () -> 42, t * 10_000L) ? t : -1;
        }
        assertThat(start).isEqualTo(25_200);
        // always compiling: at half the bars
        LiveCommand.AutoWarmup busy = new LiveCommand.AutoWarmup(2_000);
        start = -1;
        for (int t = 0; t < 2_000 && start < 0; t++) {
            start = busy.startsAt(t, compiling(t), t * 1_000_000L) ? t : -1;
        }
        assertThat(start).isEqualTo(1_000);
        assertThat(busy.how()).contains("still compiling");
    }

    /**
     * Priming (by default) runs synthetic ticks and resets: the replay's signals are those of an unprimed
     * run, and the report says what priming did.
     */
    @Test
    void primingByDefaultLeavesTheSignalsAsTheyWere() throws Exception {
        Path plain = dir.resolve("plain.csv");
        Path primed = dir.resolve("primed.csv");
        // cpu: its bits do not depend on the JIT's tier (simd's vector log does, by an ulp, until C2 compiles it)
        assertThat(run("", "live", "--synthetic", "20x300", "--backend", "cpu", "--prime-ticks", "0", "--out",
                plain.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("prime ");
        out.getBuffer().setLength(0);
        assertThat(run("", "live", "--synthetic", "20x300", "--backend", "cpu", "--out", primed.toString()))
                .as(err.toString()).isZero();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^prime     ([0-9]+) synthetic ticks through the engine"
                + " before the first bar, [0-9.]+ s \\(--prime-ticks auto: 40000, then rounds until the JIT was quiet or a cap;")
                .matcher(out.toString());
        assertThat(line.find()).as(out.toString()).isTrue();
        int primedTicks = Integer.parseInt(line.group(1));
        assertThat(primedTicks).isBetween(40_000, 160_000);
        assertThat((primedTicks - 40_000) % 5_000).isZero();
        assertThat(Files.readString(primed)).isNotEmpty().isEqualTo(Files.readString(plain));
        out.getBuffer().setLength(0);
        assertThat(run("", "live", "--synthetic", "20x300", "--backend", "cpu", "--prime-ticks", "7")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("prime     7 synthetic ticks through the engine before the first bar, ")
                .contains(" s (--prime-ticks 7; 0 skips it)");
        for (String bad : new String[] {"-1", "lots"}) {
            err.getBuffer().setLength(0);
            assertThat(run("", "live", "--synthetic", "10x100", "--prime-ticks", bad)).isEqualTo(2);
            assertThat(err.toString().strip())
                    .isEqualTo("vectrade: --prime-ticks must be a number >= 0 or auto, prime-ticks=" + bad);
        }
    }

    /** A compilation time that grows with every tick. */
    private static java.util.function.LongSupplier compiling(int t) {
        return () -> t;
    }

    @Test
    void aWarmupThatIsNeitherANumberNorAutoIsAUsageError() {
        assertThat(run("", "live", "--synthetic", "10x100", "--warmup-ticks", "soon")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(
                "vectrade: --warmup-ticks must be a number >= 0 or auto, warmup-ticks=soon");
    }

    @Test
    void fixedRateReplayReportsLatencyFromTheScheduleAndTheHistogram() throws Exception {
        Path hist = dir.resolve("latency.hgrm");
        long t0 = System.nanoTime();
        int code = run("", "live", "--synthetic", "10x400", "--rate", "2000", "--warmup-ticks", "100",
                "--histogram", hist.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("rate      fixed 2000 ticks/s (interval 500.0 us), 300 ticks")
                .contains("latency   from the scheduled start: p50 ").contains("p99.99 ")
                .contains("coordinated omission corrected");
        // the 100 warm-up ticks are scheduled too (their own schedule), so the 400 ticks at 2,000 per second
        // take at least 0.2 s; only the 300 measured ones are in the histogram
        assertThat(seconds).isGreaterThan(0.2);
        assertThat(Files.readString(hist)).contains("Value     Percentile TotalCount 1/(1-Percentile)")
                .contains("#[Max     =").containsPattern("Total count +=\\s+300\\]");
    }

    /** {@code --histogram-plot}: the percentile distribution as a PNG, both curves of a fixed-rate replay drawn. */
    @Test
    void histogramPlotDrawsThePercentileDistribution() throws Exception {
        Path png = dir.resolve("latency.png");
        int code = run("", "live", "--synthetic", "10x400", "--rate", "4000", "--warmup-ticks", "100",
                "--histogram-plot", png.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("plot      " + png + " (latency by percentile");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1000);
        for (java.awt.Color c : java.util.List.of(io.vectrade.bench.report.Plots.seriesColour(0),
                io.vectrade.bench.report.Plots.seriesColour(1))) {
            int n = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    n += (img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF) ? 1 : 0;
                }
            }
            assertThat(n).as("curve in %s", c).isGreaterThan(100);
        }
        err.getBuffer().setLength(0);
        assertThat(run("", "live", "--synthetic", "10x400", "--histogram-plot", dir.resolve("x.txt").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--histogram-plot writes a PNG file");
        assertThat(dir.resolve("x.txt")).doesNotExist();
    }

    @Test
    void badLiveOptionsAreExitTwo() {
        assertThat(run("", "live", "--source", "nats")).isEqualTo(2);
        assertThat(run("", "live", "--rate", "0")).isEqualTo(2);
        assertThat(run("", "live", "--source", "stdin", "--rate", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("--source must be replay, stdin or kafka").contains("--rate must be in")
                .doesNotContain("\tat ");
    }

    @Test
    void theKafkaSourceWithoutVectradeConnectorsOnTheClassPathSaysWhatIsMissing() {
        // the lab does not depend on vectrade-connectors: its tests run without it (its own tests run the command)
        assertThat(run("", "live", "--source", "kafka", "--bootstrap", "localhost:9092", "--bars-topic", "b",
                "--signals-topic", "s", "--symbols", "A,B")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("vectrade: --source kafka needs the module vectrade-connectors"
                + " (io.vectrade:vectrade-connectors) and kafka-clients on the class path; ./vectrade puts them there"
                + System.lineSeparator());
    }
}
