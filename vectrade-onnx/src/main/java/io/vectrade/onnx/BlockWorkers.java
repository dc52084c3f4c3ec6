package io.vectrade.onnx;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Worker threads that split a range of blocks statically: part {@code p} of {@code P} gets blocks
 * {@code [p * B / P, (p + 1) * B / P)}, the calling thread runs part 0. A worker parks between jobs
 * (no spinning: the machine may be shared); the caller spins briefly, then parks until the last
 * worker unparks it. Dispatch allocates nothing. Not thread-safe: one caller at a time. Workers are
 * daemons; {@link #close()} stops them.
 */
final class BlockWorkers implements AutoCloseable {
    /** The work of one part. */
    interface Job {
        void run(int part, int fromBlock, int toBlock);
    }

    private static final long CALLER_SPIN_NANOS = 20_000;

    private final Thread[] threads;
    private final int parts;
    /** Slot 0: the generation; slot p: the last generation part p finished. */
    private final AtomicLongArray slots;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;
    // the job, written before the generation's volatile store and read after its volatile load
    private Job job;
    private int blocks;
    private long generation;

    BlockWorkers(int parts, String name) {
        this.parts = Math.max(1, parts);
        this.threads = new Thread[this.parts - 1];
        this.slots = new AtomicLongArray(this.parts);
        for (int k = 0; k < threads.length; k++) {
            int part = k + 1;
            Thread t = new Thread(() -> loop(part), name + "-" + part);
            t.setDaemon(true);
            threads[k] = t;
            t.start();
        }
    }

    int parts() {
        return parts;
    }

    /** The worker threads (parts 1..P-1). */
    java.util.List<Thread> threads() {
        return java.util.List.of(threads);
    }

    /** Runs {@code j} over {@code totalBlocks} blocks on all parts and waits; rethrows a part's failure. */
    void run(Job j, int totalBlocks) {
        if (closed) {
            throw new IllegalStateException("workers are closed");
        }
        job = j;
        blocks = totalBlocks;
        failure = null;
        caller = Thread.currentThread();
        long gen = ++generation;
        slots.set(0, gen);
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        Throwable own = null;
        try {
            j.run(0, 0, (int) ((long) totalBlocks / parts));
        } catch (RuntimeException | Error e) {
            own = e;
        }
        long spinUntil = System.nanoTime() + CALLER_SPIN_NANOS;
        while (!allDone(gen)) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 100_000);
            }
        }
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
        for (int p = 1; p < parts; p++) {
            if (slots.get(p) != gen) {
                return false;
            }
        }
        return true;
    }

    private void loop(int part) {
        long seen = 0;
        while (!closed) {
            long gen = slots.get(0);
            if (gen == seen) {
                LockSupport.park(this);
                continue;
            }
            seen = gen;
            try {
                job.run(part, (int) ((long) blocks * part / parts), (int) ((long) blocks * (part + 1) / parts));
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            slots.set(part, gen);
            LockSupport.unpark(caller);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }
}
