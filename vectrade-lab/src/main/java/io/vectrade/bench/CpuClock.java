package io.vectrade.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * CPU time of the whole process (all threads: the caller, fork/join workers, GC, JIT), in ns. On
 * Linux it is {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)} through java.lang.foreign (ns
 * resolution); elsewhere, or when that fails, the platform MXBean's process CPU time (on Linux
 * that one counts clock ticks of 10 ms, too coarse for a 1 ms sample). Time a thread spends
 * descheduled by other processes is not CPU time, which is why {@code compare} judges it beside
 * wall time (docs/benchmarking.md, "Calibration"). Thread-safe.
 */
@SuppressWarnings("restricted")
public final class CpuClock {
    /** {@code CLOCK_PROCESS_CPUTIME_ID} on Linux. */
    private static final int LINUX_PROCESS_CPUTIME_ID = 2;
    private static final MethodHandle CLOCK_GETTIME = clockGettime();
    private static final ThreadLocal<MemorySegment> TIMESPEC =
            ThreadLocal.withInitial(() -> Arena.global().allocate(16, 8));

    private CpuClock() {
    }

    private static MethodHandle clockGettime() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || !"amd64 x86_64 aarch64".contains(System.getProperty("os.arch", "?"))) {
            return null;
        }
        try {
            Linker l = Linker.nativeLinker();
            MethodHandle h = l.downcallHandle(l.defaultLookup().find("clock_gettime").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            MemorySegment ts = Arena.global().allocate(16, 8);
            return (int) h.invokeExact(LINUX_PROCESS_CPUTIME_ID, ts) == 0 ? h : null;
        } catch (Throwable e) { // no native access, no symbol: fall back to the MXBean
            return null;
        }
    }

    /** True when the clock has ns resolution (Linux clock_gettime), false when it is the MXBean's. */
    public static boolean precise() {
        return CLOCK_GETTIME != null;
    }

    /** CPU time used by this process so far, in ns; -1 when the platform does not report it. */
    public static long processNanos() {
        if (CLOCK_GETTIME != null) {
            MemorySegment ts = TIMESPEC.get();
            try {
                if ((int) CLOCK_GETTIME.invokeExact(LINUX_PROCESS_CPUTIME_ID, ts) == 0) {
                    return ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
                }
            } catch (Throwable e) {
                return -1;
            }
            return -1;
        }
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
