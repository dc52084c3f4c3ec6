package io.vectrade.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs benchmark types in order and assembles the {@link RunResult}. Not thread-safe; one run at
 * a time (measurements share the JVM).
 */
public final class BenchRunner {
    private final Engines engines;
    private final Progress progress;
    private final Harness.Settings harness;
    private final long seed;
    private final BenchModel model;
    private final String policy;
    private final io.vectrade.data.Panel data;

    /**
     * @param engines  creates the engines
     * @param progress the progress bar
     * @param harness  harness settings (see {@link #harnessFor})
     * @param seed     workload seed
     * @param model    the model of the pipeline, memory and throughput benchmarks
     * @param policy   their signal policy chain
     */
    public BenchRunner(Engines engines, Progress progress, Harness.Settings harness, long seed, BenchModel model,
                       String policy) {
        this(engines, progress, harness, seed, model, policy, null);
    }

    /**
     * As above, with the user's panel as the panel workload ({@code data}: null for the synthetic
     * one; the config's {@link BenchConfig#panelData()} names it).
     */
    public BenchRunner(Engines engines, Progress progress, Harness.Settings harness, long seed, BenchModel model,
                       String policy, io.vectrade.data.Panel data) {
        this.data = data;
        this.engines = engines;
        this.progress = progress;
        this.harness = harness;
        this.seed = seed;
        this.model = model;
        this.policy = policy;
    }

    /** Harness settings for a config: 100 ms warm-up and 1 ms samples, or 5 ms / 0.2 ms when quick. */
    public static Harness.Settings harnessFor(BenchConfig c, boolean quick) {
        return new Harness.Settings(c.warmupIterations(), c.testIterations(),
                quick ? 5_000_000L : 100_000_000L, quick ? 200_000L : 1_000_000L);
    }

    /**
     * A latency or memory target (defined for {@code panel-daily}) measured on the user's panel is
     * reported, not judged: {@link Verdict.Status#NOT_JUDGED}, with the measured value and why.
     */
    static Verdict onPanelWorkload(BenchConfig config, Verdict v) {
        boolean panelTarget = v.target().startsWith("latency.") || v.target().startsWith("memory.");
        if (config.panelData() == null || !panelTarget || v.actual() == null) {
            return v;
        }
        return new Verdict(v.target(), v.backend(), v.workload(), v.unit(), v.higherIsBetter(), v.limit(), v.actual(),
                Verdict.Status.NOT_JUDGED, "target defined for panel-daily (1,000 x 2,520 bars), measured on "
                + v.workload() + ": reported, not judged");
    }

    /** Runs {@code types} under {@code config}; {@code notes} are added to the result's notes. */
    public RunResult run(String name, BenchConfig config, List<BenchType> types, List<String> notes) {
        long t0 = System.nanoTime();
        List<String> allNotes = new ArrayList<>(notes);
        // first, on an idle JVM: the floor every panel cell is reported against
        MachineInfo machine = MachineProbe.probe();
        try {
            MemoryBandwidth bw = BandwidthProbe.measure();
            machine = machine.withMemoryBandwidth(bw);
            allNotes.add(MemoryFloor.describe(bw));
        } catch (RuntimeException | OutOfMemoryError e) {
            allNotes.add("memory bandwidth: not measured (" + e + "); no floor column");
        }
        Sink sink = new Sink();
        BenchContext ctx = new BenchContext(config, engines, harness, progress, sink, seed, model, policy, data);
        List<Benchmark> benches = types.stream().map(Benchmarks::create).toList();
        progress.start(benches.stream().mapToInt(b -> b.steps(config)).sum());
        List<Measurement> ms = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        allNotes.add("model: " + model.describe() + "; signal policy: " + policy);
        for (Benchmark b : benches) {
            Benchmark.Outcome o = b.run(ctx);
            ms.addAll(o.measurements());
            series.addAll(o.series());
            verdicts.addAll(o.verdicts().stream().map(v -> onPanelWorkload(config, v)).toList());
            allNotes.addAll(o.notes());
        }
        progress.finish("done");
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new RunResult(RunResult.SCHEMA_VERSION, name, types.stream().map(BenchType::id).toList(), config,
                machine, Math.round(seconds * 10) / 10.0, sink.hex(), ms, series, verdicts, allNotes);
    }
}
