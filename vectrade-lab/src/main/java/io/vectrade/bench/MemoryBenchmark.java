package io.vectrade.bench;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Predictor;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.profile.ProfileAnalysis;
import io.vectrade.profile.ProfileRecorder;
import io.vectrade.profile.ProfileSchedule;
import io.vectrade.profile.ProfileType;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --type memory}: the heap of the pipeline over the panel workload, per backend.
 * <ul>
 *   <li>{@code feature_retained}: live heap the standard set's engine and output table add;</li>
 *   <li>{@code model_retained}: live heap the model's predictor and its score buffer add;</li>
 *   <li>{@code peak_heap}: per measured pipeline run (after a full GC and a reset of the pools'
 *       peaks), the sum of the heap pools' peak usage (an upper bound: pools may peak at different
 *       moments);</li>
 *   <li>{@code steady_state_heap}: the live heap after a full GC between runs.</li>
 * </ul>
 * On cuda also {@code device_allocated} and {@code device_max_allocated}: the device bytes the
 * pipeline's buffers hold after the runs and at most (vectrade's own allocations, like PyTorch's
 * {@code memory_allocated} / {@code max_memory_allocated}), with the driver's free and total.
 * A sampler thread records heap used every 5 ms for the memory-over-time plot (on-heap only; the
 * allocation points' JFR recording samples device bytes too).
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
            verdicts.add(verdict(config, cells, backend, "memory.model", "model_retained",
                    config.targets().memory("model"), "live heap the predictor and its score buffer add", false));
        }
        notes.add("memory: on-heap only (MemoryPoolMXBean / MemoryMXBean); peak and steady state while the whole"
                + " pipeline runs (" + ctx.model().describe() + "); peak is the sum of the heap pools' peaks, an upper"
                + " bound; the panel inputs are part of the heap measured; feature_retained is the standard set's"
                + " engine and table, model_retained the predictor and its scores.");
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
        List<Panel> inputs = ctx.panelInputs();
        HeapSampler sampler = new HeapSampler(SAMPLE_EVERY_MILLIS);
        sampler.start();
        FeatureEngine engine = null;
        FeatureEngine pipelineEngine = null;
        TradingPipeline pipeline = null;
        try {
            // 1. feature_retained: the standard set's engine and output table
            long before = Harness.liveHeapBytes();
            engine = ctx.engines().create(backend);
            FeatureSet features = FeatureSet.standard();
            FeatureTable table = FeatureTable.allocate(features, inputs.get(0));
            for (int w = 0; w <= config.warmupIterations(); w++) {
                engine.computeInto(inputs.get(w % inputs.size()), features, table);
            }
            long retained = Harness.liveHeapBytes() - before;
            ctx.sink().consume(table);
            Reference.reachabilityFence(table);
            engine.close();
            engine = null;

            // 2. model_retained: the predictor and its score buffer over the model's features
            pipelineEngine = ctx.engines().create(backend);
            pipeline = TradingPipeline.borrowing(ctx.model().model(), SignalChain.parse(ctx.policy()), pipelineEngine);
            FeatureTable modelFeatures = pipeline.calculateFeatures(inputs.get(0));
            long beforeModel = Harness.liveHeapBytes();
            if (backend == Backend.CUDA) {
                // the model runs inside the device pipeline: the heap its stage adds (its parameters
                // and scratch live on the device and are counted in device_allocated)
                double[] scores = pipeline.generatePredictions(modelFeatures);
                ctx.sink().consume(scores);
                long modelRetained = Harness.liveHeapBytes() - beforeModel;
                cells.add(Measurement.of(type, workload, backend.id(), "model_retained", "bytes", false, 1,
                        new double[] {Math.max(0, modelRetained)}, Map.of("model_inputs", (double) ctx.model().model().inputs())));
            } else {
                double[] scores = new double[(int) panelCells];
                try (Predictor predictor = ctx.model().model().predictor(backend)) {
                    predictor.predict(modelFeatures, scores);
                    ctx.sink().consume(scores);
                    long modelRetained = Harness.liveHeapBytes() - beforeModel;
                    Reference.reachabilityFence(predictor);
                    Reference.reachabilityFence(scores);
                    cells.add(Measurement.of(type, workload, backend.id(), "model_retained", "bytes", false, 1,
                            new double[] {Math.max(0, modelRetained)}, Map.of("model_inputs", (double) ctx.model().model().inputs())));
                }
            }

            // 3. peak and steady state while the whole pipeline runs (features, model, signals)
            int k = 0;
            for (int w = 0; w <= config.warmupIterations(); w++) {
                pipeline.run(inputs.get(k++ % inputs.size()));
            }
            double[] peaks = new double[config.testIterations()];
            double[] steady = new double[config.testIterations()];
            List<MemoryPoolMXBean> pools = heapPools();
            for (int i = 0; i < peaks.length; i++) {
                System.gc();
                pools.forEach(MemoryPoolMXBean::resetPeakUsage);
                SignalFrame frame = pipeline.run(inputs.get(k++ % inputs.size()));
                long peak = 0;
                for (MemoryPoolMXBean p : pools) {
                    peak += p.getPeakUsage().getUsed();
                }
                peaks[i] = peak;
                ctx.sink().consume(frame.weight());
                steady[i] = Harness.liveHeapBytes();
            }
            allocationPoints(pipeline, inputs, backend, notes);
            Reference.reachabilityFence(pipeline);
            Reference.reachabilityFence(inputs);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("features_computed", (double) features.size());
            m.put("output_table_bytes", 8.0 * features.columns() * panelCells);
            m.put("input_panel_bytes", 8.0 * 5 * panelCells * inputs.size());
            m.put("pipeline_feature_columns", (double) pipeline.featureSet().columns());
            cells.add(Measurement.of(type, workload, backend.id(), "peak_heap", "bytes", false, 1, peaks, m));
            cells.add(Measurement.of(type, workload, backend.id(), "steady_state_heap", "bytes", false, 1, steady, m));
            cells.add(Measurement.of(type, workload, backend.id(), "feature_retained", "bytes", false, 1,
                    new double[] {Math.max(0, retained)}, m));
            io.vectrade.backend.DeviceMemoryStats device = pipeline.deviceMemoryStats();
            if (device != null) {
                // like torch.cuda.memory_allocated / max_memory_allocated: vectrade's own device buffers
                Map<String, Double> dm = new LinkedHashMap<>(m);
                dm.put("pinned_host_bytes", (double) device.pinnedHostBytes());
                dm.put("driver_free_bytes", (double) device.driverFreeBytes());
                dm.put("driver_total_bytes", (double) device.driverTotalBytes());
                cells.add(Measurement.of(type, workload, backend.id(), "device_allocated", "bytes", false, 1,
                        new double[] {device.currentBytes()}, dm));
                cells.add(Measurement.of(type, workload, backend.id(), "device_max_allocated", "bytes", false, 1,
                        new double[] {device.peakBytes()}, dm));
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
            if (pipeline != null) {
                pipeline.close();
            }
            if (pipelineEngine != null) {
                pipelineEngine.close();
            }
            sampler.stop();
            series.add(new Series(Measurement.key(type, workload, backend.id(), "heap_used"), type, backend.id(),
                    "heap_used", "ms", "bytes", sampler.times(), sampler.values()));
        }
    }

    /**
     * The pipeline's allocation points: three runs under a JFR recording (the same recorder and
     * analysis as {@code vectrade profile --type memory}), the top allocation sites by sampled
     * bytes and the stages by bytes allocated on their thread, as notes of the results.
     */
    private static void allocationPoints(TradingPipeline pipeline, List<Panel> inputs, Backend backend,
                                         List<String> notes) {
        Path jfr = null;
        try {
            jfr = Files.createTempFile("vectrade-memory", ".jfr");
            int[] k = {0};
            ProfileRecorder.record(() -> pipeline.run(inputs.get(k[0]++ % inputs.size())),
                    new ProfileSchedule(0, 0, 3, 1), ProfileType.MEMORY, pipeline::deviceBytesInUse, jfr);
            ProfileAnalysis a = ProfileAnalysis.read(jfr);
            StringBuilder b = new StringBuilder("memory [" + backend.id() + "] allocation points (JFR, 3 pipeline runs):");
            a.spanTotals().stream().filter(t -> t.category().equals("stage"))
                    .forEach(t -> b.append(" stage ").append(t.name()).append(' ')
                            .append(t.bytes() / Math.max(1, t.count())).append(" B/run;"));
            a.allocations().stream().limit(5).forEach(site -> b.append(" site ").append(site.site())
                    .append(site.caller() == null || site.caller().equals(site.site()) ? "" : " via " + site.caller())
                    .append(' ').append(site.bytes()).append(" B sampled;"));
            if (a.allocations().isEmpty()) {
                b.append(" no allocation samples (the runs allocated too little to be sampled)");
            }
            notes.add(b.toString());
        } catch (Exception e) {
            notes.add("memory [" + backend.id() + "] allocation points not recorded: " + e.getMessage());
        } finally {
            if (jfr != null) {
                try {
                    Files.deleteIfExists(jfr);
                } catch (java.io.IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    }
}
