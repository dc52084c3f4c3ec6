package io.vectrade.bench;

import io.vectrade.backend.Backend;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Constructed results with fixed machine info, for golden, report and compare tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static MachineInfo machine(String cpu) {
        return new MachineInfo(cpu, 2, 8L << 30, 4L << 30, "Linux 6.1 amd64", "25.0.1+8 (Test VM)",
                List.of("-Xmx4g", "--add-modules=jdk.incubator.vector"), 512, null,
                "0123456789abcdef0123456789abcdef01234567", false, "2026-01-02T03:04:05Z",
                new MemoryBandwidth(64L << 20, 32L << 20, 2, 12e9, 10e9, 20e9, 16e9));
    }

    public static BenchConfig config() {
        return new BenchConfig(List.of(32, 64), List.of(1000, 10000), List.of(Backend.CPU, Backend.SIMD), 2, 4,
                4L << 30, 100_000_000L, 16, 100, Targets.defaults());
    }

    /** A small fixed run: features, throughput, memory and pipeline cells, one failed cell, verdicts. */
    public static RunResult run(String name, MachineInfo machine) {
        List<Measurement> ms = List.of(
                Measurement.of("features", "series-1k", "cpu", "rsi(14)", "ns", false, 3,
                        new double[] {12000, 12500, 11800, 13000},
                        Map.of("ns_per_bar", 12.0, "alloc_bytes_per_call", 0.0, "memory_added_bytes", 98304.0,
                                "instruments", 1.0, "bars", 1000.0)),
                Measurement.of("features", "series-10k", "cpu", "rsi(14)", "ns", false, 1,
                        new double[] {120000, 121000, 119000, 125000},
                        Map.of("ns_per_bar", 12.0, "alloc_bytes_per_call", 0.0, "memory_added_bytes", 983040.0,
                                "instruments", 1.0, "bars", 10000.0)),
                Measurement.of("features", "series-1k", "simd", "rsi(14)", "ns", false, 5,
                        new double[] {6000, 6100, 5900, 6050},
                        Map.of("ns_per_bar", 6.0, "instruments", 1.0, "bars", 1000.0)),
                Measurement.of("features", "series-10k", "simd", "rsi(14)", "ns", false, 1,
                        new double[] {60000, 61000, 59000, 60500},
                        Map.of("ns_per_bar", 6.0, "instruments", 1.0, "bars", 10000.0)),
                Measurement.failed("features", "series-1k", "cpu", "adx(14)", "ns", false, "not implemented yet"),
                Measurement.of("throughput", "batch-32", "cpu", "features_per_s", "per_s", true, 1,
                        new double[] {2.0e7, 2.1e7, 1.9e7, 2.05e7}, Map.of("instruments", 32.0)),
                Measurement.of("throughput", "batch-64", "cpu", "features_per_s", "per_s", true, 1,
                        new double[] {3.0e7, 3.1e7, 2.9e7, 3.05e7}, Map.of("instruments", 64.0)),
                Measurement.of("pipeline", "panel-16x100", "cpu", "feature_calculation", "ns", false, 1,
                        new double[] {4.0e6, 4.2e6, 3.9e6, 4.1e6}, new double[] {3.9e6, 4.0e6, 3.8e6, 4.0e6},
                        Map.of("bytes_moved", 4.05e7)),
                Measurement.of("pipeline", "panel-16x100", "simd", "feature_calculation", "ns", false, 1,
                        new double[] {6.0e6, 6.2e6, 5.9e6, 6.1e6}, Map.of("bytes_moved", 4.84e7)),
                Measurement.of("memory", "panel-16x100", "cpu", "peak_heap", "bytes", false, 1,
                        new double[] {3.0e7, 3.1e7, 3.2e7, 3.0e7}, Map.of()));
        List<Series> series = List.of(new Series("memory/panel-16x100/cpu/heap_used", "memory", "cpu", "heap_used",
                "ms", "bytes", new double[] {0, 5, 10, 15, 20}, new double[] {1.0e7, 3.0e7, 2.0e7, 3.2e7, 1.5e7}));
        List<Verdict> verdicts = List.of(
                Verdict.of("latency.feature_calculation", "cpu", "panel-16x100", "ns", false, 5e6, 4.05e6,
                        "median time per call over the whole panel"),
                Verdict.of("latency.feature_calculation", "simd", "panel-16x100", "ns", false, 5e6, 6.05e6,
                        "median time per call over the whole panel"),
                Verdict.of("throughput.features", "cpu", "batch-64", "per_s", true, 1e6, 3.025e7, "best batch size"),
                Verdict.notMeasured("latency.model_inference", "cpu", "ns", false, 1e7, "stage not in this build"));
        return new RunResult(RunResult.SCHEMA_VERSION, name, List.of("features", "throughput", "pipeline", "memory"),
                config(), machine, 12.5, "00000000deadbeef", ms, series, verdicts, List.of("a constructed run"));
    }

    /** A run with one metric whose samples are drawn from N(mean, sd). */
    public static RunResult oneMetric(String key, String unit, boolean higherIsBetter, double mean, double sd,
                                      long seed, MachineInfo machine) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[30];
        for (int k = 0; k < x.length; k++) {
            x[k] = mean + sd * r.nextGaussian();
        }
        String[] p = key.split("/");
        Measurement m = Measurement.of(p[0], p[1], p[2], p[3], unit, higherIsBetter, 1, x, Map.of());
        return new RunResult(RunResult.SCHEMA_VERSION, "one", List.of(p[0]), config(), machine, 1, "0",
                List.of(m), List.of(), List.of(), List.of());
    }
}
