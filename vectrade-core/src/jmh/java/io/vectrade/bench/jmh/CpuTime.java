package io.vectrade.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The benchmark thread's CPU time beside JMH's wall time, for a machine shared with other work
 * (descheduling lengthens the wall time, not the CPU time). Every {@value #EVERY} invocations
 * (every invocation when the benchmark's {@code bars} parameter is at least 100,000)
 * {@link #tick} reads {@link ThreadMXBean#getCurrentThreadCpuTime()} (well under a microsecond,
 * so under 1 % of a 1,000-bar call) and adds the CPU time and the invocations since the last read;
 * JMH reports both sums per iteration ({@code cpuNanos}, {@code cpuCalls}): CPU ns per call is
 * their ratio. Single-threaded benchmarks only.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    static final int EVERY = 64;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU ns of the benchmark thread over {@link #cpuCalls} invocations. */
    public long cpuNanos;
    /** Invocations covered by {@link #cpuNanos}. */
    public long cpuCalls;
    private long last = -1;
    private int pending;
    private int every = EVERY;

    @Setup(Level.Iteration)
    public void reset(BenchmarkParams params) {
        String bars = params.getParamsKeys().contains("bars") ? params.getParam("bars") : null;
        every = bars != null && Integer.parseInt(bars) >= 100_000 ? 1 : EVERY;
        cpuNanos = 0;
        cpuCalls = 0;
        pending = 0;
        last = THREADS.getCurrentThreadCpuTime();
    }

    /** Call once per invocation. */
    public void tick() {
        if (++pending == every) {
            long now = THREADS.getCurrentThreadCpuTime();
            cpuNanos += now - last;
            cpuCalls += every;
            last = now;
            pending = 0;
        }
    }
}
