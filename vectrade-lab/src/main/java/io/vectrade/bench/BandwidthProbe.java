package io.vectrade.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A STREAM-like measurement of this machine's memory bandwidth, run once at the start of a bench
 * run ({@link BenchRunner}): copy and triad over three arrays of {@value #ARRAY_MIB} MiB each, on
 * one thread and on every available processor (disjoint contiguous parts), the best of
 * {@value #REPETITIONS} repetitions of each. About 0.2 to 0.6 s and 192 MiB of heap for the
 * duration of the probe.
 *
 * <p>Why {@value #ARRAY_MIB} MiB: the arrays must be much larger than the caches a core can use, but
 * the probe must stay short. On the 2-core development VM (which reports its host's 480 MiB L3 as
 * its last-level cache) 64 MiB and 256 MiB arrays measured the same bandwidth and 8 MiB arrays 4×
 * more (docs/benchmarking.md, "The memory floor"). The cache size the OS reports is recorded beside
 * the figures. Not thread-safe; one probe at a time.
 */
public final class BandwidthProbe {
    /** MiB per array. */
    public static final int ARRAY_MIB = 64;
    /** Repetitions per kernel and thread count; the best counts. */
    static final int REPETITIONS = 3;

    private BandwidthProbe() {
    }

    /** Measures this machine (on every available processor for the all-cores figures). */
    public static MemoryBandwidth measure() {
        return measure(ARRAY_MIB << 20, Runtime.getRuntime().availableProcessors());
    }

    /** Measures with arrays of {@code arrayBytes} (a multiple of 8) and {@code threads} threads for the all-cores figures. */
    static MemoryBandwidth measure(long arrayBytes, int threads) {
        if (arrayBytes < 8 || arrayBytes % 8 != 0 || arrayBytes / 8 > Integer.MAX_VALUE - 8 || threads < 1) {
            throw new IllegalArgumentException("bad bandwidth probe, arrayBytes=" + arrayBytes + " threads=" + threads);
        }
        int n = (int) (arrayBytes / 8);
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        // touch every page before timing (the first touch is a page fault, not bandwidth)
        Arrays.fill(a, 1.0);
        Arrays.fill(b, 2.0);
        Arrays.fill(c, 0.5);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "vectrade-bandwidth");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            double copy1 = 0;
            double triad1 = 0;
            double copyAll = 0;
            double triadAll = 0;
            for (int rep = 0; rep < REPETITIONS; rep++) {
                copy1 = Math.max(copy1, bytesPerSecond(16L * n, time(a, b, c, false, 1, null)));
                triad1 = Math.max(triad1, bytesPerSecond(24L * n, time(a, b, c, true, 1, null)));
                copyAll = Math.max(copyAll, bytesPerSecond(16L * n, time(a, b, c, false, threads, pool)));
                triadAll = Math.max(triadAll, bytesPerSecond(24L * n, time(a, b, c, true, threads, pool)));
            }
            // the arrays' contents are used: a probe whose stores were elided would fail here
            if (!(a[n - 1] > 0) || !(a[0] > 0)) {
                throw new IllegalStateException("bandwidth probe: unexpected array contents");
            }
            return new MemoryBandwidth(arrayBytes, lastLevelCacheBytes(Path.of("/sys/devices/system/cpu/cpu0/cache")),
                    threads, copy1, triad1, copyAll, triadAll);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** {@code bytes} moved in {@code nanos}, in bytes per second (0 for a zero or negative time). */
    static double bytesPerSecond(long bytes, long nanos) {
        return nanos <= 0 ? 0 : bytes * 1e9 / nanos;
    }

    /** Wall time of one copy or triad over the arrays, split into {@code threads} contiguous parts. */
    private static long time(double[] a, double[] b, double[] c, boolean triad, int threads, ExecutorService pool) {
        int n = a.length;
        long t0 = System.nanoTime();
        if (threads == 1) {
            run(a, b, c, triad, 0, n);
            return System.nanoTime() - t0;
        }
        Future<?>[] parts = new Future<?>[threads - 1];
        for (int k = 1; k < threads; k++) {
            int from = (int) ((long) n * k / threads);
            int to = (int) ((long) n * (k + 1) / threads);
            parts[k - 1] = pool.submit(() -> run(a, b, c, triad, from, to));
        }
        run(a, b, c, triad, 0, (int) ((long) n / threads));
        try {
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bandwidth probe interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("bandwidth probe failed: " + e.getCause(), e.getCause());
        }
        return System.nanoTime() - t0;
    }

    private static void run(double[] a, double[] b, double[] c, boolean triad, int from, int to) {
        if (triad) {
            for (int i = from; i < to; i++) {
                a[i] = b[i] + 3.0 * c[i];
            }
        } else {
            for (int i = from; i < to; i++) {
                a[i] = b[i];
            }
        }
    }

    /**
     * The largest {@code index}<i>k</i>{@code /size} under {@code cacheDir} (Linux sysfs: {@code 491520K}, {@code 2M}),
     * in bytes; -1 when there is none or it cannot be read.
     */
    static long lastLevelCacheBytes(Path cacheDir) {
        long best = -1;
        if (!Files.isDirectory(cacheDir)) {
            return -1;
        }
        try (var dirs = Files.list(cacheDir)) {
            for (Path d : (Iterable<Path>) dirs.filter(p -> p.getFileName().toString().startsWith("index"))::iterator) {
                best = Math.max(best, parseCacheSize(read(d.resolve("size"))));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return best;
    }

    /** {@code 491520K} → 503316480, {@code 2M}, {@code 48K}, plain bytes; -1 when not a size. */
    static long parseCacheSize(String text) {
        if (text == null) {
            return -1;
        }
        String s = text.strip();
        long unit = 1;
        if (s.endsWith("K")) {
            unit = 1L << 10;
        } else if (s.endsWith("M")) {
            unit = 1L << 20;
        } else if (s.endsWith("G")) {
            unit = 1L << 30;
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits) * unit;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }
}
