package io.vectrade.cuda;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GPU verification of the live kernels ({@code live.cuh}) through {@link CudaStreamingFeatures}:
 * 1,024 instruments, a few hundred ticks, each tick uploaded, computed and downloaded as the live
 * engine does it, compared at every tick with the Java
 * {@link io.vectrade.feature.stream.StreamingFeatures}: double to 1e-12 relative (values below 1e-9
 * absolutely; logret and volatility relative to 0.01, see {@link StreamingTicks#doubleFloor}), float
 * to 1e-4 of the feature's scale, NaN exactly where the reference has NaN.
 * Tagged {@code gpu}: excluded from {@code mvn verify}, run by {@code scripts/gpu-check}; skipped
 * when no usable GPU is present. Also prints per-tick latencies (not asserted).
 */
@Tag("gpu")
class CudaStreamingFeaturesGpuTest {
    private static final int N = 1024;

    @BeforeAll
    static void requireGpu() {
        CudaProbe p = Cuda.probe();
        assumeTrue(p.available(), "no usable GPU: " + p.reason());
        assumeTrue(Cuda.runtime().hasKernels(), Cuda.NO_KERNELS);
        System.out.println("gpu: " + p.describe());
    }

    private static FeatureSet set(String name) {
        return name.equals("standard") ? FeatureSet.standard() : FeatureSet.parse(CudaStreamingFeaturesOnHostTest.NON_DEFAULT);
    }

    private static void check(String label, Panel panel, String set, CudaFeatureEngine.Precision precision) {
        CudaRuntime rt = Cuda.runtime();
        rt.call(() -> {
            try (StreamingTicks run = new StreamingTicks(rt, precision, set(set), panel.instruments())) {
                StreamingTicks.Result r = StreamingTicks.replay(label, run, panel, panel.bars(), 5, false, false);
                System.out.printf("live %s %s %s: %d values, %d exactly equal (float: to the rounded reference), "
                        + "worst error %.3g%n", label, precision, set, r.compared(), r.exact(), r.worst());
                assertThat(r.compared()).isPositive();
            }
            return null;
        });
    }

    @ParameterizedTest(name = "seed={0} bars={1} missing={2} {3} set={4}")
    @CsvSource({
            "201, 300, 0.0, DOUBLE, standard",
            "202, 300, 0.05, DOUBLE, standard",
            "203, 300, 0.05, FLOAT, standard",
            "204, 200, 0.2, DOUBLE, nondefault",
            "205, 200, 0.2, FLOAT, nondefault",
    })
    void matchesJavaStreamingOnFreshRandomPanels(long seed, int bars, double missing,
                                                 CudaFeatureEngine.Precision precision, String set) {
        long fresh = seed ^ System.nanoTime();
        check("random seed=" + fresh, RandomMarket.panel(fresh, N, bars, missing), set, precision);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void matchesJavaStreamingOnRealDataAndRoughPanels(CudaFeatureEngine.Precision precision) {
        check("real", StreamingTicks.realPanel(N, 300), "standard", precision);
        long seed = System.nanoTime();
        check("rough seed=" + seed, StreamingTicks.roughPanel(seed, N, 200, 0.1), "nondefault", precision);
    }

    @Test
    void resetThenReplayGivesTheSameOutputs() {
        Panel panel = RandomMarket.panel(System.nanoTime(), N, 120, 0.1);
        CudaRuntime rt = Cuda.runtime();
        rt.call(() -> {
            try (StreamingTicks run = new StreamingTicks(rt, CudaFeatureEngine.Precision.DOUBLE, set("nondefault"), N)) {
                List<double[]> first = StreamingTicks.replay("first", run, panel, 120, 1, true, false).rows();
                run.reset();
                List<double[]> second = StreamingTicks.replay("after reset", run, panel, 120, 2, true, false).rows();
                for (int t = 0; t < first.size(); t++) {
                    assertThat(second.get(t)).as("tick " + t).isEqualTo(first.get(t));
                }
            }
            return null;
        });
    }

    /** Prints tick latency (pack, one upload, one launch, one download, sync, unpack) and kernel time; not asserted. */
    @Test
    void reportsTickLatencyFor1024Instruments() {
        Panel panel = RandomMarket.panel(301, N, 600, 0.01);
        CudaRuntime rt = Cuda.runtime();
        for (CudaFeatureEngine.Precision p : CudaFeatureEngine.Precision.values()) {
            rt.call(() -> {
                try (StreamingTicks run = new StreamingTicks(rt, p, FeatureSet.standard(), N)) {
                    double[] o = new double[N];
                    double[] h = new double[N];
                    double[] l = new double[N];
                    double[] c = new double[N];
                    double[] v = new double[N];
                    double[] row = new double[run.columns * N];
                    long[] nanos = new long[2000];
                    float[] device = new float[nanos.length];
                    long e0 = rt.createEvent();
                    long e1 = rt.createEvent();
                    run.startEvent = e0;
                    run.endEvent = e1;
                    for (int k = 0; k < 200 + nanos.length; k++) {
                        panel.copyBar(k % panel.bars(), o, h, l, c, v);
                        long t0 = System.nanoTime();
                        run.tick(o, h, l, c, v, row);
                        long t1 = System.nanoTime();
                        if (k >= 200) {
                            nanos[k - 200] = t1 - t0;
                            device[k - 200] = rt.elapsedMillis(e0, e1);
                        }
                    }
                    run.startEvent = 0;
                    run.endEvent = 0;
                    Arrays.sort(nanos);
                    Arrays.sort(device);
                    int launches = 1000;
                    rt.recordEvent(e0, run.stream);
                    for (int k = 0; k < launches; k++) {
                        run.enqueueKernelOnly();
                    }
                    rt.recordEvent(e1, run.stream);
                    rt.synchronize(run.stream);
                    float ms = rt.elapsedMillis(e0, e1);
                    rt.destroyEvent(e0);
                    rt.destroyEvent(e1);
                    System.out.printf("live tick %s standard set, %d instruments: p50 %.1f us, p99 %.1f us, max %.1f us "
                                    + "(Java pack + upload + kernel + download + sync + Java unpack, host clock); upload + "
                                    + "kernel + download p50 %.1f us, p99 %.1f us (CUDA events); kernel alone %.2f us "
                                    + "(mean of %d back-to-back launches, CUDA events)%n", p, N, nanos[nanos.length / 2] / 1e3,
                            nanos[nanos.length * 99 / 100] / 1e3, nanos[nanos.length - 1] / 1e3,
                            device[device.length / 2] * 1e3, device[device.length * 99 / 100] * 1e3, ms * 1e3 / launches,
                            launches);
                    assertThat(ms).isPositive();
                }
                return null;
            });
        }
    }
}
