package io.vectrade.bench;

import io.vectrade.backend.Backend;
import io.vectrade.backend.BackendUnavailableException;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --type features}: every standard feature × workload (one series per data size, plus the
 * panel workload) × backend. Per cell: time per call (samples, summary), ns per instrument-bar,
 * bytes allocated per call and the memory the cell's engine and output table add to the live heap.
 *
 * <p>Verdicts, per backend: {@code config.max_latency} (the slowest cell's median time per call)
 * and {@code config.memory_threshold} (the largest memory added by one cell).
 */
final class FeaturesBenchmark implements Benchmark {

    @Override
    public BenchType type() {
        return BenchType.FEATURES;
    }

    @Override
    public int steps(BenchConfig config) {
        return FeatureSet.standard().size() * (config.dataSizes().size() + 1) * config.backends().size();
    }

    /** A workload: its name and shape. */
    record Workload(String name, int instruments, int bars) {
        long cells() {
            return (long) instruments * bars;
        }
    }

    /** The series workloads, then the panel; on the user's panel ({@code --data}) that panel alone. */
    static List<Workload> workloads(BenchConfig config) {
        List<Workload> w = new ArrayList<>();
        for (int bars : config.panelData() != null ? List.<Integer>of() : config.dataSizes()) {
            w.add(new Workload(Workloads.seriesName(bars), 1, bars));
        }
        w.add(new Workload(config.panelWorkload(), config.panelInstruments(), config.panelBars()));
        return w;
    }

    @Override
    public Outcome run(BenchContext ctx) {
        BenchConfig config = ctx.config();
        List<FeatureSpec> specs = FeatureSet.standard().specs();
        List<Measurement> cells = new ArrayList<>();
        for (Workload w : workloads(config)) {
            List<Panel> inputs = w.name().equals(config.panelWorkload()) ? ctx.panelInputs()
                    : Workloads.variants(w.instruments(), w.bars(), ctx.variantsFor(w.cells()), ctx.seed());
            for (Backend backend : config.backends()) {
                for (FeatureSpec spec : specs) {
                    ctx.progress().step("features " + w.name() + " " + backend.id() + " " + spec.canonical());
                    cells.add(cell(ctx, w, inputs, backend, spec));
                }
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (Backend backend : config.backends()) {
            verdicts.addAll(verdicts(config, cells, backend.id()));
        }
        List<String> notes = List.of(
                "features: alloc_bytes_per_call counts the calling thread; alloc_bytes_per_call_all_threads counts"
                        + " every Java thread (pool workers of a parallel backend included, and any background"
                        + " allocation meanwhile); memory a backend keeps off-heap or on a GPU is not counted.",
                "features: memory_added_bytes is the live heap after a full GC with the cell's engine and output"
                        + " table alive, minus the live heap before them (approximate: GC-dependent).");
        return new Outcome(cells, List.of(), verdicts, notes);
    }

    private static Measurement cell(BenchContext ctx, Workload w, List<Panel> inputs, Backend backend, FeatureSpec spec) {
        String type = BenchType.FEATURES.id();
        String subject = spec.canonical();
        long before = Harness.liveHeapBytes();
        FeatureEngine engine;
        try {
            engine = ctx.engines().create(backend);
        } catch (BackendUnavailableException | IllegalArgumentException e) {
            return Measurement.failed(type, w.name(), backend.id(), subject, "ns", false, e.getMessage());
        }
        FeatureSet set = FeatureSet.of(spec);
        FeatureTable table = FeatureTable.allocate(set, inputs.get(0));
        Panel[] panels = inputs.toArray(Panel[]::new);
        Harness.Call call = v -> engine.computeInto(panels[v], set, table);
        Harness.Timing t;
        long after;
        try {
            call.run(0);
            t = Harness.measure(call, panels.length, ctx.harness(), () -> ctx.sink().consume(table));
            after = Harness.liveHeapBytes();
            Reference.reachabilityFence(engine);
            Reference.reachabilityFence(table);
        } catch (RuntimeException e) {
            return Measurement.failed(type, w.name(), backend.id(), subject, "ns", false,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            engine.close();
        }
        double median = io.vectrade.bench.stats.Summary.exactMedian(t.nanosPerCall());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("instruments", (double) w.instruments());
        m.put("bars", (double) w.bars());
        m.put("ns_per_bar", median / w.cells());
        m.put("values_per_s", set.columns() * (double) w.cells() / median * 1e9);
        m.put("alloc_bytes_per_call", t.allocBytesPerCallThread());
        m.put("alloc_bytes_per_call_all_threads", t.allocBytesPerCallAll());
        m.put("memory_added_bytes", (double) Math.max(0, after - before));
        m.put("gc_count", (double) t.gcCount());
        m.put("gc_ms", (double) t.gcMillis());
        if (w.instruments() > 1) {
            // a panel cell: the least it must move (MemoryFloor's counting rule); the report adds the fraction
            m.put(MemoryFloor.BYTES_MOVED, (double) MemoryFloor.featureBytes(set, w.cells()));
        }
        return Measurement.of(type, w.name(), backend.id(), subject, "ns", false, t.callsPerSample(),
                t.nanosPerCall(), t.cpuNanosPerCall(), m);
    }

    static List<Verdict> verdicts(BenchConfig config, List<Measurement> cells, String backend) {
        Measurement slowest = null;
        Measurement biggest = null;
        for (Measurement c : cells) {
            if (!c.ok() || !c.backend().equals(backend)) {
                continue;
            }
            if (slowest == null || c.median() > slowest.median()) {
                slowest = c;
            }
            if (biggest == null || c.metric("memory_added_bytes") > biggest.metric("memory_added_bytes")) {
                biggest = c;
            }
        }
        if (slowest == null) {
            String why = "no feature cell ran on this backend";
            return List.of(
                    Verdict.notMeasured("config.max_latency", backend, "ns", false, config.maxLatencyNanos(), why),
                    Verdict.notMeasured("config.memory_threshold", backend, "bytes", false,
                            config.memoryThresholdBytes(), why));
        }
        return List.of(
                Verdict.of("config.max_latency", backend, slowest.workload(), "ns", false, config.maxLatencyNanos(),
                        slowest.median(), "slowest feature call (median): " + slowest.subject()),
                Verdict.of("config.memory_threshold", backend, biggest.workload(), "bytes", false,
                        config.memoryThresholdBytes(), biggest.metric("memory_added_bytes"),
                        "largest memory added by one feature: " + biggest.subject()));
    }
}
