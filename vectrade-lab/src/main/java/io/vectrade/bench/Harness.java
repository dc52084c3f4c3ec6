package io.vectrade.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The in-process measuring loop (docs/benchmarking.md explains each choice):
 *
 * <ol>
 *   <li><b>warm-up</b>: calls until {@code minWarmupNanos} have passed (at least two calls); the
 *       fastest of them estimates the time per call; then {@code warmupIterations} unrecorded
 *       samples (a floor); then more unrecorded samples until the JIT has been quiet (no compilation
 *       finished, {@link java.lang.management.CompilationMXBean}) for {@code minWarmupNanos / 2}
 *       and its compile queue is empty with no compilation in progress (the
 *       {@code Compiler.queue} diagnostic command: a long C2 compilation of a Vector API kernel
 *       finishes no compilation for a second or more on a loaded machine, so "quiet" alone let
 *       series cells be measured half interpreted), at most {@code 100 × minWarmupNanos} of them.
 *       An iteration count alone is not a warm-up:
 *       five samples of a 1,000-bar call can end before C2 has compiled the Vector API kernels,
 *       whose uncompiled form allocates an object per vector operation and runs 100–700× slower
 *       (docs/benchmarks.md, issue 11);</li>
 *   <li><b>calls per sample</b>: a sample times {@code reps} back-to-back calls, enough to last
 *       {@code minSampleNanos}, so {@link System#nanoTime()}'s resolution is negligible;</li>
 *   <li><b>input rotation</b>: call {@code k} gets input variant {@code k % variants};</li>
 *   <li><b>GC</b>: a full GC before the measured samples; collections during them are counted;</li>
 *   <li><b>sink</b>: {@code afterSample} runs after every sample, outside the timer, to fold
 *       outputs into the {@link Sink};</li>
 *   <li><b>allocation</b>: bytes allocated during the measured samples, by the calling thread and
 *       by all Java threads, live or ended (so worker pools count too, and so does any background
 *       thread that allocates meanwhile).</li>
 *   <li><b>CPU time</b>: the process's CPU time across each sample ({@link CpuClock}), beside its
 *       wall time: descheduling by other processes lengthens the wall time, not the CPU time.</li>
 * </ol>
 *
 * Not thread-safe; measure on one thread.
 */
public final class Harness {

    /** One call on input variant {@code variant}. */
    @FunctionalInterface
    public interface Call {
        void run(int variant);
    }

    /**
     * How long and how often to measure.
     *
     * @param warmupIterations unrecorded samples after the timed warm-up
     * @param testIterations   recorded samples
     * @param minWarmupNanos   least warm-up time before the warm-up samples
     * @param minSampleNanos   least time per sample (calls are batched to reach it)
     */
    public record Settings(int warmupIterations, int testIterations, long minWarmupNanos, long minSampleNanos) {
        public Settings {
            if (warmupIterations < 0 || testIterations < 1 || minWarmupNanos < 0 || minSampleNanos < 0) {
                throw new IllegalArgumentException("bad harness settings, warmup=" + warmupIterations
                        + " test=" + testIterations);
            }
        }
    }

    /**
     * What a measurement found.
     *
     * @param nanosPerCall            one value per sample: sample time / callsPerSample
     * @param callsPerSample          calls per sample
     * @param allocBytesPerCallThread bytes allocated per call by the calling thread (-1 unknown)
     * @param allocBytesPerCallAll    bytes allocated per call by all Java threads (-1 unknown)
     * @param gcCount                 collections during the measured samples
     * @param gcMillis                collection time during the measured samples
     * @param cpuNanosPerCall         one value per sample: the process's CPU time during the sample
     *                                ({@link CpuClock}, all threads) / callsPerSample; empty when not reported
     */
    public record Timing(double[] nanosPerCall, int callsPerSample, double allocBytesPerCallThread,
                         double allocBytesPerCallAll, long gcCount, long gcMillis, double[] cpuNanosPerCall) {
    }

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private Harness() {
    }

    /**
     * Measures {@code call}.
     *
     * @param variants    number of input variants to rotate through (&ge; 1)
     * @param afterSample run after each sample, untimed (consume outputs here)
     */
    public static Timing measure(Call call, int variants, Settings s, Runnable afterSample) {
        if (variants < 1) {
            throw new IllegalArgumentException("variants must be >= 1, variants=" + variants);
        }
        int k = 0;
        long start = System.nanoTime();
        long fastest = Long.MAX_VALUE;
        int warmCalls = 0;
        do {
            long t0 = System.nanoTime();
            call.run(k++ % variants);
            // the fastest warm call estimates the compiled cost; a slow one (interpreted, preempted) would
            // give too few calls per sample
            fastest = Math.min(fastest, System.nanoTime() - t0);
            warmCalls++;
        } while (System.nanoTime() - start < s.minWarmupNanos() || warmCalls < 2);
        int reps = (int) Math.max(1, Math.min(1_000_000, (s.minSampleNanos() + fastest - 1) / Math.max(1, fastest)));
        for (int w = 0; w < s.warmupIterations(); w++) {
            for (int r = 0; r < reps; r++) {
                call.run(k++ % variants);
            }
            afterSample.run();
        }
        k = settle(call, variants, k, reps, s.minWarmupNanos(), afterSample, Harness::jitMillis, COMPILER_BUSY);
        System.gc();
        long gc0 = gcCount();
        long gcMs0 = gcMillis();
        long th0 = threadAlloc();
        long all0 = allAlloc();
        double[] samples = new double[s.testIterations()];
        double[] cpu = new double[s.testIterations()];
        boolean cpuKnown = true;
        for (int i = 0; i < samples.length; i++) {
            long c0 = CpuClock.processNanos();
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                call.run(k++ % variants);
            }
            long dt = System.nanoTime() - t0;
            long c1 = CpuClock.processNanos();
            samples[i] = (double) dt / reps;
            cpu[i] = (double) (c1 - c0) / reps;
            cpuKnown &= c0 >= 0 && c1 >= c0;
            afterSample.run();
        }
        long th1 = threadAlloc();
        long all1 = allAlloc();
        double calls = (double) reps * samples.length;
        double perThread = th0 < 0 || th1 < 0 ? -1 : Math.max(0, th1 - th0) / calls;
        double perAll = all0 < 0 || all1 < 0 ? -1 : Math.max(0, all1 - all0) / calls;
        return new Timing(samples, reps, perThread, perAll, gcCount() - gc0, gcMillis() - gcMs0,
                cpuKnown ? cpu : new double[0]);
    }

    /** As below, with a compiler that is never busy beyond what {@code jitMillis} shows. */
    static int settle(Call call, int variants, int k, int reps, long minWarmupNanos, Runnable afterSample,
                      java.util.function.LongSupplier jitMillis) {
        return settle(call, variants, k, reps, minWarmupNanos, afterSample, jitMillis, () -> false);
    }

    /**
     * Unrecorded samples until {@code jitMillis} (the JIT's total compilation time) has not changed for
     * {@code minWarmupNanos / 2} and then {@code compilerBusy} says no compilation is queued or in
     * progress (else the quiet time starts again), or {@code 100 × minWarmupNanos} have passed;
     * nothing when {@code minWarmupNanos} is 0 or the JVM does not report compilation time
     * ({@code jitMillis} -1). Returns the next call index.
     */
    static int settle(Call call, int variants, int k, int reps, long minWarmupNanos, Runnable afterSample,
                      java.util.function.LongSupplier jitMillis, java.util.function.BooleanSupplier compilerBusy) {
        long start = System.nanoTime();
        long quietSince = start;
        long seen = jitMillis.getAsLong();
        if (seen < 0 || minWarmupNanos <= 0) {
            return k;
        }
        while (true) {
            for (int r = 0; r < reps; r++) {
                call.run(k++ % variants);
            }
            afterSample.run();
            long jit = jitMillis.getAsLong();
            long now = System.nanoTime();
            // quiet only as judged after a sample: a thread descheduled between samples saw no compilation
            if (jit != seen) {
                seen = jit;
                quietSince = now;
            } else if (now - quietSince >= minWarmupNanos / 2) {
                if (!compilerBusy.getAsBoolean()) {
                    return k;
                }
                quietSince = System.nanoTime();
            }
            if (now - start >= 100 * minWarmupNanos) {
                return k;
            }
        }
    }

    /** The JIT's total compilation time in ms, or -1 when the JVM does not report it. */
    public static long jitMillis() {
        java.lang.management.CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : -1;
    }

    /** True while the JIT has a compilation in progress or queued ({@link #compilerBusy(String)}); false when unknown. */
    private static final java.util.function.BooleanSupplier COMPILER_BUSY = () -> {
        try {
            javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object out = server.invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerQueue", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return out instanceof String text && compilerBusy(text);
        } catch (javax.management.JMException | RuntimeException e) {
            return false;
        }
    };

    /**
     * Reads the {@code Compiler.queue} diagnostic command's text: busy when a line follows
     * {@code Current compiles:} before the blank line, or a {@code ... compile queue:} is followed
     * by anything but {@code Empty}.
     */
    static boolean compilerBusy(String queueText) {
        String section = null;
        for (String raw : queueText.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("Current compiles:")) {
                section = "current";
            } else if (line.endsWith("compile queue:")) {
                section = "queue";
            } else if (line.isEmpty()) {
                section = null;
            } else if (section != null && !(section.equals("queue") && line.equals("Empty"))) {
                return true;
            }
        }
        return false;
    }

    /** Heap used after a full GC: the live heap (approximate; the JVM may not collect everything). */
    public static long liveHeapBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Collections so far, all collectors (the JVM's management beans). */
    public static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }

    /** Milliseconds spent in collections so far, all collectors (approximate, as the beans report it). */
    public static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionTime());
        }
        return n;
    }

    private static com.sun.management.ThreadMXBean threads() {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        if (t instanceof com.sun.management.ThreadMXBean s && s.isThreadAllocatedMemorySupported()) {
            if (!s.isThreadAllocatedMemoryEnabled()) {
                s.setThreadAllocatedMemoryEnabled(true);
            }
            return s;
        }
        return null;
    }

    private static long threadAlloc() {
        return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static long allAlloc() {
        if (THREADS == null) {
            return -1;
        }
        return THREADS.getTotalThreadAllocatedBytes();
    }
}
