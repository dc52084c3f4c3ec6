package io.vectrade.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of parked worker threads that split one range of blocks statically: worker {@code w} of
 * {@code W} gets blocks {@code [w * B / W, (w + 1) * B / W)}, the calling thread runs part 0. Dispatch
 * allocates nothing (park/unpark and a generation counter). Not thread-safe: one caller at a time.
 * Worker threads are daemons; {@link #close()} stops them.
 */
public final class RowPool implements AutoCloseable {
    /** The work: a range of blocks for one part. */
    public interface Job {
        void run(int part, int fromBlock, int toBlock);
    }

    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private volatile Job job;
    private volatile int blocks;
    private volatile Thread caller;
    private volatile Throwable failure;

    /** {@code parts - 1} worker threads named {@code name-1 ..} (the caller is part 0). */
    public RowPool(int parts, String name) {
        workers = new Thread[Math.max(0, parts - 1)];
        for (int w = 0; w < workers.length; w++) {
            int part = w + 1;
            Thread t = new Thread(() -> loop(part), name + "-" + part);
            t.setDaemon(true);
            workers[w] = t;
            t.start();
        }
    }

    /** Number of parts (workers + the caller). */
    public int parts() {
        return workers.length + 1;
    }

    /** Runs {@code j} over {@code totalBlocks} blocks on all parts and waits; rethrows a worker's failure. */
    public void run(Job j, int totalBlocks) {
        if (closed) {
            throw new IllegalStateException("pool is closed");
        }
        int parts = parts();
        job = j;
        blocks = totalBlocks;
        caller = Thread.currentThread();
        failure = null;
        pending.set(workers.length);
        generation = generation + 1;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        Throwable own = null;
        try {
            j.run(0, 0, (int) ((long) totalBlocks / parts));
        } catch (Throwable t) {
            own = t;
        }
        while (pending.get() != 0) {
            LockSupport.park(this);
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

    private void loop(int part) {
        long seen = 0;
        while (true) {
            while (generation == seen && !closed) {
                LockSupport.park(this);
            }
            if (closed) {
                return;
            }
            seen = generation;
            int parts = parts();
            int total = blocks;
            try {
                job.run(part, (int) ((long) total * part / parts), (int) ((long) total * (part + 1) / parts));
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
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
