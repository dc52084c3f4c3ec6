package io.vectrade.parallel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads that split one range of blocks statically: worker {@code w} of
 * {@code W} gets blocks {@code [w * B / W, (w + 1) * B / W)}, the calling thread runs part 0.
 *
 * <p>The hand-off is built for microseconds: the caller publishes a generation number, each worker
 * spins on it ({@link Thread#onSpinWait}) for about {@value #SPIN_NANOS} ns after its last job, then
 * yields for about {@value #YIELD_NANOS} ns, and only then parks (the caller unparks exactly the
 * workers that say they are parked). The caller waits for the workers' done flags the same way (spin,
 * yield, then short timed parks, for long jobs). The generation and each worker's done flag sit
 * {@value #PAD_LONGS} longs (128 bytes) apart in one array, so no two of them share a cache line or
 * an adjacent-line prefetch pair.
 *
 * <p>Dispatch allocates nothing. Not thread-safe: one caller at a time. Worker threads are daemons;
 * {@link #close()} stops them. A pool of one part has no workers and runs every job on the caller.
 */
public final class RowPool implements AutoCloseable {
    /** The work: a range of blocks for one part. */
    public interface Job {
        void run(int part, int fromBlock, int toBlock);
    }

    /** Spacing of the hand-off words, in longs: 128 bytes. */
    static final int PAD_LONGS = 16;
    /** How long a worker (or the caller) spins before it starts yielding. */
    static final long SPIN_NANOS = 50_000;
    /** How long it then yields before it parks. */
    static final long YIELD_NANOS = 2_000_000;
    /** The caller's timed park once spinning and yielding are over (a long job). */
    private static final long CALLER_PARK_NANOS = 20_000;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final Thread[] workers;
    /**
     * Slot 0: the generation; slot {@code w} (1..W): worker w's last finished generation; slot
     * {@code W + w}: 1 while worker w is parked or about to park. Each slot at {@code (k + 1) * PAD_LONGS}.
     */
    private final long[] slots;
    private final int parts;
    private long generation;
    private volatile boolean closed;
    // the job's arguments, written before the generation's release store and read after its acquire load
    private Job job;
    private int blocks;
    private volatile Throwable failure;

    /** {@code parts - 1} worker threads named {@code name-1 ..} (the caller is part 0). */
    public RowPool(int parts, String name) {
        int w = Math.max(0, parts - 1);
        this.parts = w + 1;
        this.workers = new Thread[w];
        this.slots = new long[(2 * w + 2) * PAD_LONGS];
        for (int k = 0; k < w; k++) {
            int part = k + 1;
            Thread t = new Thread(() -> loop(part), name + "-" + part);
            t.setDaemon(true);
            workers[k] = t;
            t.start();
        }
    }

    /** Number of parts (workers + the caller). */
    public int parts() {
        return parts;
    }

    private static int at(int slot) {
        return (slot + 1) * PAD_LONGS;
    }

    /** Runs {@code j} over {@code totalBlocks} blocks on all parts and waits; rethrows a worker's failure. */
    public void run(Job j, int totalBlocks) {
        if (closed) {
            throw new IllegalStateException("pool is closed");
        }
        if (workers.length == 0) {
            j.run(0, 0, totalBlocks);
            return;
        }
        job = j;
        blocks = totalBlocks;
        failure = null;
        long gen = ++generation;
        SLOT.setVolatile(slots, at(0), gen);
        int w = workers.length;
        for (int k = 0; k < w; k++) {
            if ((long) SLOT.getVolatile(slots, at(w + 1 + k)) != 0) {
                LockSupport.unpark(workers[k]);
            }
        }
        Throwable own = null;
        try {
            j.run(0, 0, (int) ((long) totalBlocks / parts));
        } catch (Throwable t) {
            own = t;
        }
        awaitWorkers(gen);
        job = null;
        Throwable f = own != null ? own : failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private boolean allDone(long gen) {
        for (int k = 1; k <= workers.length; k++) {
            if ((long) SLOT.getAcquire(slots, at(k)) != gen) {
                return false;
            }
        }
        return true;
    }

    private void awaitWorkers(long gen) {
        if (allDone(gen)) {
            return;
        }
        long start = System.nanoTime();
        while (!allDone(gen)) {
            long waited = System.nanoTime() - start;
            if (waited < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (waited < SPIN_NANOS + YIELD_NANOS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, CALLER_PARK_NANOS);
            }
        }
    }

    private void loop(int part) {
        int w = workers.length;
        int parkedSlot = at(w + part);
        long seen = 0;
        while (true) {
            long gen = awaitGeneration(seen, parkedSlot);
            if (gen < 0) {
                return;
            }
            seen = gen;
            Job j = job;
            int total = blocks;
            try {
                j.run(part, (int) ((long) total * part / parts), (int) ((long) total * (part + 1) / parts));
            } catch (Throwable t) {
                failure = t;
            } finally {
                SLOT.setRelease(slots, at(part), gen);
            }
        }
    }

    /** Waits for a generation after {@code seen}: spin, yield, then park; -1 once closed. */
    private long awaitGeneration(long seen, int parkedSlot) {
        long start = 0;
        while (true) {
            long gen = (long) SLOT.getAcquire(slots, at(0));
            if (gen != seen) {
                return gen;
            }
            if (closed) {
                return -1;
            }
            if (start == 0) {
                start = System.nanoTime();
                continue;
            }
            long waited = System.nanoTime() - start;
            if (waited < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (waited < SPIN_NANOS + YIELD_NANOS) {
                Thread.yield();
            } else {
                // Dekker with the caller: announce, re-check, park; the caller stores the generation, then reads the flag
                SLOT.setVolatile(slots, parkedSlot, 1L);
                if ((long) SLOT.getVolatile(slots, at(0)) == seen && !closed) {
                    LockSupport.park(this);
                }
                SLOT.setVolatile(slots, parkedSlot, 0L);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }
}
