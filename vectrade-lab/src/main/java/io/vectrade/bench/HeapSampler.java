package io.vectrade.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;

/**
 * Records heap used every few milliseconds on a daemon thread, for the memory-over-time plot.
 * Keeps at most {@value #MAX_POINTS} points (then every other point is dropped and the interval
 * doubles). {@link #start} and {@link #stop} from one thread; read the values after {@link #stop}.
 */
final class HeapSampler {
    static final int MAX_POINTS = 4096;

    private final long everyMillis;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private double[] times = new double[MAX_POINTS];
    private double[] values = new double[MAX_POINTS];
    private int count;
    private volatile boolean running;
    private Thread thread;

    HeapSampler(long everyMillis) {
        this.everyMillis = everyMillis;
    }

    void start() {
        running = true;
        long t0 = System.nanoTime();
        thread = Thread.ofPlatform().daemon().name("vectrade-heap-sampler").start(() -> loop(t0));
    }

    private void loop(long t0) {
        long every = everyMillis;
        while (running) {
            if (count == MAX_POINTS) {
                for (int k = 0; k < MAX_POINTS / 2; k++) {
                    times[k] = times[2 * k];
                    values[k] = values[2 * k];
                }
                count = MAX_POINTS / 2;
                every *= 2;
            }
            times[count] = (System.nanoTime() - t0) / 1e6;
            values[count] = memory.getHeapMemoryUsage().getUsed();
            count++;
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    double[] times() {
        return Arrays.copyOf(times, count);
    }

    double[] values() {
        return Arrays.copyOf(values, count);
    }
}
