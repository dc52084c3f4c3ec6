package io.vectrade.model;

import io.vectrade.backend.Backend;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steady-state calls allocate nothing, measured with the JVM's per-thread counter on the calling thread and,
 * for the simd predictor, on each of its worker threads too.
 */
class AllocationTest {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated(Runnable r) {
        return allocated(r, new long[] {Thread.currentThread().threadId()}, new long[1]);
    }

    /** Bytes allocated by the threads {@code ids} while {@code r} runs ({@code before} is scratch, same length). */
    private static long allocated(Runnable r, long[] ids, long[] before) {
        for (int k = 0; k < ids.length; k++) {
            before[k] = MX.getThreadAllocatedBytes(ids[k]);
        }
        r.run();
        long sum = 0;
        for (int k = 0; k < ids.length; k++) {
            sum += MX.getThreadAllocatedBytes(ids[k]) - before[k];
        }
        return sum;
    }

    /** Ids of the live threads whose name starts with {@code prefix}. */
    private static java.util.Set<Long> threadsNamed(String prefix) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                ids.add(t.threadId());
            }
        }
        return ids;
    }

    /** {@link #minAllocated(Runnable)} summed over the threads {@code ids}. */
    private static long minAllocated(Runnable r, long[] ids) {
        long[] before = new long[ids.length];
        long min = Long.MAX_VALUE;
        for (int k = 0; k < 3_000 && min > 0; k++) {
            min = Math.min(min, allocated(r, ids, before));
        }
        return min;
    }

    /**
     * The fewest bytes of up to 3,000 runs, stopping at the first run that allocates nothing. Steady state
     * needs the JIT: until C2 has compiled the Vector API code, vectors are real objects, and on a loaded
     * machine that takes a while.
     */
    private static long minAllocated(Runnable r) {
        long min = Long.MAX_VALUE;
        for (int k = 0; k < 3_000 && min > 0; k++) {
            min = Math.min(min, allocated(r));
        }
        return min;
    }

    /**
     * The simd predictor on 2 parts, for a one-layer (logistic) and a deep model: no bytes on the calling thread
     * nor on its worker, for the whole panel (odd row count: a partial last vector), a sub-range and one bar.
     */
    @Test
    void simdPredictorAllocatesNothingOnAnyOfItsThreads() {
        List<String> cols = List.of("rsi(14)", "logret(5)", "zscore(20)", "volatility(20)");
        Model logistic = Model.logistic(cols, new double[] {50, 0, 0, 0.02}, new double[] {10, 0.01, 1, 0.01},
                new double[] {0.3, -0.2, 0.1, 0.05}, 0.01);
        Model mlp = Models.benchmarkMlp(cols, 3);
        int rows = 1_203;
        double[][] in = PredictorTest.randomInputs(new SplittableRandom(5), 4, rows, 0.01);
        double[] scores = new double[rows];
        for (Model m : new Model[] {logistic, mlp}) {
            java.util.Set<Long> before = threadsNamed("vectrade-predict-");
            try (SimdPredictor p = new SimdPredictor(m, 2)) {
                java.util.Set<Long> workers = threadsNamed("vectrade-predict-");
                workers.removeAll(before);
                assertThat(workers).as("the predictor's worker threads").hasSize(1);
                long[] ids = new long[1 + workers.size()];
                ids[0] = Thread.currentThread().threadId();
                int k = 1;
                for (long id : workers) {
                    ids[k++] = id;
                }
                Runnable all = () -> p.predict(in, 0, rows, scores);
                Runnable sub = () -> p.predict(in, 101, rows - 3, scores);
                Runnable oneBar = () -> p.predict(in, rows - 100, rows, scores);
                for (int w = 0; w < 200; w++) {
                    all.run();
                    sub.run();
                    oneBar.run();
                }
                assertThat(minAllocated(all, ids)).as("%s batch", m).isZero();
                assertThat(minAllocated(sub, ids)).as("%s sub-range", m).isZero();
                assertThat(minAllocated(oneBar, ids)).as("%s one bar", m).isZero();
            }
        }
    }

    @Test
    void predictorsAndSignalChainsAllocateNothingPerCall() {
        List<String> cols = List.of("rsi(14)", "logret(5)", "zscore(20)", "volatility(20)");
        Model m = Models.benchmarkMlp(cols, 3);
        int n = 100;
        int bars = 12; // 1,200 rows: above the simd predictor's parallel threshold
        SplittableRandom rnd = new SplittableRandom(2);
        double[][] in = PredictorTest.randomInputs(rnd, 4, bars * n, 0.01);
        double[] scores = new double[bars * n];
        double[] vol = new double[bars * n];
        java.util.Arrays.fill(vol, 0.02);
        SignalFrame frame = SignalFrame.allocate(bars, n);
        SignalChain chain = SignalChain.parse("rank(top=10,bottom=10) | voltarget(target=0.1) | caps(max=0.05,gross=1,net=0.2)");
        SignalChain thr = SignalChain.parse("threshold(long=0.1,exit=0,short=-0.1,cover=0) | caps(gross=1)");
        for (Backend b : new Backend[] {Backend.CPU, Backend.SIMD}) {
            try (Predictor p = m.predictor(b)) {
                Runnable all = () -> p.predict(in, 0, bars * n, scores);
                Runnable oneBar = () -> p.predict(in, (bars - 1) * n, bars * n, scores);
                for (int k = 0; k < 200; k++) {
                    all.run();
                    oneBar.run();
                }
                assertThat(minAllocated(all)).as("%s batch", b).isZero();
                assertThat(minAllocated(oneBar)).as("%s one bar", b).isZero();
            }
        }
        Runnable signals = () -> {
            chain.apply(scores, vol, frame);
            thr.apply(scores, null, 0, bars, frame);
        };
        for (int k = 0; k < 200; k++) {
            signals.run();
        }
        assertThat(minAllocated(signals)).isZero();
    }
}
