package io.vectrade.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Numbered tasks {@code 0 .. count-1} on a fork/join pool of {@code threads} threads (started on
 * first use), with the fork/join tasks made once and reused: dispatch allocates only the pool's own
 * bookkeeping. {@link #invoke} runs them and waits (a single task runs on the calling thread,
 * without the pool); {@link #execute} starts them and returns, {@link #join} waits for them.
 * Task 0 runs on the thread that runs the root (the caller, for {@link #invoke}). One caller at a
 * time: not thread-safe. {@link #close} stops the pool's threads; a later call starts them again.
 */
public final class ForkJoinTasks implements AutoCloseable {
    /** Task {@code k} of the current call. */
    public interface Task {
        void run(int k);
    }

    private final int threads;
    private final Task task;
    private final Part[] parts;
    private final Root root = new Root();
    private ForkJoinPool pool;
    private int count;

    /**
     * @throws IllegalArgumentException if threads &lt; 1
     */
    public ForkJoinTasks(int threads, Task task) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, threads=" + threads);
        }
        this.threads = threads;
        this.task = task;
        this.parts = new Part[threads];
        for (int k = 0; k < threads; k++) {
            parts[k] = new Part(k);
        }
    }

    /** Runs tasks {@code 0 .. count-1} ({@code 1 <= count <= threads}) and waits; rethrows a task's failure. */
    public void invoke(int count) {
        if (count == 1) {
            task.run(0);
            return;
        }
        pool().invoke(prepare(count));
    }

    /**
     * Starts tasks {@code 0 .. count-1} on the pool and returns at once; a single task runs on the
     * calling thread before returning. Returns true when the tasks were started ({@link #join} must
     * follow before the next call).
     */
    public boolean execute(int count) {
        if (count == 1) {
            task.run(0);
            return false;
        }
        pool().execute(prepare(count));
        return true;
    }

    /** Waits for the tasks {@link #execute} started; rethrows a task's failure. */
    public void join() {
        root.join();
    }

    private ForkJoinPool pool() {
        if (pool == null) {
            pool = new ForkJoinPool(threads);
        }
        return pool;
    }

    private Root prepare(int n) {
        if (n < 1 || n > threads) {
            throw new IllegalArgumentException("task count must be in [1, " + threads + "], count=" + n);
        }
        count = n;
        root.reinitialize();
        return root;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }

    private final class Root extends RecursiveAction {
        @Override
        protected void compute() {
            for (int k = 0; k < count; k++) {
                parts[k].reinitialize();
            }
            for (int k = 1; k < count; k++) {
                parts[k].fork();
            }
            parts[0].invoke();
            for (int k = count - 1; k >= 1; k--) {
                parts[k].join();
            }
        }
    }

    private final class Part extends RecursiveAction {
        private final int k;

        Part(int k) {
            this.k = k;
        }

        @Override
        protected void compute() {
            task.run(k);
        }
    }
}
