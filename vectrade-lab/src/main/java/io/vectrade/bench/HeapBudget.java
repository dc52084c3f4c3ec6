package io.vectrade.bench;

import java.util.Locale;

/**
 * Checks, before anything is allocated, that a run's largest workload fits the heap: a panel that
 * passes the size check but not the heap is one message naming the key and the sizes, not an
 * {@link OutOfMemoryError} half-way through a run. Stateless.
 */
public final class HeapBudget {
    /**
     * Heap bytes per (instrument, bar) of the panel workloads, an upper estimate: the bars (5
     * doubles), the feature table of the standard set (up to 30 columns), scores and the signal
     * frame, plus the pipeline's scratch.
     */
    public static final long BYTES_PER_CELL = 320;

    /** Share of the maximum heap a workload may plan to use (the rest: the JVM, caches, copies). */
    public static final double HEAP_SHARE = 0.8;

    private HeapBudget() {
    }

    /** @throws ConfigException naming {@code panel} when the panel workload does not fit the heap */
    public static void check(BenchConfig c) {
        check("panel", (long) c.panelInstruments() * c.panelBars(), Runtime.getRuntime().maxMemory());
    }

    /** @throws ConfigException naming {@code key} when {@code cells} cells do not fit {@code maxHeapBytes} */
    static void check(String key, long cells, long maxHeapBytes) {
        String problem = problem(cells, maxHeapBytes);
        if (problem != null) {
            throw new ConfigException(key, problem);
        }
    }

    /**
     * Why a panel of {@code cells} instrument-bars does not fit {@code maxHeapBytes}, or null when it
     * does; checked before anything is allocated.
     */
    public static String problem(long cells, long maxHeapBytes) {
        double need = (double) cells * BYTES_PER_CELL;
        if (need <= HEAP_SHARE * maxHeapBytes) {
            return null;
        }
        return String.format(Locale.ROOT, "does not fit the heap: %d instrument-bars need about %.0f MiB, more than %.0f %% of"
                + " the %.0f MiB heap (use a smaller panel, or raise -Xmx through VECTRADE_JVM_OPTS)",
                cells, need / (1 << 20), HEAP_SHARE * 100, maxHeapBytes / (double) (1 << 20));
    }
}
