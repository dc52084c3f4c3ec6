package io.vectrade.bench;

import java.util.Arrays;

/**
 * The tail this machine adds to a fixed piece of work on the calling thread, without the engine: a
 * compute loop (square roots over a 4 KiB array, no allocation, no memory traffic beyond L1) sized
 * to a given time, run many times back to back, each run timed with {@link System#nanoTime}. Its
 * percentiles are the floor under a live tick's tail of that length: timer interrupts, the
 * hypervisor, other processes on the core. On the 2-core development VM a 31 µs loop read p50 31 µs
 * and p99 54 µs, with a 25-40 µs stall every 4 ms (the kernel's 250 Hz timer tick in the VM;
 * docs/benchmarks.md). Not thread-safe; one probe at a time; about {@code samples × work} of time plus the
 * calibration's (up to three times that when the runs' median misses the target by more than 15 %, each
 * time resized).
 */
public final class JitterProbe {
    /** Runs measured at most by {@link #samplesWithin}. */
    public static final int MAX_SAMPLES = 20_000;
    /** Runs measured at least by {@link #samplesWithin}: p99.9 from 2 runs. */
    public static final int MIN_SAMPLES = 2_000;
    private static final double[] DATA = new double[512];

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = 1.0 + i * 1e-3;
        }
    }

    /**
     * What was measured, in microseconds: the work's target and the percentiles of its timed runs.
     *
     * @param checksum the loop's result, kept so that the compiler cannot drop the work
     */
    public record Result(double workMicros, int samples, double p50Micros, double p99Micros, double p999Micros,
                         double maxMicros, double checksum) {
    }

    private JitterProbe() {
    }

    /**
     * Times {@code samples} runs of a compute loop sized to about {@code workMicros} µs (calibrated
     * first, after a warm-up that compiles it).
     *
     * @throws IllegalArgumentException unless {@code 0 < workMicros <= 100,000} and {@code samples >= 100}
     */
    public static Result measure(double workMicros, int samples) {
        if (!(workMicros > 0 && workMicros <= 100_000) || samples < 100) {
            throw new IllegalArgumentException("bad jitter probe, workMicros=" + workMicros + " samples=" + samples);
        }
        double sum = 0;
        // warm-up, then the passes for the target from the median of timed runs, again until two rounds agree
        // within 5 % (the JIT may replace the loop's code between rounds), at most 10 rounds
        for (int k = 0; k < 20_000; k++) {
            sum += work(1);
        }
        int passes = 8;
        long[] probe = new long[101];
        for (int round = 0; round < 10; round++) {
            for (int k = 0; k < probe.length; k++) {
                long t0 = System.nanoTime();
                sum += work(passes);
                probe[k] = System.nanoTime() - t0;
            }
            Arrays.sort(probe);
            double nanosPerPass = Math.max(1.0, probe[probe.length / 2] / (double) passes);
            int next = (int) Math.max(1, Math.round(workMicros * 1_000 / nanosPerPass));
            boolean settled = Math.abs(next - passes) <= 0.05 * passes;
            passes = next;
            if (settled) {
                break;
            }
        }
        // the runs; again, resized, while their median is more than 15 % from the target (the calibration can
        // read a loop slowed by the JIT's own threads, which then finish: 4.5 µs for a 10 µs target was seen
        // right after a replay), at most three times
        long[] ns = new long[samples];
        for (int attempt = 0; ; attempt++) {
            for (int k = 0; k < samples; k++) {
                long t0 = System.nanoTime();
                sum += work(passes);
                ns[k] = System.nanoTime() - t0;
            }
            Arrays.sort(ns);
            double p50 = at(ns, 0.50);
            if (attempt == 2 || Math.abs(p50 - workMicros) <= 0.15 * workMicros) {
                break;
            }
            passes = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(passes * workMicros / Math.max(p50, 1e-3))));
        }
        return new Result(workMicros, samples, at(ns, 0.50), at(ns, 0.99), at(ns, 0.999), ns[samples - 1] / 1e3, sum);
    }

    /**
     * The runs of {@code workMicros} that fit in {@code seconds}, within [{@value #MIN_SAMPLES},
     * {@value #MAX_SAMPLES}].
     */
    public static int samplesWithin(double workMicros, double seconds) {
        return (int) Math.max(MIN_SAMPLES, Math.min(MAX_SAMPLES, seconds * 1e6 / workMicros));
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e3;
    }

    private static double work(int passes) {
        double[] d = DATA;
        double s = 0;
        for (int p = 0; p < passes; p++) {
            for (double v : d) {
                s += Math.sqrt(v + p);
            }
        }
        return s;
    }
}
