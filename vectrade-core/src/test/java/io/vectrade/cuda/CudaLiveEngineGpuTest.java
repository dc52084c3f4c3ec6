package io.vectrade.cuda;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.model.Model;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.signal.SignalChain;
import io.vectrade.testdata.RandomMarket;
import io.vectrade.testdata.RealData;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GPU verification of the live engine's device path: {@link CudaLiveEngine} against the Java live
 * engine tick by tick on fresh random and real data (see {@link LiveComparison}), and the tick
 * through {@link LiveEngine} on {@code cuda}: its latency is printed (the benchmark lab measures it
 * as a target) and the calling thread allocates nothing per tick. Tagged {@code gpu}.
 */
@Tag("gpu")
class CudaLiveEngineGpuTest {

    @BeforeAll
    static void requireGpu() {
        CudaProbe p = Cuda.probe();
        assumeTrue(p.available(), "no usable GPU: " + p.reason());
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3} missing={4} policy={5}")
    @CsvSource(delimiter = ';', value = {
            "default; DOUBLE; 1024; 300; 0.0; 3",
            "default; FLOAT; 1024; 300; 0.02; 3",
            "default; DOUBLE; 257; 400; 0.05; 0",
            "wide-mlp; DOUBLE; 100; 300; 0.0; 4",
            "benchmark-mlp; DOUBLE; 512; 200; 0.0; 2",
            "benchmark-mlp; FLOAT; 512; 200; 0.01; 1",
    })
    void ticksMatchTheJavaLiveEngine(String model, CudaFeatureEngine.Precision precision, int instruments, int bars,
                                     double missing, int policy) {
        long seed = System.nanoTime();
        LiveComparison.replay(model + " " + precision + " seed=" + seed, Cuda.runtime(), precision,
                PipelineComparison.model(model), PipelineComparison.POLICIES.get(policy),
                RandomMarket.panel(seed, instruments, bars, missing));
    }

    @Test
    void realData() {
        LiveComparison.replay("bitstamp", Cuda.runtime(), CudaFeatureEngine.Precision.DOUBLE,
                PipelineComparison.model("wide-mlp"), PipelineComparison.POLICIES.get(1),
                RealData.bitstampMinutes().toPanel());
    }

    @Test
    void tickLatencyAndAllocation() {
        int n = 1024;
        int ticks = 3000;
        Model model = PipelineComparison.model("default");
        Panel panel = RandomMarket.panel(3, n, ticks, 0.0);
        double[][] bar = new double[5][n];
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String policy : new String[] {"rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)",
                "threshold"}) {
            try (LiveEngine live = LiveEngine.create(model, SignalChain.parse(policy), Backend.CUDA, n)) {
                Histogram h = new Histogram(10_000_000_000L, 3);
                long allocated = 0;
                for (int t = 0; t < ticks; t++) {
                    panel.copyBar(t, bar[0], bar[1], bar[2], bar[3], bar[4]);
                    long a0 = threads.getCurrentThreadAllocatedBytes();
                    long t0 = System.nanoTime();
                    live.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                    long t1 = System.nanoTime();
                    long a1 = threads.getCurrentThreadAllocatedBytes();
                    if (t >= ticks / 2) {
                        h.recordValue(t1 - t0);
                        allocated += a1 - a0;
                    }
                }
                System.out.printf("live cuda tick %d instruments [%s]: p50 %.1f us, p99 %.1f us, max %.1f us;"
                                + " calling thread allocated %d bytes over %d ticks%n", n, policy,
                        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3,
                        allocated, ticks / 2);
                assertThat(allocated).as("bytes allocated by the calling thread in %d steady-state ticks", ticks / 2)
                        .isZero();
            }
        }
    }
}
