package io.vectrade.bench;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureTable;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --type memory}: the heap while the feature stage runs over the panel workload, per
 * backend. Per measured iteration: a full GC, the heap pools' peaks reset, one call, then
 * <ul>
 *   <li>{@code peak_heap}: the sum of the heap pools' peak usage during the call (an upper bound:
 *       the pools may peak at different moments);</li>
 *   <li>{@code steady_state_heap}: the live heap after a full GC, inputs, engine and output alive.</li>
 * </ul>
 * Once per backend, {@code feature_retained}: live heap with the engine and output table minus
 * live heap before them. A sampler thread records heap used every 5 ms for the memory-over-time
 * plot. Only on-heap memory is seen: off-heap or GPU memory of a backend is not counted.
 *
 * <p>Verdicts: {@code memory.peak}, {@code memory.steady_state}, {@code memory.feature};
 * {@code memory.model} is NOT_MEASURED (no model stage in this build). <b>Extension point</b>:
 * measure the model's retained memory the same way as {@code feature_retained} when it lands.
 */
final class MemoryBenchmark implements Benchmark {
    private static final long SAMPLE_EVERY_MILLIS = 5;

    @Override
    public BenchType type() {
        return BenchType.MEMORY;
    }

    @Override
    public int steps(BenchConfig config) {
        return config.backends().size();
    }

    @Override
    public Outcome run(BenchContext ctx) {
        BenchConfig config = ctx.config();
        String workload = config.panelWorkload();
        List<Measurement> out = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String type = type().id();
        for (Backend backend : config.backends()) {
            ctx.progress().step("memory " + workload + " " + backend.id());
            List<Measurement> cells = new ArrayList<>();
            try {
                measure(ctx, backend, workload, cells, series, notes);
            } catch (RuntimeException e) {
                cells.add(Measurement.failed(type, workload, backend.id(), "peak_heap", "bytes", false, e.getMessage()));
            } catch (OutOfMemoryError e) {
                cells.add(Measurement.failed(type, workload, backend.id(), "peak_heap", "bytes", false,
                        "out of memory (raise -Xmx via VECTRADE_JVM_OPTS): " + e.getMessage()));
            }
            out.addAll(cells);
            verdicts.add(verdict(config, cells, backend, "memory.peak", "peak_heap", config.targets().memory("peak"),
                    "largest peak heap over the iterations (sum of heap pool peaks)", true));
            verdicts.add(verdict(config, cells, backend, "memory.steady_state", "steady_state_heap",
                    config.targets().memory("steady_state"), "median live heap after GC between calls", false));
            verdicts.add(verdict(config, cells, backend, "memory.feature", "feature_retained",
                    config.targets().memory("feature"), "live heap the engine and output table add", false));
            verdicts.add(Verdict.notMeasured("memory.model", backend.id(), "bytes", false,
                    config.targets().memory("model"), "no model stage in this build; not estimated"));
        }
        notes.add("memory: on-heap only (MemoryPoolMXBean / MemoryMXBean); peak is the sum of the heap pools'"
                + " peaks, an upper bound; the panel inputs are part of the heap measured.");
        return new Outcome(out, series, verdicts, notes);
    }

    private static Verdict verdict(BenchConfig config, List<Measurement> cells, Backend backend, String target,
                                   String subject, long limit, String note, boolean useMax) {
        for (Measurement m : cells) {
            if (m.ok() && m.subject().equals(subject)) {
                double actual = useMax ? m.summary().max() : m.median();
                return Verdict.of(target, backend.id(), m.workload(), "bytes", false, limit, actual, note);
            }
        }
        String why = cells.stream().filter(m -> !m.ok()).map(Measurement::error).findFirst().orElse("not measured");
        return Verdict.notMeasured(target, backend.id(), "bytes", false, limit, why);
    }

    private static void measure(BenchContext ctx, Backend backend, String workload, List<Measurement> cells,
                                List<Series> series, List<String> notes) {
        BenchConfig config = ctx.config();
        String type = BenchType.MEMORY.id();
        long panelCells = (long) config.panelInstruments() * config.panelBars();
        List<Panel> inputs = Workloads.variants(config.panelInstruments(), config.panelBars(),
                ctx.variantsFor(panelCells), ctx.seed());
        HeapSampler sampler = new HeapSampler(SAMPLE_EVERY_MILLIS);
        sampler.start();
        FeatureEngine engine = null;
        try {
            long before = Harness.liveHeapBytes();
            engine = ctx.engines().create(backend);
            FeatureStage stage = FeatureStage.standardFor(engine, ctx.seed());
            if (stage.note(type, backend.id()) != null) {
                notes.add(stage.note(type, backend.id()));
            }
            FeatureTable table = FeatureTable.allocate(stage.features(), inputs.get(0));
            int k = 0;
            for (int w = 0; w <= config.warmupIterations(); w++) {
                engine.computeInto(inputs.get(k++ % inputs.size()), stage.features(), table);
            }
            long retained = Harness.liveHeapBytes() - before;
            double[] peaks = new double[config.testIterations()];
            double[] steady = new double[config.testIterations()];
            List<MemoryPoolMXBean> pools = heapPools();
            for (int i = 0; i < peaks.length; i++) {
                System.gc();
                pools.forEach(MemoryPoolMXBean::resetPeakUsage);
                engine.computeInto(inputs.get(k++ % inputs.size()), stage.features(), table);
                long peak = 0;
                for (MemoryPoolMXBean p : pools) {
                    peak += p.getPeakUsage().getUsed();
                }
                peaks[i] = peak;
                ctx.sink().consume(table);
                steady[i] = Harness.liveHeapBytes();
            }
            Reference.reachabilityFence(engine);
            Reference.reachabilityFence(table);
            Reference.reachabilityFence(inputs);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("features_computed", (double) stage.features().size());
            m.put("output_table_bytes", 8.0 * stage.features().columns() * panelCells);
            m.put("input_panel_bytes", 8.0 * 5 * panelCells * inputs.size());
            cells.add(Measurement.of(type, workload, backend.id(), "peak_heap", "bytes", false, 1, peaks, m));
            cells.add(Measurement.of(type, workload, backend.id(), "steady_state_heap", "bytes", false, 1, steady, m));
            cells.add(Measurement.of(type, workload, backend.id(), "feature_retained", "bytes", false, 1,
                    new double[] {Math.max(0, retained)}, m));
        } finally {
            if (engine != null) {
                Engines.release(engine);
            }
            sampler.stop();
            series.add(new Series(Measurement.key(type, workload, backend.id(), "heap_used"), type, backend.id(),
                    "heap_used", "ms", "bytes", sampler.times(), sampler.values()));
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    }
}
