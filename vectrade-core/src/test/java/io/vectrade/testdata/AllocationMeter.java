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

    /** Notes the threads alive now (not the component's). */
    public static AllocationMeter before() {
        MX.setThreadAllocatedMemoryEnabled(true);
        return new AllocationMeter(Arrays.stream(MX.getAllThreadIds()).boxed().collect(Collectors.toSet()));
    }

    /** Result of a window: bytes on all counted threads, and how many threads were counted. */
    public record Window(long bytes, long callingThreadBytes, int threads, String threadNames) {
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
        return new Window(total, s1 - s0, workers.length + 1, names);
    }

    /**
     * Like {@link #measure}, for code whose compilation takes long on a loaded machine (Vector API
     * kernels: until C2 has compiled them every vector is an object; and HotSpot resolves a class's
     * string constants on the thread that asks for its first C2 compile, a few hundred bytes once):
     * after {@code minWarmupCalls} calls, warms up further in probe windows of {@code windowCalls}
     * calls until three probe windows in a row allocate nothing on the counted threads and see no
     * compilation ({@code CompilationMXBean}'s total time unchanged), or {@code maxWarmupCalls} calls
     * in all; then measures a fresh window of {@code windowCalls} calls (a probe window is never the
     * result, so a component that allocates now and then, or always, still shows its bytes).
     */
    public Window measureAfterSettling(Runnable call, int minWarmupCalls, int maxWarmupCalls, int windowCalls) {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        measure(call, minWarmupCalls, 0);
        int calls = minWarmupCalls;
        int clean = 0;
        while (clean < 3 && calls < maxWarmupCalls) {
            long compiling = jit.getTotalCompilationTime();
            Window probe = measure(call, 0, windowCalls);
            calls += windowCalls;
            clean = probe.bytes() == 0 && jit.getTotalCompilationTime() == compiling ? clean + 1 : 0;
        }
        return measure(call, 0, windowCalls);
    }
}
