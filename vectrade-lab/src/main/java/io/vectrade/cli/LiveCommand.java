package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.bench.Harness;
import io.vectrade.bench.JitterProbe;
import io.vectrade.data.Panel;
import io.vectrade.live.BarAssembler;
import io.vectrade.live.BarLine;
import io.vectrade.live.LiveConnector;
import io.vectrade.live.LiveConnectors;
import io.vectrade.live.SignalLines;
import io.vectrade.model.Model;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.signal.Signal;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.signal.SignalWriter;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code vectrade live}: runs the live engine tick by tick.
 * <ul>
 *   <li>{@code --replay} (the default source): the market data bar by bar, as fast as possible, or
 *       with {@code --rate R} at R ticks per second on a fixed schedule, the latency of each tick
 *       measured from its scheduled start as well (coordinated omission corrected);</li>
 *   <li>{@code --source stdin}: long-form CSV bar lines as they arrive; a tick closes when the
 *       timestamp advances, on an empty line (flush) or at the end of the input;</li>
 *   <li>{@code --source kafka}: bars from a topic, signals to a topic, through the {@code kafka}
 *       {@link LiveConnector} of vectrade-connectors (found on the class path; the lab does not
 *       depend on Kafka); runs until stopped (SIGTERM/SIGINT close it between polls) or idle.</li>
 * </ul>
 * {@code --sink stdout|FILE} writes each tick's non-flat signals as JSON lines, flushed after every
 * tick; with {@code --sink stdout} the report goes to stderr.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Run the live engine tick by tick: replay market data (as fast as possible or at a fixed rate)",
                "or read bars from stdin; report the latency per tick and optionally write each tick's signals.",
                "Default data: the synthetic market " + DataOptions.DEFAULT_SHAPE + " seed 42."})
final class LiveCommand implements Callable<Integer> {
    static final Path STDIN = Path.of("<stdin>");

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--replay", description = "Replay the data as ticks (the default source).")
    boolean replay;

    @Option(names = "--source", paramLabel = "replay|stdin|kafka", defaultValue = "replay",
            description = "Where bars come from: replay (the data options), stdin (CSV lines "
                    + BarLine.HEADER + ", as they arrive; an empty line closes the open bar) or kafka (a topic;"
                    + " needs vectrade-connectors on the class path). Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(names = "--symbols", paramLabel = "A,B,..", split = ",",
            description = "With --source stdin: the instruments, in order (default: those of the first bar, sorted);"
                    + " with --source kafka: required.")
    List<String> symbols;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--rate", paramLabel = "R",
            description = "Replay at R ticks per second on a fixed schedule; latency also from each tick's scheduled time.")
    Double rate;

    @Option(names = "--sink", paramLabel = "stdout|FILE",
            description = "Write each tick's non-flat signals as JSON lines the moment they are produced (flushed per tick).")
    String sink;

    @Option(names = "--histogram", paramLabel = "FILE",
            description = "Also write HdrHistogram's percentile distribution of the tick latency (microseconds) to FILE.")
    Path histogramFile;

    @Option(names = "--histogram-plot", paramLabel = "FILE.png",
            description = "Also draw the tick latency's percentile distribution (HdrHistogram's chart: latency against 90%%, 99%%, 99.9%%, ...) as a PNG.")
    Path histogramPlot;

    @Option(names = "--restore", paramLabel = "FILE",
            description = "Start from the engine state in FILE (written by --snapshot) instead of an empty one.")
    Path restoreFile;

    @Option(names = "--snapshot", paramLabel = "FILE",
            description = "At the end, write the engine state to FILE (atomically), for a later --restore;"
                    + " with --source kafka: every --snapshot-every ticks, and restored from at the start.")
    Path snapshotFile;

    @Mixin
    ModelOption model;

    @Mixin
    PolicyOption policy;

    @Mixin
    BackendOption backend;

    @Option(names = "--warmup-ticks", defaultValue = "auto", paramLabel = "N|auto",
            description = "Ticks left out of the latency figures while the JIT compiles (default: ${DEFAULT-VALUE}: on a"
                    + " replay, until the JIT has compiled nothing for " + AutoWarmup.QUIET_TICKS + " ticks and "
                    + AutoWarmup.QUIET_MILLIS + " ms, at least "
                    + AutoWarmup.MIN_TICKS + ", at most half the bars; from stdin or Kafka, " + AutoWarmup.MIN_TICKS + ").")
    String warmupOption;

    @Option(names = "--prime-ticks", defaultValue = "auto", paramLabel = "N|auto",
            description = "Before the first bar (replay, stdin or Kafka), run N ticks of a synthetic market with missing"
                    + " bars, jumps and flat stretches through the engine and reset it (LiveEngine.warmUp): the JIT has"
                    + " compiled the tick and its rare paths before the first real bar, so the first missing bar or jump"
                    + " does not stall a tick for milliseconds (default: ${DEFAULT-VALUE}: " + LiveEngine.WARM_UP_MAX_TICKS
                    + " ticks, fewer above " + LiveEngine.WARM_UP_INSTRUMENT_TICKS / LiveEngine.WARM_UP_MAX_TICKS
                    + " instruments, at least " + LiveEngine.WARM_UP_MIN_TICKS + ", then rounds until the JVM's compilation"
                    + " time stands still, at most 4x and 20 s: LiveEngine.warmUpUntilCompiled; 0 skips it).")
    String primeOption;

    /** The ticks --prime-ticks asks for; -1: auto. */
    int primeTicks;
    /** What priming did, for the report: ticks, how they were chosen, seconds. */
    private int primedTicks;
    private String primedHow = "";
    private double primedSeconds;

    /** The fixed warm-up, or {@link AutoWarmup#MIN_TICKS} where auto cannot look ahead (stdin, Kafka). */
    int warmupTicks;
    /** --warmup-ticks auto. */
    boolean autoWarmup;

    @Option(names = "--out", paramLabel = "FILE|-",
            description = "Also write each tick's non-flat signals at the end (.csv, .jsonl or .parquet; - for CSV on stdout).")
    Path out;

    @Option(names = "--out-format", paramLabel = "csv|jsonl|parquet", description = "Format for --out - (default: csv).")
    String outFormat;

    /** Where --out goes (null without --out). */
    private OutputTarget target;

    /** Where {@code --source stdin} reads; tests replace it. */
    InputStream stdin = System.in;
    /** Where {@code --sink stdout} writes; tests replace it. */
    OutputStream stdout = System.out;

    @Override
    public Integer call() throws Exception {
        String src = source.toLowerCase(Locale.ROOT);
        boolean fromStdin = switch (src) {
            case "replay", "kafka" -> false;
            case "stdin" -> true;
            default -> throw new UsageException("--source must be replay, stdin or kafka, source=" + source);
        };
        primeTicks = ticksOrAuto("--prime-ticks", primeOption);
        if (src.equals("kafka")) {
            return kafkaRun();
        }
        if (kafka.any(spec.commandLine().getParseResult())) {
            throw new UsageException("--bootstrap, --bars-topic, --signals-topic, --dead-letter-topic, --group, "
                    + "--snapshot-every, --connect-timeout, --idle-exit and --exactly-once are for --source kafka");
        }
        if (fromStdin && replay) {
            throw new UsageException("--replay and --source stdin exclude each other");
        }
        if (!fromStdin && !replay && spec.commandLine().getParseResult().hasMatchedOption("--replay")) {
            throw new UsageException("--replay=false names no other source; give --source stdin for bars as they arrive");
        }
        warmupTicks = ticksOrAuto("--warmup-ticks", warmupOption);
        autoWarmup = warmupTicks < 0;
        if (autoWarmup) {
            warmupTicks = AutoWarmup.MIN_TICKS;
        }
        if (rate != null && !(rate > 0 && rate <= 10_000_000)) {
            throw new UsageException("--rate must be in (0, 10000000] ticks per second, rate=" + rate);
        }
        if (rate != null && fromStdin) {
            throw new UsageException("--rate paces a replay; with --source stdin the bars come as they arrive");
        }
        if (histogramPlot != null && (!histogramPlot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")
                || Files.isDirectory(histogramPlot))) {
            throw new UsageException("--histogram-plot writes a PNG file: give a name ending in .png, histogram-plot="
                    + histogramPlot);
        }
        if (symbols != null && !fromStdin) {
            throw new UsageException("--symbols is for --source stdin; a replay takes the data's instruments");
        }
        boolean sinkStdout = "stdout".equals(sink) || "-".equals(sink);
        Path sinkFile = sink == null || sinkStdout ? null : Path.of(sink);
        if (sinkFile != null && sinkFile.getParent() != null && !Files.isDirectory(sinkFile.getParent())) {
            throw new UsageException("--sink: no such directory, sink=" + sink);
        }
        target = out == null ? null : OutputTarget.of(out, outFormat, OutputTarget.all());
        if (sinkStdout && target != null && target.logToStderr()) {
            throw new UsageException("--sink stdout and --out - both write to stdout: give --out a file");
        }
        Model m = model.load();
        boolean stdoutTaken = sinkStdout || (target != null && target.logToStderr());
        PrintWriter report = stdoutTaken ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Sink sinkWriter = sinkStdout ? new Sink(null, stdout) : sinkFile != null ? new Sink(sinkFile, null) : null;
        try {
            Run r = fromStdin ? stdinRun(m, sinkWriter) : replayRun(m, sinkWriter);
            report(report, r);
        } finally {
            if (sinkWriter != null) {
                sinkWriter.close();
            }
        }
        return 0;
    }

    /**
     * The signal sink: stdout, or a file opened at the first write (so bad input found before the
     * first tick leaves no file). Each tick's lines are flushed at once; a file keeps the ticks
     * written before an error.
     */
    static final class Sink extends Writer {
        private final Path file;
        private final OutputStream stream;
        private Writer w;

        Sink(Path file, OutputStream stream) {
            this.file = file;
            this.stream = stream;
        }

        private Writer open() throws IOException {
            if (w == null) {
                w = file != null ? Files.newBufferedWriter(file, StandardCharsets.UTF_8)
                        : new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            }
            return w;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            open().write(buf, off, len);
        }

        @Override
        public Writer append(CharSequence csq) throws IOException {
            open().append(csq);
            return this;
        }

        @Override
        public void flush() throws IOException {
            if (w != null) {
                w.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (w == null) {
                return;
            }
            if (file != null) {
                w.close();
            } else {
                w.flush();
            }
        }
    }

    /**
     * Counts a tick's longs and shorts into {@code sides[0]} and {@code sides[1]} and, when
     * {@code collected} is not null, adds its non-flat signals (the frame's sparse entries, in instrument order).
     */
    private static void tally(SignalFrame s, long timestampMillis, List<String> syms, List<Signal> collected, long[] sides) {
        int count = s.nonFlat(0);
        int start = s.entryStart(0);
        int[] ins = s.entryInstruments();
        byte[] side = s.entrySides();
        for (int e = start; e < start + count; e++) {
            sides[0] += side[e] == SignalFrame.LONG ? 1 : 0;
            sides[1] += side[e] == SignalFrame.SHORT ? 1 : 0;
            if (collected != null) {
                collected.add(new Signal(timestampMillis, syms.get(ins[e]), side[e], s.entryStrengths()[e],
                        s.entryWeights()[e]));
            }
        }
    }

    /** What a run measured, for the report. */
    private record Run(String data, int instruments, long ticks, String backend, String chain, long longs, long shorts,
                       Histogram service, Histogram fromSchedule, Histogram publish, double rate, double elapsedSeconds,
                       long signalsWritten, List<Signal> collected, JvmActivity duringMeasurement, int warmup,
                       String warmupHow, JitterProbe.Result machine) {
    }

    /**
     * {@code --warmup-ticks auto} on a replay: the measurement starts at the first tick, at least
     * {@link #MIN_TICKS} in, after which the JIT has compiled nothing for {@link #QUIET_TICKS} ticks and
     * {@link #QUIET_MILLIS} ms (the compilation time of the management bean, looked at every
     * {@link #WINDOW_TICKS} ticks; a compilation counts there only once it is done, so a short quiet
     * stretch can hide a long one in progress), or at half the bars, whichever comes first.
     */
    static final class AutoWarmup {
        static final int MIN_TICKS = 200;
        static final int WINDOW_TICKS = 250;
        static final int QUIET_TICKS = 2 * WINDOW_TICKS;
        static final long QUIET_MILLIS = 250;
        private final int cap;
        private long lastCompileMillis = -1;
        private int quietSinceTick;
        private long quietSinceNanos;
        private boolean capped;

        AutoWarmup(int bars) {
            this.cap = bars / 2;
        }

        /**
         * Whether the measurement starts at tick {@code t} (called before each tick, in order), given the
         * JIT's total ms so far (asked only every {@link #WINDOW_TICKS} ticks) and the time
         * ({@link System#nanoTime}).
         */
        boolean startsAt(int t, java.util.function.LongSupplier compileMillisNow, long nanos) {
            if (t >= cap) {
                capped = true;
                return true;
            }
            if (t < MIN_TICKS || (t - MIN_TICKS) % WINDOW_TICKS != 0) {
                return false;
            }
            long compileMillis = compileMillisNow.getAsLong();
            if (compileMillis != lastCompileMillis) {
                lastCompileMillis = compileMillis;
                quietSinceTick = t;
                quietSinceNanos = nanos;
                return false;
            }
            return t - quietSinceTick >= QUIET_TICKS && nanos - quietSinceNanos >= QUIET_MILLIS * 1_000_000;
        }

        String how() {
            return capped ? "auto: the JIT still compiling at half the bars"
                    : "auto: the JIT quiet for " + QUIET_TICKS + " ticks and " + QUIET_MILLIS + " ms";
        }
    }

    /**
     * What the JVM did besides the ticks, as its management beans count it: collections (count, ms)
     * and JIT compilation (ms; approximate). {@link #since} gives the difference over the measured ticks,
     * so a reader knows whether a pause or the JIT (still compiling, or recompiling after a
     * deoptimisation) is in the numbers.
     */
    record JvmActivity(long collections, long collectionMillis, long compileMillis) {
        static JvmActivity now() {
            return new JvmActivity(Harness.gcCount(), Harness.gcMillis(), compileMillisNow());
        }

        /** The JIT's total compilation time so far, ms (-1 where the JVM does not keep it). */
        static long compileMillisNow() {
            return Harness.jitMillis();
        }

        JvmActivity since(JvmActivity start) {
            return new JvmActivity(collections - start.collections, collectionMillis - start.collectionMillis,
                    compileMillis - start.compileMillis);
        }
    }

    /**
     * A {@code N|auto} option's ticks: -1 for auto (for --prime-ticks that is {@link LiveEngine#PRIME_AUTO}); a
     * number below 0 or not a number is a usage error.
     */
    private static int ticksOrAuto(String flag, String value) {
        if ("auto".equals(value)) {
            return -1;
        }
        int ticks;
        try {
            ticks = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            ticks = -1;
        }
        if (ticks < 0) {
            throw new UsageException(flag + " must be a number >= 0 or auto, " + flag.substring(2) + "=" + value);
        }
        return ticks;
    }

    /** Primes the engine before its first bar (--prime-ticks), noting what it did for the report. */
    private void prime(LiveEngine live, int instruments) {
        long t0 = System.nanoTime();
        primedTicks = live.prime(primeTicks);
        primedSeconds = (System.nanoTime() - t0) / 1e9;
        primedHow = primeTicks == LiveEngine.PRIME_AUTO
                ? ": " + LiveEngine.warmUpTicks(instruments) + ", then rounds until the JIT was quiet or a cap" : "";
    }

    /** The warm-up's histograms are emptied every this many ticks, so that an empty one's first values are compiled. */
    static final int WARM_RESET_TICKS = 128;

    private Run replayRun(Model m, Sink sinkWriter) throws IOException {
        DataOptions.Loaded loaded = dataOptions.load();
        Panel panel = loaded.panel();
        int n = panel.instruments();
        String chain = policy.spec(n);
        Backend chosen = engineBackend();
        Histogram service = new Histogram(3_600_000_000_000L, 3);
        Histogram fromSchedule = rate == null ? null : new Histogram(3_600_000_000_000L, 3);
        long[] timestamps = panel.timestampsMillis();
        List<String> syms = panel.symbols();
        // the replayed calendar is known: the sink spells times as --out does (dates for daily bars)
        SignalLines lines = sinkWriter == null ? null : new SignalLines(syms, io.vectrade.data.TimestampText.of(timestamps));
        String resolved;
        long intervalNanos = rate == null ? 0 : Math.max(1, Math.round(1e9 / rate));
        long began;
        long ended;
        JvmActivity measuredFrom = null;
        JvmActivity during;
        AutoWarmup auto = autoWarmup ? new AutoWarmup(panel.bars()) : null;
        int warm = autoWarmup ? -1 : warmupTicks;
        ReplayTicks ticks;
        try (LiveEngine live = LiveEngine.create(m, SignalChain.parse(chain), chosen, n)) {
            prime(live, n);
            restore(live, syms);
            resolved = live.backend().id();
            ticks = new ReplayTicks(live, panel, intervalNanos, out == null ? null : new ArrayList<>(), lines, sinkWriter);
            // the warm-up ticks run the measured ticks' code (the schedule, the recording) into histograms of
            // their own, so that the JIT has compiled all of it, not only the engine, before the measurement
            Histogram warmService = new Histogram(3_600_000_000_000L, 3);
            Histogram warmSchedule = rate == null ? null : new Histogram(3_600_000_000_000L, 3);
            long start = System.nanoTime() + intervalNanos;
            int from = 0;
            long lastEnd = 0;
            began = System.nanoTime();
            for (int t = 0; t < panel.bars(); t++) {
                if (warm < 0 && auto.startsAt(t, JvmActivity::compileMillisNow, System.nanoTime())) {
                    warm = t;
                }
                boolean measured = warm >= 0 && t >= warm;
                if (t == warm) {
                    measuredFrom = JvmActivity.now();
                    // the schedule starts again with the measurement; as fast as possible, the rate is of
                    // the measured ticks: the warm-up (the JIT at work) is not in it
                    start = System.nanoTime() + intervalNanos;
                    from = t;
                    began = rate == null ? System.nanoTime() : start;
                }
                if (!measured && t % WARM_RESET_TICKS == 0) {
                    // an empty histogram's first values take branches (a new minimum and maximum) that a filled one
                    // no longer takes: the JIT compiled them as never taken, and the fresh measured histogram's first
                    // value deoptimised the tick (-Xlog:deoptimization: unstable_if in updateMinAndMax)
                    warmService.reset();
                    if (warmSchedule != null) {
                        warmSchedule.reset();
                    }
                }
                long scheduled = rate == null ? 0 : start + (long) (t - from) * intervalNanos;
                if (!measured && rate != null && scheduled < lastEnd + intervalNanos / 2) {
                    // a warm-up tick behind its schedule (the engine not yet compiled, or a slow machine) still
                    // waits, half an interval: the wait's loop is then compiled as it runs when measured
                    start += lastEnd + intervalNanos / 2 - scheduled;
                    scheduled = lastEnd + intervalNanos / 2;
                }
                lastEnd = ticks.tick(t, scheduled, measured ? service : warmService, measured ? fromSchedule : warmSchedule);
            }
            ended = System.nanoTime();
            during = measuredFrom == null ? null : JvmActivity.now().since(measuredFrom);
            snapshot(live, syms);
        }
        if (out != null) {
            SignalOutput.write(target, ticks.collected, io.vectrade.data.TimestampText.of(timestamps));
        }
        if (warm < 0 || warm > panel.bars()) {
            warm = panel.bars();
        }
        long measuredTicks = panel.bars() - warm;
        // the machine's own tail for work as long as the median tick, on this thread, the engine closed
        double work = Math.max(1.0, service.getValueAtPercentile(50) / 1e3);
        JitterProbe.Result machine = service.getTotalCount() == 0 ? null
                : JitterProbe.measure(work, JitterProbe.samplesWithin(work, 0.5));
        return new Run(loaded.source() + ": instruments=" + n + " bars=" + panel.bars() + " (one tick per bar)", n,
                measuredTicks, resolved, chain, ticks.sides[0], ticks.sides[1], service, fromSchedule, null,
                rate == null ? Double.NaN : rate, (ended - began) / 1e9, ticks.written, ticks.collected, during, warm,
                auto == null ? null : auto.how(), machine);
    }

    /**
     * One replayed tick: the bar copied, the wait for its scheduled start (at a fixed rate), the engine's
     * tick timed, its latency recorded, the signals tallied and written. A method of its own, called once a
     * tick, so that the JIT compiles it (and inlines the recording) as it does the engine; the replay's
     * loop, entered once, would stay in the interpreter.
     */
    private static final class ReplayTicks {
        private final LiveEngine live;
        private final Panel panel;
        private final long intervalNanos;
        private final double[][] bar;
        private final long[] timestamps;
        private final List<String> syms;
        private final List<Signal> collected;
        private final SignalLines lines;
        private final Sink sinkWriter;
        private final long[] sides = new long[2];
        private long written;

        ReplayTicks(LiveEngine live, Panel panel, long intervalNanos, List<Signal> collected, SignalLines lines,
                    Sink sinkWriter) {
            this.live = live;
            this.panel = panel;
            this.intervalNanos = intervalNanos;
            this.bar = new double[5][panel.instruments()];
            this.timestamps = panel.timestampsMillis();
            this.syms = panel.symbols();
            this.collected = collected;
            this.lines = lines;
            this.sinkWriter = sinkWriter;
        }

        /**
         * Bar {@code t}; at a fixed rate ({@code fromSchedule} not null) it starts at {@code scheduled}
         * (System.nanoTime) and its latency goes to {@code service} with the expected-interval correction
         * and to {@code fromSchedule} from that start, else to {@code service} as it is. Returns the time the
         * engine's tick ended (System.nanoTime).
         */
        long tick(int t, long scheduled, Histogram service, Histogram fromSchedule) throws IOException {
            double[][] b = bar;
            panel.copyBar(t, b[0], b[1], b[2], b[3], b[4]);
            if (fromSchedule != null) {
                waitUntil(scheduled);
            }
            long t0 = System.nanoTime();
            SignalFrame s = live.onTick(b[0], b[1], b[2], b[3], b[4]);
            long t1 = System.nanoTime();
            if (fromSchedule != null) {
                // HdrHistogram's coordinated-omission correction: a tick that overran the interval
                // stands for the ticks that could not start on time
                service.recordValueWithExpectedInterval(t1 - t0, intervalNanos);
                fromSchedule.recordValue(Math.max(0, t1 - scheduled));
            } else {
                service.recordValue(t1 - t0);
            }
            tally(s, timestamps[t], syms, collected, sides);
            if (lines != null) {
                int k = lines.write(timestamps[t], s, 0, sinkWriter);
                written += k;
                if (k > 0) {
                    sinkWriter.flush();
                }
            }
            return t1;
        }
    }

    /** Waits for {@code deadline} (System.nanoTime): parks while far, spins the last 100 microseconds. */
    private static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (left > 200_000) {
                LockSupport.parkNanos(left - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private Run stdinRun(Model m, Sink sinkWriter) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        BarLine rec = new BarLine();
        long lineNo = 0;
        // the instruments: --symbols, or those of the first bar (its lines up to the first timestamp change), sorted
        List<String> universe = symbols == null ? null : List.copyOf(symbols);
        List<String> firstLines = new ArrayList<>();
        String line;
        if (universe == null) {
            List<String> seen = new ArrayList<>();
            long firstTs = Long.MIN_VALUE;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && BarLine.isHeader(line)) {
                    continue;
                }
                if (line.isBlank()) {
                    if (!seen.isEmpty()) {
                        firstLines.add(line);
                        break;
                    }
                    continue;
                }
                rec.parse(line, STDIN, lineNo);
                if (firstTs != Long.MIN_VALUE && rec.timestampMillis != firstTs) {
                    firstLines.add(line);
                    break;
                }
                firstTs = rec.timestampMillis;
                if (!seen.contains(rec.symbol)) {
                    seen.add(rec.symbol);
                }
                firstLines.add(line);
            }
            Collections.sort(seen);
            universe = seen;
        }
        if (universe.isEmpty()) {
            throw new UsageException("--source stdin: no bars on stdin");
        }
        int n = universe.size();
        String chain = policy.spec(n);
        Histogram service = new Histogram(3_600_000_000_000L, 3);
        Histogram publish = new Histogram(3_600_000_000_000L, 3);
        Histogram warmService = new Histogram(3_600_000_000_000L, 3);
        Histogram warmPublish = new Histogram(3_600_000_000_000L, 3);
        SignalLines lines = sinkWriter == null ? null : new SignalLines(universe);
        List<Signal> collected = out == null ? null : new ArrayList<>();
        long[] counts = new long[3];
        long[] arrival = new long[1];
        // every tick's time at midnight UTC: --out writes dates (the rule of TimestampText, over all ticks)
        boolean[] daily = {true};
        String resolved;
        try (LiveEngine live = LiveEngine.create(m, SignalChain.parse(chain), engineBackend(), n)) {
            prime(live, n);
            restore(live, universe);
            long began = System.nanoTime(); // the rate counts the bars' time, not the priming's
            resolved = live.backend().id();
            List<String> syms = universe;
            BarAssembler bars = new BarAssembler(universe, (ts, o, h, l, c, v) -> {
                daily[0] &= Math.floorMod(ts, 86_400_000L) == 0;
                long t0 = System.nanoTime();
                SignalFrame s = live.onTick(o, h, l, c, v);
                long t1 = System.nanoTime();
                // the warm-up ticks record into histograms of their own: the recording is compiled with the tick
                boolean measured = live.ticks() > warmupTicks;
                if (!measured && live.ticks() % WARM_RESET_TICKS == 0) {
                    // as in the replay: an empty histogram's first values are compiled before the measurement
                    warmService.reset();
                    warmPublish.reset();
                }
                (measured ? service : warmService).recordValue(t1 - t0);
                tally(s, ts, syms, collected, counts);
                if (lines != null) {
                    int k = lines.write(ts, s, 0, sinkWriter);
                    counts[2] += k;
                    if (k > 0) {
                        sinkWriter.flush();
                    }
                }
                (measured ? publish : warmPublish).recordValue(Math.max(0, System.nanoTime() - arrival[0]));
            });
            long replayed = 0;
            for (String first : firstLines) {
                replayed++;
                arrival[0] = System.nanoTime();
                feed(bars, rec, first, lineNo - firstLines.size() + replayed);
            }
            while ((line = in.readLine()) != null) {
                lineNo++;
                arrival[0] = System.nanoTime();
                if (lineNo == 1 && BarLine.isHeader(line)) {
                    continue;
                }
                feed(bars, rec, line, lineNo);
            }
            arrival[0] = System.nanoTime();
            bars.flush();
            snapshot(live, universe);
            long ticks = bars.ticks();
            if (out != null) {
                SignalOutput.write(target, collected, daily[0] && ticks > 0
                        ? io.vectrade.data.TimestampText.DATE : io.vectrade.data.TimestampText.DATE_TIME);
            }
            return new Run("<stdin>: instruments=" + n + " ticks=" + ticks, n, Math.max(0, ticks - warmupTicks), resolved,
                    chain, counts[0], counts[1], service, null, publish, Double.NaN, (System.nanoTime() - began) / 1e9,
                    counts[2], collected, null, warmupTicks, null, null);
        }
    }

    /**
     * {@code --source kafka}: the connector polled until stopped (a shutdown hook: SIGTERM, SIGINT) or
     * idle for {@code --idle-exit}; the session is closed between polls, so the open bar's records
     * are read again after a restart, and offsets are only ever committed after a tick's signals.
     */
    private int kafkaRun() throws Exception {
        var parsed = spec.commandLine().getParseResult();
        for (String f : new String[] {"--replay", "--rate", "--sink", "--out", "--restore", "--histogram"}) {
            if (parsed.hasMatchedOption(f)) {
                throw new UsageException(f + " is not for --source kafka (signals go to --signals-topic; "
                        + "--snapshot is written every --snapshot-every ticks and restored from at the start)");
            }
        }
        if (symbols == null || symbols.isEmpty()) {
            throw new UsageException("--source kafka needs --symbols A,B,.. (the instruments, in engine order)");
        }
        if (kafka.snapshotEveryTicks < 1) {
            throw new UsageException("--snapshot-every must be >= 1, snapshot-every=" + kafka.snapshotEveryTicks);
        }
        if (!(kafka.connectTimeoutSeconds > 0 && kafka.connectTimeoutSeconds <= 3600)) {
            throw new UsageException("--connect-timeout must be in (0, 3600] seconds, connect-timeout="
                    + kafka.connectTimeoutSeconds);
        }
        if (kafka.idleExitSeconds != null && !(kafka.idleExitSeconds > 0)) {
            throw new UsageException("--idle-exit must be > 0 seconds, idle-exit=" + kafka.idleExitSeconds);
        }
        if (snapshotFile != null && snapshotFile.getParent() != null && !Files.isDirectory(snapshotFile.getParent())) {
            throw new UsageException("--snapshot: no such directory, snapshot=" + snapshotFile);
        }
        LiveConnector connector = LiveConnectors.find("kafka").orElseThrow(() -> new UsageException(
                "--source kafka needs the module vectrade-connectors (io.vectrade:vectrade-connectors) and kafka-clients"
                        + " on the class path; ./vectrade puts them there"));
        Model m = model.load();
        List<String> universe = List.copyOf(symbols);
        if (universe.stream().distinct().count() != universe.size()) {
            throw new UsageException("--symbols names an instrument twice, symbols=" + String.join(",", universe));
        }
        String chain = policy.spec(universe.size());
        Backend chosen = engineBackend();
        LiveConnector.Settings settings = new LiveConnector.Settings(kafka.given(), universe, snapshotFile,
                kafka.snapshotEveryTicks, Duration.ofNanos(Math.round(kafka.connectTimeoutSeconds * 1e9)),
                primeTicks);
        PrintWriter o = spec.commandLine().getOut();
        long idleNanos = kafka.idleExitSeconds == null ? Long.MAX_VALUE : Math.round(kafka.idleExitSeconds * 1e9);
        CountDownLatch closed = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                closed.await(10, TimeUnit.SECONDS); // let the loop close the session between polls
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vectrade-kafka-stop");
        String why;
        LiveConnector.Session session = connector.open(settings, m, SignalChain.parse(chain), chosen);
        long t0 = System.nanoTime();
        try (session) {
            Runtime.getRuntime().addShutdownHook(hook);
            o.printf(Locale.ROOT, "source    kafka %s, bars %s -> signals %s, %d instruments, model %s on %s; policy %s%s%n",
                    kafka.bootstrap, kafka.barsTopic, kafka.signalsTopic, universe.size(), model.name(),
                    chosen.name().toLowerCase(Locale.ROOT), chain,
                    settings.primeTicks() == LiveEngine.PRIME_AUTO ? "; primed until the JIT was quiet (or a cap)"
                            : settings.primeTicks() > 0 ? "; primed with " + settings.primeTicks() + " synthetic ticks" : "");
            o.flush();
            long lastRecord = System.nanoTime();
            while (true) {
                if (stop.get()) {
                    why = "stopped by a signal";
                    break;
                }
                if (session.poll(Duration.ofMillis(100)) > 0) {
                    lastRecord = System.nanoTime();
                } else if (System.nanoTime() - lastRecord >= idleNanos) {
                    why = "idle for " + kafka.idleExitSeconds + " s";
                    break;
                }
            }
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or never added: the hook runs or is gone
            }
        }
        o.printf(Locale.ROOT, "kafka     %s after %.1f s: engine ticks %d, published %d ticks, %d signals, %d dead letters%n",
                why, (System.nanoTime() - t0) / 1e9, session.engineTicks(), session.ticksPublished(),
                session.signalsPublished(), session.deadLetters());
        o.flush();
        return 0;
    }

    /**
     * The backend the engine runs on: the one asked for, except that a run that saves or restores its
     * state needs cpu or simd (the cuda engine keeps its state on the device and cannot save it), so
     * {@code auto} then means simd and {@code cuda} is refused.
     */
    private Backend engineBackend() {
        Backend asked = backend.get();
        if (snapshotFile == null && restoreFile == null) {
            return asked;
        }
        if (asked == Backend.CUDA) {
            throw new UsageException("--snapshot and --restore need --backend cpu or simd: the cuda live engine"
                    + " keeps its state on the device and cannot save it, backend=cuda");
        }
        return asked == Backend.AUTO ? Backend.SIMD : asked;
    }

    /** The instruments, then the engine's own snapshot. */
    private void restore(LiveEngine live, List<String> instruments) throws IOException {
        if (restoreFile == null) {
            return;
        }
        if (!Files.isRegularFile(restoreFile)) {
            throw new UsageException("--restore: no such file, restore=" + restoreFile);
        }
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(restoreFile)))) {
            String names = in.readUTF();
            if (!names.equals(String.join(",", instruments))) {
                throw new UsageException("--restore: the snapshot is of other instruments, restore=" + restoreFile);
            }
            live.restore(in);
        } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
            throw new UsageException("--restore: not a live engine snapshot, restore=" + restoreFile);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--restore: " + e.getMessage() + ", restore=" + restoreFile);
        }
    }

    private void snapshot(LiveEngine live, List<String> instruments) throws IOException {
        if (snapshotFile == null) {
            return;
        }
        io.vectrade.io.AtomicFiles.writeBytes(snapshotFile, o -> {
            java.io.DataOutputStream d = new java.io.DataOutputStream(o);
            d.writeUTF(String.join(",", instruments));
            d.flush();
            live.snapshot(o);
        });
    }

    private static void feed(BarAssembler bars, BarLine rec, String line, long lineNo) throws IOException {
        if (line.isBlank()) {
            bars.flush();
            return;
        }
        rec.parse(line, STDIN, lineNo);
        try {
            bars.accept(rec.symbol, rec.timestampMillis, rec.open, rec.high, rec.low, rec.close, rec.volume);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("unknown symbol") || e.getMessage().startsWith("second") ? "symbol"
                    : "timestamp";
            throw new io.vectrade.data.DataFormatException(STDIN, lineNo, field, e.getMessage());
        }
    }

    private void report(PrintWriter o, Run r) throws IOException {
        o.printf(Locale.ROOT, "data      %s%n", r.data());
        o.printf(Locale.ROOT, "model     %s on %s; policy %s%n", model.name(), r.backend(), r.chain());
        o.printf(Locale.ROOT, "jvm       %s, max heap %d MiB, %s%n", collectors(),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.version());
        if (primedTicks > 0) {
            o.printf(Locale.ROOT, "prime     %d synthetic ticks through the engine before the first bar, %.1f s (--prime-ticks %s%s;"
                    + " 0 skips it)%n", primedTicks, primedSeconds, primeOption, primedHow);
        }
        o.printf(Locale.ROOT, "signals   long %d, short %d (instrument-ticks)%n", r.longs(), r.shorts());
        Histogram h = r.service();
        if (h.getTotalCount() == 0) {
            o.printf(Locale.ROOT, "latency   no ticks after the %d warm-up ticks%n", r.warmup());
        } else if (r.fromSchedule() == null) {
            o.printf(Locale.ROOT, "latency   per tick of %d instruments over %d ticks (after %d warm-up%s): %s, mean %.1f us%n",
                    r.instruments(), h.getTotalCount(), r.warmup(), r.warmupHow() == null ? "" : "; " + r.warmupHow(),
                    percentiles(h), h.getMean() / 1e3);
            o.printf(Locale.ROOT, "rate      %.0f ticks/s as fast as possible (%.0f ticks/s from the mean tick alone)%n",
                    r.ticks() / Math.max(1e-9, r.elapsedSeconds()), 1e9 / h.getMean());
        } else {
            o.printf(Locale.ROOT, "rate      fixed %.0f ticks/s (interval %.1f us), %d ticks in %.2f s (after %d warm-up%s)%n",
                    r.rate(), 1e6 / r.rate(), r.ticks(), r.elapsedSeconds(), r.warmup(),
                    r.warmupHow() == null ? "" : "; " + r.warmupHow());
            o.printf(Locale.ROOT, "latency   from the scheduled start: %s%n", percentiles(r.fromSchedule()));
            o.printf(Locale.ROOT, "latency   per tick, coordinated omission corrected (expected interval): %s, over %d values%n",
                    percentiles(h), h.getTotalCount());
        }
        JvmActivity during = r.duringMeasurement();
        if (during != null && h.getTotalCount() > 0) {
            o.printf(Locale.ROOT, "during    the measured ticks: %d collections (%d ms), %d ms of JIT compilation%s%n",
                    during.collections(), during.collectionMillis(), during.compileMillis(), during.compileMillis() > 0
                            ? " (the JIT was still at work, or recompiling after a deoptimisation: it is in the tail;"
                            + (primedTicks > 0 ? "" : " --prime-ticks auto, the engine primed before the first bar, or")
                            + " a longer --warmup-ticks measures the compiled engine)" : "");
        }
        JitterProbe.Result machine = r.machine();
        if (machine != null) {
            o.printf(Locale.ROOT, "machine   a fixed compute loop of %.1f us on this thread, %d times, without the engine: p50 %.1f us,"
                            + " p99 %.1f us, p99.9 %.1f us, max %.1f us (the tail this machine adds by itself)%n",
                    machine.workMicros(), machine.samples(), machine.p50Micros(), machine.p99Micros(), machine.p999Micros(),
                    machine.maxMicros());
        }
        if (r.publish() != null && r.publish().getTotalCount() > 0) {
            o.printf(Locale.ROOT, "publish   from the line that closed the bar to its signals written: %s%n",
                    percentiles(r.publish()));
        }
        if (sink != null) {
            o.printf(Locale.ROOT, "sink      %s (%d signals as JSON lines)%n", sink, r.signalsWritten());
        }
        if (out != null) {
            o.printf(Locale.ROOT, "wrote     %s (%d signals)%n", out, r.collected().size());
        }
        if (histogramFile != null && h.getTotalCount() > 0) {
            Histogram written = r.fromSchedule() != null ? r.fromSchedule() : h;
            io.vectrade.io.AtomicFiles.write(histogramFile, w -> {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                    written.outputPercentileDistribution(ps, 1000.0);
                }
                w.write(bytes.toString(StandardCharsets.UTF_8));
            });
            o.printf(Locale.ROOT, "histogram %s (HdrHistogram percentile distribution, microseconds%s)%n", histogramFile,
                    r.fromSchedule() != null ? ", from the scheduled start" : "");
        }
        if (histogramPlot != null && h.getTotalCount() > 0) {
            List<io.vectrade.bench.report.PercentilePlot.Curve> curves = new ArrayList<>();
            if (r.fromSchedule() != null) {
                curves.add(io.vectrade.bench.report.PercentilePlot.Curve.of("from the scheduled start", r.fromSchedule()));
                curves.add(io.vectrade.bench.report.PercentilePlot.Curve.of("per tick, coordinated omission corrected", h));
            } else {
                curves.add(io.vectrade.bench.report.PercentilePlot.Curve.of("per tick", h));
            }
            if (r.publish() != null && r.publish().getTotalCount() > 0) {
                curves.add(io.vectrade.bench.report.PercentilePlot.Curve.of("publish: bar closed to signals written",
                        r.publish()));
            }
            byte[] png = io.vectrade.bench.report.PercentilePlot.png("Live tick latency by percentile, " + r.instruments()
                    + " instruments on " + r.backend(), String.format(Locale.ROOT, "%d ticks after %d warm-up%s",
                    (r.fromSchedule() != null ? r.fromSchedule() : h).getTotalCount(), r.warmup(), r.fromSchedule() != null ? String.format(Locale.ROOT,
                    ", fixed rate %.0f ticks/s", r.rate()) : ", as fast as possible"), curves);
            io.vectrade.io.AtomicFiles.writeBytes(histogramPlot, os -> os.write(png));
            o.printf(Locale.ROOT, "plot      %s (latency by percentile, HdrHistogram's percentile distribution)%n",
                    histogramPlot);
        }
        o.flush();
    }

    static String percentiles(Histogram h) {
        return String.format(Locale.ROOT, "p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, p99.99 %.1f us, max %.1f us",
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3);
    }

    private static String collectors() {
        List<String> names = new ArrayList<>();
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName());
        }
        return "gc " + String.join(" + ", names.isEmpty() ? Arrays.asList("?") : names);
    }
}
