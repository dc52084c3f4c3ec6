package io.vectrade.model;

import io.vectrade.backend.Backend;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Steady-state calls allocate nothing on the calling thread (measured with the JVM's per-thread counter). */
class AllocationTest {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated(Runnable r) {
        long id = Thread.currentThread().threadId();
        long before = MX.getThreadAllocatedBytes(id);
        r.run();
        return MX.getThreadAllocatedBytes(id) - before;
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
