package io.vectrade.testdata;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bytes a component allocates on every thread it uses: the calling thread and the threads it
 * started (its pools' workers), counted with
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])} over a fixed window of
 * calls after a warm-up. Take {@link #before()} before the component is made: every thread started
 * after it counts (the tests run one at a time, so those are the component's).
 */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Set<Long> existing;

    private AllocationMeter(Set<Long> existing) {
        this.existing = existing;
    }

    /**
     * Notes the threads alive now (not the component's). First interns the string constants of vectrade's
     * classes (main and test) and loads those classes, once per JVM ({@link ProjectClasses}): HotSpot would do
     * it for each class at its first C2 compile request, once, on the thread that asks, thousands of calls
     * into a hot path.
     */
    public static AllocationMeter before() {
        ProjectClasses.prepare(AllocationMeter.class, io.vectrade.data.Panel.class);
        MX.setThreadAllocatedMemoryEnabled(true);
        return new AllocationMeter(Arrays.stream(MX.getAllThreadIds()).boxed().collect(Collectors.toSet()));
    }

    /**
     * Result of a window: bytes on all counted threads, and how many threads were counted; {@code calls}: the
     * calls before the window (warm-up and probes) and in it.
     */
    public record Window(long bytes, long callingThreadBytes, int threads, String threadNames, long calls) {
    }

    /**
     * Calls in a row that must neither allocate nor see a compilation before a window counts as settled: twice
     * the C2 invocation threshold of this JVM ({@code Tier4InvocationThreshold} x {@code CompileThresholdScaling};
     * {@code CompileThreshold} without tiered compilation), 10,000 with the defaults. HotSpot asks for a
     * method's C2 compile when its invocations in its profiled (tier-3) code cross that threshold, and the
     * first such request for a method of a class resolves every string constant of the class on the thread that
     * asks ({@code CompileBroker::compile_method}: {@code resolve_string_constants}; it also loads the classes of
     * the method's signature), once; {@link #before()} does both ahead for the project's classes, this
     * covers the rest (the JDK's classes, and any other late one-time allocation). A method without
     * loops called once per call crosses it some 5,000 calls after its tier-3 code was installed, which is
     * long after the loops' compiles have finished: probe windows that end before then see a quiet JIT and
     * nothing allocated, and the window measured next may catch the strings (408 B, {@code SignalChain}'s five
     * message strings, in about 1 run in 8 of {@code HotPathAllocationTest.signalChains}). A quiet stretch this
     * long holds every such request: no compile finished in it (so every method called each time already had
     * its tier-3 code, or the compile that installs it would show), and each of those methods was called
     * often enough to cross the threshold (twice: the threshold grows while C2's queue is long).
     */
    public static final long QUIET_CALLS = quietCalls();

    private static long quietCalls() {
        try {
            var hs = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            boolean tiered = Boolean.parseBoolean(hs.getVMOption("TieredCompilation").getValue());
            long threshold = Long.parseLong(hs.getVMOption(tiered ? "Tier4InvocationThreshold" : "CompileThreshold").getValue());
            double scaling = Double.parseDouble(hs.getVMOption("CompileThresholdScaling").getValue());
            return Math.max(1, 2 * (long) Math.ceil(threshold * scaling));
        } catch (IllegalArgumentException | NullPointerException e) {
            return 10_000; // not HotSpot: twice HotSpot's default
        }
    }

    /**
     * Runs {@code call} {@code warmupCalls} times, then measures {@code windowCalls} calls: the
     * bytes allocated on the calling thread plus on every thread started since {@link #before()}.
     */
    public Window measure(Runnable call, int warmupCalls, int windowCalls) {
        for (int k = 0; k < warmupCalls; k++) {
            call.run();
        }
        long self = Thread.currentThread().threadId();
        long[] workers = Arrays.stream(MX.getAllThreadIds()).filter(id -> id != self && !existing.contains(id)).toArray();
        String names = Arrays.stream(MX.getThreadInfo(workers)).filter(java.util.Objects::nonNull)
                .map(java.lang.management.ThreadInfo::getThreadName).collect(Collectors.joining(", "));
        long[] w0 = MX.getThreadAllocatedBytes(workers);
        long s0 = MX.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < windowCalls; k++) {
            call.run();
        }
        long s1 = MX.getCurrentThreadAllocatedBytes();
        long[] w1 = MX.getThreadAllocatedBytes(workers);
        long total = s1 - s0;
        for (int i = 0; i < workers.length; i++) {
            if (w0[i] >= 0 && w1[i] >= 0) {
                total += w1[i] - w0[i];
            }
        }
        return new Window(total, s1 - s0, workers.length + 1, names, warmupCalls + windowCalls);
    }

    /**
     * Like {@link #measure}, for code the JIT compiles late (Vector API kernels: until C2 has compiled them
     * every vector is an object; and the string constants HotSpot resolves on the calling thread at the first
     * C2 request for a method of each class, see {@link #QUIET_CALLS}): after {@code minWarmupCalls} calls,
     * warms up further in probe windows of {@code windowCalls} calls until the probe windows of the last
     * {@link #QUIET_CALLS} calls (at least three windows) in a row allocated nothing on the counted threads and
     * saw no compilation ({@code CompilationMXBean}'s total time unchanged), or {@code maxWarmupCalls} calls in
     * all; then measures a fresh window of {@code windowCalls} calls (a probe window is never the result, so a
     * component that allocates now and then, or always, still shows its bytes).
     */
    public Window measureAfterSettling(Runnable call, int minWarmupCalls, int maxWarmupCalls, int windowCalls) {
        return measureAfterSettling(call, minWarmupCalls, maxWarmupCalls, windowCalls, QUIET_CALLS);
    }

    /**
     * Like {@link #measureAfterSettling(Runnable, int, int, int)} with a quiet stretch of {@code quietCalls}
     * calls (at least three windows) instead of {@link #QUIET_CALLS}: for calls so slow that 10,000 of them
     * take minutes, on a path where a scan of every call (in a JVM of its own, after {@link #before()}) found
     * no allocation once the first few hundred calls were done. Its caller says so where it calls it.
     */
    public Window measureAfterSettling(Runnable call, int minWarmupCalls, int maxWarmupCalls, int windowCalls,
                                       long quietCalls) {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        measure(call, minWarmupCalls, 0);
        long calls = minWarmupCalls;
        long quiet = 0;
        long wanted = Math.max(quietCalls, 3L * windowCalls);
        while (quiet < wanted && calls < maxWarmupCalls) {
            long compiling = jit.getTotalCompilationTime();
            Window probe = measure(call, 0, windowCalls);
            calls += windowCalls;
            quiet = probe.bytes() == 0 && jit.getTotalCompilationTime() == compiling ? quiet + windowCalls : 0;
        }
        Window w = measure(call, 0, windowCalls);
        return new Window(w.bytes(), w.callingThreadBytes(), w.threads(), w.threadNames(), calls + windowCalls);
    }
}
