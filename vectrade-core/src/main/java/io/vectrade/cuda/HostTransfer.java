package io.vectrade.cuda;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureTable;
import io.vectrade.parallel.ForkJoinTasks;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/**
 * The host half of {@link CudaFeatureEngine}'s copies: panel columns into pinned memory (pack) and
 * pinned outputs into a {@link FeatureTable} (unpack), in bulk and over all cores.
 *
 * <p>Double moves with {@link MemorySegment#copy} (a memcpy); float converts a chunk of
 * {@value #CHUNK} values at a time in a loop the JIT vectorises (into/out of a per-task
 * {@code float[]}), then copies the chunk in one call. Work is split into at most {@code threads}
 * contiguous ranges (bars for pack, cells for unpack) run on a fixed {@link ForkJoinPool} whose
 * tasks are reused; below {@value #MIN_CELLS_PER_TASK} cells per task (by default) fewer tasks
 * run, and a single task runs on the calling thread. Steady state allocates nothing but the fork/join bookkeeping.
 *
 * <p>Not thread-safe: one call at a time (the engine's owner thread). {@link #close} stops the
 * pool's threads; a later call starts them again.
 */
final class HostTransfer implements AutoCloseable {
    /** Values converted per step of the float path (16 KiB of floats: stays in L1). */
    static final int CHUNK = 4096;
    /** Below this many cells per task the copy is not worth a thread. */
    static final int MIN_CELLS_PER_TASK = 1 << 16;

    private final int threads;
    private final int minCellsPerTask;
    private final ForkJoinTasks pool;
    private final float[][] scratch;
    private int tasks;

    // the operation in progress (published to the pool's threads by ForkJoinPool.invoke)
    private boolean packing;
    private boolean floats;
    private Panel panel;
    private double[] source;
    private MemorySegment host;
    private long hostBase;
    private boolean checkNaN;
    private final boolean[] nanFound;
    private FeatureTable table;
    /** Plain destination columns (instead of {@link #table}) for the unpack in progress. */
    private double[][] plain;
    /** End (exclusive) of the columns the current unpack copies. */
    private int columns;
    private long cells;

    /** Up to {@code threads} tasks of at least {@value #MIN_CELLS_PER_TASK} cells. */
    HostTransfer(int threads) {
        this(threads, MIN_CELLS_PER_TASK);
    }

    /**
     * Up to {@code threads} tasks of at least {@code minCellsPerTask} cells (tests use small
     * values to split small panels).
     *
     * @throws IllegalArgumentException if threads or minCellsPerTask &lt; 1
     */
    HostTransfer(int threads, int minCellsPerTask) {
        if (threads < 1 || minCellsPerTask < 1) {
            throw new IllegalArgumentException("threads and minCellsPerTask must be at least 1, threads=" + threads
                    + " minCellsPerTask=" + minCellsPerTask);
        }
        this.threads = threads;
        this.minCellsPerTask = minCellsPerTask;
        this.pool = new ForkJoinTasks(threads, this::work);
        this.scratch = new float[threads][];
        this.nanFound = new boolean[threads];
    }

    int threads() {
        return threads;
    }

    /**
     * Copies one panel column ({@code src}, laid out as {@code panel}'s columns) into {@code dst}
     * from byte {@code dstOffset} on, dense time-major ({@code t * N + i}), as double or float.
     *
     * @param checkNaN whether to look for NaN values (missing bars)
     * @return true when {@code checkNaN} and the column holds a NaN (in the panel's bars and instruments)
     */
    boolean pack(Panel panel, double[] src, MemorySegment dst, long dstOffset, boolean toFloat, boolean checkNaN) {
        this.packing = true;
        this.floats = toFloat;
        this.panel = panel;
        this.source = src;
        this.host = dst;
        this.hostBase = dstOffset;
        this.checkNaN = checkNaN;
        long n = (long) panel.bars() * panel.instruments();
        try {
            run(n, panel.bars());
        } finally {
            this.panel = null;
            this.source = null;
            this.host = null;
        }
        boolean nan = false;
        for (int k = 0; k < tasks; k++) {
            nan |= nanFound[k];
        }
        return nan;
    }

    /**
     * Copies every column of {@code table} ({@code cells} values each, stored one after another in
     * {@code src} as double or float) into the table's columns.
     */
    void unpack(MemorySegment src, FeatureTable table, long cells, boolean fromFloat) {
        unpack(src, table, cells, fromFloat, 0, table.features().columns());
    }

    /**
     * Copies {@code columns} columns of {@code cells} values each, stored one after another in
     * {@code src} as double or float, into {@code dst[0 .. columns)}.
     */
    void unpack(MemorySegment src, double[][] dst, int columns, long cells, boolean fromFloat) {
        plain = dst;
        try {
            startUnpack(src, null, cells, fromFloat, 0, columns, false);
            await();
        } finally {
            plain = null;
        }
    }

    /** Copies columns {@code [from, to)} of {@code table} from {@code src} (laid out as above). */
    void unpack(MemorySegment src, FeatureTable table, long cells, boolean fromFloat, int from, int to) {
        startUnpack(src, table, cells, fromFloat, from, to, false);
        await();
    }

    /**
     * Starts copying columns {@code [from, to)} on the pool's threads and returns at once (runs
     * them on the calling thread, before returning, when one task is enough). {@link #await} must
     * follow before any other call; until then neither {@code src} nor the columns may change.
     */
    void unpackAsync(MemorySegment src, FeatureTable table, long cells, boolean fromFloat, int from, int to) {
        startUnpack(src, table, cells, fromFloat, from, to, true);
    }

    /** Waits for the copy {@link #unpackAsync} started (no-op when none); rethrows its failure. */
    void await() {
        try {
            if (inFlight) {
                pool.join();
            }
        } finally {
            inFlight = false;
            this.host = null;
            this.table = null;
        }
    }

    private boolean inFlight;

    private void startUnpack(MemorySegment src, FeatureTable table, long cells, boolean fromFloat, int from, int to,
                             boolean async) {
        if (inFlight) {
            throw new IllegalStateException("an asynchronous unpack is still running: await it first");
        }
        this.packing = false;
        this.floats = fromFloat;
        this.host = src;
        this.table = table;
        this.firstColumn = from;
        this.columns = to;
        this.cells = cells;
        try {
            inFlight = run(cells * (to - from), cells, async);
        } finally {
            if (!inFlight) {
                this.host = null;
                this.table = null;
            }
        }
    }

    private int firstColumn;

    private void run(long total, long units) {
        run(total, units, false);
    }

    /**
     * Splits {@code units} (bars or cells, {@code total} values of work) into tasks and runs them;
     * with {@code async}, on the pool without waiting (returns true when it did so).
     */
    private boolean run(long total, long units, boolean async) {
        long byWork = Math.max(1, total / minCellsPerTask);
        tasks = (int) Math.max(1, Math.min(Math.min(threads, byWork), units));
        splitUnits = units;
        if (async) {
            return pool.execute(tasks);
        }
        pool.invoke(tasks);
        return false;
    }

    private long splitUnits;

    private void work(int k) {
        long from = k * splitUnits / tasks;
        long to = (k + 1) * splitUnits / tasks;
        if (floats && scratch[k] == null) {
            scratch[k] = new float[CHUNK];
        }
        if (packing) {
            nanFound[k] = packBars((int) from, (int) to, scratch[k]);
        } else {
            unpackCells(from, to, scratch[k]);
        }
    }

    /** Bars [t0, t1) of the current column. */
    private boolean packBars(int t0, int t1, float[] f) {
        Panel p = panel;
        int n = p.instruments();
        boolean nan = false;
        if (p.stride() == n) {
            // the bars are one contiguous run of the source
            nan = packRun(p.index(t0, 0), (long) t0 * n, (long) (t1 - t0) * n, f);
        } else {
            for (int t = t0; t < t1; t++) {
                nan |= packRun(p.index(t, 0), (long) t * n, n, f);
            }
        }
        return nan;
    }

    /** {@code count} values from {@code source[from]} to element {@code at} of the host column. */
    private boolean packRun(int from, long at, long count, float[] f) {
        double[] a = source;
        MemorySegment h = host;
        boolean nan = false;
        if (!floats) {
            MemorySegment.copy(a, from, h, JAVA_DOUBLE, hostBase + at * 8, (int) count);
            if (checkNaN) {
                nan = hasNaN(a, from, (int) count);
            }
            return nan;
        }
        for (long done = 0; done < count; done += CHUNK) {
            int len = (int) Math.min(CHUNK, count - done);
            int base = (int) (from + done);
            for (int j = 0; j < len; j++) {
                f[j] = (float) a[base + j];
            }
            MemorySegment.copy(f, 0, h, JAVA_FLOAT, hostBase + (at + done) * 4, len);
            if (checkNaN && !nan) {
                nan = hasNaN(a, base, len);
            }
        }
        return nan;
    }

    private static boolean hasNaN(double[] a, int from, int count) {
        for (int k = from, end = from + count; k < end; k++) {
            if (a[k] != a[k]) {
                return true;
            }
        }
        return false;
    }

    /** Cells [c0, c1) of every column. */
    private void unpackCells(long c0, long c1, float[] f) {
        MemorySegment h = host;
        int count = (int) (c1 - c0);
        for (int c = firstColumn; c < columns; c++) {
            double[] dst = plain != null ? plain[c] : table.column(c);
            long base = c * cells + c0;
            if (!floats) {
                MemorySegment.copy(h, JAVA_DOUBLE, base * 8, dst, (int) c0, count);
                continue;
            }
            for (int done = 0; done < count; done += CHUNK) {
                int len = Math.min(CHUNK, count - done);
                MemorySegment.copy(h, JAVA_FLOAT, (base + done) * 4, f, 0, len);
                int to = (int) c0 + done;
                for (int j = 0; j < len; j++) {
                    dst[to + j] = f[j];
                }
            }
        }
    }

    /** Stops the pool's threads (after an asynchronous unpack in flight); the object may still be used (the pool restarts). */
    @Override
    public void close() {
        await();
        pool.close();
    }
}
