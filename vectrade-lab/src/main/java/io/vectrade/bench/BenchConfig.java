package io.vectrade.bench;

import io.vectrade.backend.Backend;

import java.util.List;

/**
 * Everything a benchmark run is parameterised by. Built-in {@link #defaults()}; a YAML file
 * ({@link ConfigLoader}) and command-line flags override them. Immutable; validated on construction.
 *
 * @param batchSizes           instruments per batch of the throughput benchmark
 * @param dataSizes            bars of the single-series workloads ({@code series-1k} …)
 * @param backends             backends to run, in order
 * @param warmupIterations     unmeasured iterations before measuring (&ge; 0)
 * @param testIterations       measured iterations, one sample each (&ge; 1)
 * @param memoryThresholdBytes largest memory a feature call may add (features benchmark verdict)
 * @param maxLatencyNanos      largest median time a single feature call may take (features verdict)
 * @param panelInstruments     instruments of the panel workload ({@code panel-daily}: 1,000)
 * @param panelBars            bars of the panel workload ({@code panel-daily}: 2,520)
 * @param targets              the performance targets
 * @param panelData            name of the panel workload when it is the user's data ({@code bench --data}):
 *                             {@code data:NAME[NxT]}; null for the synthetic panel
 */
public record BenchConfig(List<Integer> batchSizes, List<Integer> dataSizes, List<Backend> backends,
                          int warmupIterations, int testIterations, long memoryThresholdBytes,
                          long maxLatencyNanos, int panelInstruments, int panelBars, Targets targets,
                          String panelData) {

    /** Largest data size or batch size accepted (keeps a typo from asking for a terabyte). */
    public static final int MAX_SIZE = 50_000_000;

    public BenchConfig {
        batchSizes = List.copyOf(batchSizes);
        dataSizes = List.copyOf(dataSizes);
        backends = List.copyOf(backends);
        sizes("batch_sizes", batchSizes, 1);
        sizes("data_sizes", dataSizes, 2);
        if (backends.isEmpty()) {
            throw new ConfigException("backends", "needs at least one backend");
        }
        if (backends.contains(Backend.AUTO)) {
            throw new ConfigException("backends", "name backends explicitly (cpu, simd, cuda), not auto");
        }
        if (warmupIterations < 0 || warmupIterations > 100_000) {
            throw new ConfigException("warmup_iterations", "must be in [0, 100000], value=" + warmupIterations);
        }
        if (testIterations < 1 || testIterations > 100_000) {
            throw new ConfigException("test_iterations", "must be in [1, 100000], value=" + testIterations);
        }
        if (panelInstruments < 1 || panelBars < 2 || (long) panelInstruments * panelBars > MAX_SIZE) {
            throw new ConfigException("panel", "instruments >= 1, bars >= 2 and instruments*bars <= " + MAX_SIZE
                    + ", instruments=" + panelInstruments + " bars=" + panelBars);
        }
    }

    /** A config whose panel workload is the synthetic one. */
    public BenchConfig(List<Integer> batchSizes, List<Integer> dataSizes, List<Backend> backends,
                       int warmupIterations, int testIterations, long memoryThresholdBytes,
                       long maxLatencyNanos, int panelInstruments, int panelBars, Targets targets) {
        this(batchSizes, dataSizes, backends, warmupIterations, testIterations, memoryThresholdBytes,
                maxLatencyNanos, panelInstruments, panelBars, targets, null);
    }

    private static void sizes(String key, List<Integer> sizes, int min) {
        if (sizes.isEmpty()) {
            throw new ConfigException(key, "needs at least one size");
        }
        for (Integer s : sizes) {
            if (s == null || s < min || s > MAX_SIZE) {
                throw new ConfigException(key, "each size must be in [" + min + ", " + MAX_SIZE + "], value=" + s);
            }
        }
    }

    /**
     * The original plan's defaults with the {@code panel-daily} workload and backends cpu, simd,
     * cuda (a backend this machine cannot run is skipped with a note unless named explicitly).
     */
    public static BenchConfig defaults() {
        return new BenchConfig(List.of(32, 64, 128, 256, 512, 1024), List.of(1000, 10000, 100000),
                List.of(Backend.CPU, Backend.SIMD, Backend.CUDA), 5, 20, 4L << 30, 100_000_000L, 1000, 2520, Targets.defaults());
    }

    /**
     * The {@code --quick} smoke run: a few seconds. Small sizes, a 64 × 252 panel, few iterations;
     * targets and thresholds unchanged.
     */
    public BenchConfig quick() {
        return new BenchConfig(List.of(32, 64), List.of(1000, 10000), backends, 2, 5,
                memoryThresholdBytes, maxLatencyNanos, 64, 252, targets, null);
    }

    /**
     * Name of the panel workload: the user's data ({@code data:NAME[NxT]}), else {@code panel-daily}
     * for its standard shape, else {@code panel-NxT}.
     */
    public String panelWorkload() {
        if (panelData != null) {
            return panelData;
        }
        return panelInstruments == 1000 && panelBars == 2520 ? "panel-daily" : "panel-" + panelInstruments + "x" + panelBars;
    }

    /** True when the panel workload is the standard {@code panel-daily}, the workload the targets are defined for. */
    public boolean panelDaily() {
        return panelWorkload().equals("panel-daily");
    }

    /** This config with a synthetic panel of {@code instruments} × {@code bars}. */
    public BenchConfig withPanel(int instruments, int bars) {
        return new BenchConfig(batchSizes, dataSizes, backends, warmupIterations, testIterations, memoryThresholdBytes,
                maxLatencyNanos, instruments, bars, targets, null);
    }

    /**
     * This config with the user's panel of {@code instruments} × {@code bars} named {@code name}
     * (the workload becomes {@code data:name[NxT]}).
     */
    public BenchConfig withPanelData(String name, int instruments, int bars) {
        return new BenchConfig(batchSizes, dataSizes, backends, warmupIterations, testIterations, memoryThresholdBytes,
                maxLatencyNanos, instruments, bars, targets, "data:" + name + "[" + instruments + "x" + bars + "]");
    }

    public BenchConfig withBatchSizes(List<Integer> v) {
        return new BenchConfig(v, dataSizes, backends, warmupIterations, testIterations, memoryThresholdBytes,
                maxLatencyNanos, panelInstruments, panelBars, targets, panelData);
    }

    public BenchConfig withDataSizes(List<Integer> v) {
        return new BenchConfig(batchSizes, v, backends, warmupIterations, testIterations, memoryThresholdBytes,
                maxLatencyNanos, panelInstruments, panelBars, targets, panelData);
    }

    public BenchConfig withBackends(List<Backend> v) {
        return new BenchConfig(batchSizes, dataSizes, v, warmupIterations, testIterations, memoryThresholdBytes,
                maxLatencyNanos, panelInstruments, panelBars, targets, panelData);
    }

    public BenchConfig withIterations(int warmup, int test) {
        return new BenchConfig(batchSizes, dataSizes, backends, warmup, test, memoryThresholdBytes,
                maxLatencyNanos, panelInstruments, panelBars, targets, panelData);
    }
}
