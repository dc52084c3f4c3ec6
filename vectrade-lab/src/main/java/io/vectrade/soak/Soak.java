package io.vectrade.soak;

import io.vectrade.backend.Backend;
import io.vectrade.bench.Harness;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the live engine at a fixed tick rate on one thread and the batch pipeline in a loop on
 * another for {@code --duration} (with {@code --batch-pause} between runs, default none), and every {@code --sample} seconds records heap used after a full
 * GC, resident set size ({@code VmRSS}), GC pause time and count in the interval, and the interval's
 * tick latency (p50, p99, max, scheduled-to-done so a stall counts). Writes the samples as CSV and
 * exits 1 when memory grows: the mean of the last quarter of samples above the mean of the first
 * quarter (after the warm-up sample) by more than {@value #HEAP_GROWTH_LIMIT_PCT}% + 8 MiB (heap) or
 * {@value #RSS_GROWTH_LIMIT_PCT}% + 32 MiB (RSS). Exit 2 on bad arguments.
 *
 * <pre>
 * java ... io.vectrade.soak.Soak [--duration 1h] [--rate 200] [--instruments 500] [--panel 200x1260]
 *                                [--backend simd] [--sample 10s] [--batch-pause 0s] [--out soak.csv]
 * </pre>
 */
public final class Soak {
    static final int HEAP_GROWTH_LIMIT_PCT = 10;
    static final int RSS_GROWTH_LIMIT_PCT = 10;
    private static final long MIB = 1L << 20;

    record Sample(double seconds, long heapAfterGcBytes, long rssBytes, long gcPauseMillis, long gcCount,
                  long ticks, long lateTicks, double p50Micros, double p99Micros, double maxMicros, long batchRuns) {
        String csv() {
            return String.format(Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%d,%.1f,%.1f,%.1f,%d", seconds, heapAfterGcBytes,
                    rssBytes, gcPauseMillis, gcCount, ticks, lateTicks, p50Micros, p99Micros, maxMicros, batchRuns);
        }
    }

    /** A growth verdict: {@code ok}, and the line saying why. */
    record Verdict(boolean ok, String line) {
    }

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofHours(1);
        Duration sample = Duration.ofSeconds(10);
        int rate = 200;
        int instruments = 500;
        String panelShape = "200x1260";
        Backend backend = Backend.SIMD;
        Path out = Path.of("soak.csv");
        Duration batchPause = Duration.ZERO;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (v == null) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                switch (a) {
                    case "--duration" -> duration = parseDuration(a, v);
                    case "--sample" -> sample = parseDuration(a, v);
                    case "--rate" -> rate = positive(a, v);
                    case "--instruments" -> instruments = positive(a, v);
                    case "--panel" -> panelShape = SyntheticMarket.Shape.parse(v).toString();
                    case "--backend" -> backend = Backend.parse(v);
                    case "--out" -> out = Path.of(v);
                    case "--batch-pause" -> batchPause = parseDuration(a, v);
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + "; valid: --duration --sample --rate --instruments --panel --backend --batch-pause --out");
                }
                i++;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.exit(2);
        }
        System.exit(run(duration, sample, rate, instruments, SyntheticMarket.Shape.parse(panelShape), backend,
                batchPause, out, System.out) ? 0 : 1);
    }

    static Duration parseDuration(String option, String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        try {
            long n;
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            } else if (s.endsWith("s")) {
                n = Long.parseLong(s.substring(0, s.length() - 1));
                return Duration.ofSeconds(n);
            } else if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(option + " must be a duration such as 90s, 10m or 1h, value=" + v);
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(option + " must be a positive integer, value=" + v);
    }

    /** Runs the soak; true when memory stayed flat. */
    static boolean run(Duration duration, Duration sampleEvery, int ticksPerSecond, int instruments,
                       SyntheticMarket.Shape panelShape, Backend backend, Duration batchPause, Path csv,
                       PrintStream log)
            throws IOException, InterruptedException {
        Model model = Models.defaultModel();
        Panel ticks = SyntheticMarket.generate(instruments, 2520, 7);
        Panel batch = SyntheticMarket.generate(panelShape, 11);
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong batchRuns = new AtomicLong();
        AtomicLong tickCount = new AtomicLong();
        AtomicLong late = new AtomicLong();
        Object lock = new Object();
        Throwable[] failure = new Throwable[1];

        Thread live = Thread.ofPlatform().name("soak-live").start(() -> {
            long period = 1_000_000_000L / ticksPerSecond;
            double[][] bar = new double[5][instruments];
            try (LiveEngine engine = LiveEngine.create(model, SignalChain.parse("threshold"), backend, instruments)) {
                long next = System.nanoTime();
                int t = 0;
                long sink = 0;
                while (!stop.get()) {
                    if (t == ticks.bars()) {
                        engine.reset();
                        t = 0;
                    }
                    ticks.copyBar(t++, bar[0], bar[1], bar[2], bar[3], bar[4]);
                    SignalFrame s = engine.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                    sink += s.side(0, t % instruments);
                    long done = System.nanoTime();
                    synchronized (lock) {
                        latency.recordValue(Math.min(done - next, latency.getHighestTrackableValue()));
                    }
                    tickCount.incrementAndGet();
                    next += period;
                    if (done > next) {
                        late.incrementAndGet();
                        next = done; // do not burst to catch up
                    }
                    long wait;
                    while ((wait = next - System.nanoTime()) > 0 && !stop.get()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                if (sink == Long.MIN_VALUE) {
                    log.println(sink);
                }
            } catch (Throwable e) {
                failure[0] = e;
                stop.set(true);
            }
        });
        Thread pipeline = Thread.ofPlatform().name("soak-batch").start(() -> {
            try (TradingPipeline p = TradingPipeline.create(model, SignalChain.parse("rank(quantile=0.1) | caps(max=0.05)"),
                    backend)) {
                while (!stop.get()) {
                    p.run(batch);
                    batchRuns.incrementAndGet();
                    if (!batchPause.isZero()) {
                        Thread.sleep(batchPause);
                    }
                }
            } catch (Throwable e) {
                failure[0] = e;
                stop.set(true);
            }
        });

        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long prevPause = Harness.gcMillis();
        long prevCount = Harness.gcCount();
        long prevTicks = 0;
        long prevLate = 0;
        try (PrintStream w = new PrintStream(Files.newOutputStream(csv), true, StandardCharsets.UTF_8)) {
            w.println("seconds,heap_after_gc_bytes,rss_bytes,gc_pause_ms,gc_count,ticks,late_ticks,"
                    + "tick_p50_us,tick_p99_us,tick_max_us,batch_runs");
            log.printf(Locale.ROOT, "soak: %s, live %d instruments at %d ticks/s on %s, batch %s in a loop (pause %s); samples every %ds to %s%n",
                    duration, instruments, ticksPerSecond, backend.id(), panelShape, batchPause, sampleEvery.toSeconds(), csv);
            while (!stop.get() && System.nanoTime() < end) {
                long wake = Math.min(end, System.nanoTime() + sampleEvery.toNanos());
                while (System.nanoTime() < wake && !stop.get()) {
                    Thread.sleep(Math.max(1, (wake - System.nanoTime()) / 1_000_000));
                }
                long pause = Harness.gcMillis();
                long count = Harness.gcCount();
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                long gcAfter = Harness.gcMillis() - pause;
                long gcCountAfter = Harness.gcCount() - count;
                Histogram h;
                synchronized (lock) {
                    h = latency.copy();
                    latency.reset();
                }
                long tk = tickCount.get();
                long lt = late.get();
                Sample s = new Sample((System.nanoTime() - start) / 1e9, heap, rss(), pause - prevPause, count - prevCount,
                        tk - prevTicks, lt - prevLate, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                        h.getMaxValue() / 1e3, batchRuns.get());
                prevPause = pause + gcAfter;
                prevCount = count + gcCountAfter;
                prevTicks = tk;
                prevLate = lt;
                samples.add(s);
                w.println(s.csv());
                log.printf(Locale.ROOT, "soak: t=%5.0fs heap %6.1f MiB rss %6.1f MiB gc %4d ms/%d ticks %d (late %d) p50 %.1f us p99 %.1f us max %.1f us batch runs %d%n",
                        s.seconds(), s.heapAfterGcBytes() / (double) MIB, s.rssBytes() / (double) MIB, s.gcPauseMillis(),
                        s.gcCount(), s.ticks(), s.lateTicks(), s.p50Micros(), s.p99Micros(), s.maxMicros(), s.batchRuns());
            }
        } finally {
            stop.set(true);
            live.join();
            pipeline.join();
        }
        if (failure[0] != null) {
            log.println("soak: FAIL, a worker failed: " + failure[0]);
            failure[0].printStackTrace(log);
            return false;
        }
        Verdict v = verdict(samples);
        log.println("soak: " + v.line());
        return v.ok();
    }

    /** Flat or grown: last quarter's means against the first quarter's (the first sample is warm-up). */
    static Verdict verdict(List<Sample> samples) {
        List<Sample> s = samples.size() > 1 ? samples.subList(1, samples.size()) : samples;
        if (s.size() < 4) {
            return new Verdict(false, "FAIL, too few samples to judge growth (" + s.size() + " after warm-up; need 4)");
        }
        int q = s.size() / 4;
        double heap0 = mean(s.subList(0, q), true);
        double heap1 = mean(s.subList(s.size() - q, s.size()), true);
        double rss0 = mean(s.subList(0, q), false);
        double rss1 = mean(s.subList(s.size() - q, s.size()), false);
        boolean heapOk = heap1 <= heap0 * (1 + HEAP_GROWTH_LIMIT_PCT / 100.0) + 8 * MIB;
        boolean rssOk = rss1 <= rss0 * (1 + RSS_GROWTH_LIMIT_PCT / 100.0) + 32 * MIB;
        String line = String.format(Locale.ROOT,
                "%s: heap after GC %.1f -> %.1f MiB (%+.1f%%), RSS %.1f -> %.1f MiB (%+.1f%%), first vs last quarter of %d samples",
                heapOk && rssOk ? "PASS" : "FAIL", heap0 / MIB, heap1 / MIB, 100 * (heap1 / heap0 - 1), rss0 / MIB,
                rss1 / MIB, 100 * (rss1 / rss0 - 1), s.size());
        return new Verdict(heapOk && rssOk, line);
    }

    private static double mean(List<Sample> s, boolean heap) {
        return s.stream().mapToLong(x -> heap ? x.heapAfterGcBytes() : x.rssBytes()).average().orElse(Double.NaN);
    }

    /** Resident set size from /proc/self/status, or -1 where there is none. */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
