package io.vectrade.bench;

/**
 * What a benchmark type runs with. Immutable apart from the progress and the sink, which the
 * measuring thread alone uses.
 *
 * @param config   the effective config
 * @param engines  creates an engine per cell
 * @param harness  harness settings derived from the config
 * @param progress the progress bar
 * @param sink     where measured outputs are folded
 * @param seed     seed of the synthetic workloads
 * @param model    the model of the pipeline, memory and throughput benchmarks
 * @param policy   the signal policy chain of those benchmarks (a spec: each use parses its own, stateful, chain)
 * @param data     the user's panel ({@code bench --data}), the panel workload of every type; null for synthetic
 */
public record BenchContext(BenchConfig config, Engines engines, Harness.Settings harness, Progress progress,
                           Sink sink, long seed, BenchModel model, String policy, io.vectrade.data.Panel data) {

    /**
     * The inputs of the panel workload: the user's panel alone, or {@link #variantsFor} seeded
     * synthetic panels of the config's shape (rotated through to defeat branch-predictor learning).
     */
    public java.util.List<io.vectrade.data.Panel> panelInputs() {
        if (data != null) {
            return java.util.List.of(data);
        }
        return Workloads.variants(config.panelInstruments(), config.panelBars(),
                variantsFor((long) config.panelInstruments() * config.panelBars()), seed);
    }

    /** Input variants rotated through for a workload of {@code cells} (instruments × bars). */
    public int variantsFor(long cells) {
        if (cells >= 1_000_000) {
            return 2;
        }
        return cells >= 100_000 ? 4 : 8;
    }
}
