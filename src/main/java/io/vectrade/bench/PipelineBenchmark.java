package io.vectrade.bench;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --type pipeline}: the latency of each pipeline stage on the panel workload
 * ({@code panel-daily}), per backend, in batch form (whole history per call).
 *
 * <p>Only the feature stage ({@code feature_calculation}) exists in this build; the stages
 * {@code model_inference} and {@code signal_generation} and the {@code total_pipeline} are reported
 * as NOT_MEASURED, never estimated. <b>Extension point</b>: when the model and signal packages
 * land, add a {@link Stage} for each to {@link #stages} (it gets the previous stage's output
 * through its own prepare step) and measure {@code total_pipeline} as the chained call.
 */
final class PipelineBenchmark implements Benchmark {

    /** A stage the pipeline benchmark can time: prepares one call per backend. */
    interface Stage {
        /** Target name, e.g. {@code feature_calculation}. */
        String name();

        /** Prepares the stage's call over {@code inputs}; the returned call must be repeatable. */
        Prepared prepare(BenchContext ctx, Backend backend, List<Panel> inputs);
    }

    /**
     * A prepared stage call.
     *
     * @param call    the timed call
     * @param consume folds the call's output into the sink (untimed)
     * @param metrics facts about the call (e.g. features computed)
     * @param note    a note for the results (e.g. features left out), or null
     * @param release frees the stage's resources after measuring
     */
    record Prepared(Harness.Call call, Runnable consume, Map<String, Double> metrics, String note, Runnable release) {
    }

    /** The feature stage: the standard set over the whole panel. */
    static final class FeatureCalculation implements Stage {
        @Override
        public String name() {
            return "feature_calculation";
        }

        @Override
        public Prepared prepare(BenchContext ctx, Backend backend, List<Panel> inputs) {
            FeatureEngine engine = ctx.engines().create(backend);
            FeatureStage stage;
            try {
                stage = FeatureStage.standardFor(engine, ctx.seed());
            } catch (RuntimeException e) {
                Engines.release(engine);
                throw e;
            }
            FeatureTable table = FeatureTable.allocate(stage.features(), inputs.get(0));
            Panel[] panels = inputs.toArray(Panel[]::new);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("features_computed", (double) stage.features().size());
            m.put("feature_columns", (double) stage.features().columns());
            return new Prepared(v -> engine.computeInto(panels[v], stage.features(), table),
                    () -> ctx.sink().consume(table), m, stage.note("pipeline", backend.id()),
                    () -> Engines.release(engine));
        }
    }

    /** The stages this build has, in pipeline order. */
    static List<Stage> stages() {
        return List.of(new FeatureCalculation());
    }

    @Override
    public BenchType type() {
        return BenchType.PIPELINE;
    }

    @Override
    public int steps(BenchConfig config) {
        return stages().size() * config.backends().size();
    }

    @Override
    public Outcome run(BenchContext ctx) {
        BenchConfig config = ctx.config();
        String workload = config.panelWorkload();
        long cells = (long) config.panelInstruments() * config.panelBars();
        List<Panel> inputs = Workloads.variants(config.panelInstruments(), config.panelBars(),
                ctx.variantsFor(cells), ctx.seed());
        List<Measurement> out = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String type = type().id();
        for (Backend backend : config.backends()) {
            for (Stage stage : stages()) {
                ctx.progress().step("pipeline " + workload + " " + backend.id() + " " + stage.name());
                Measurement m = measure(ctx, stage, backend, inputs, workload, cells, notes);
                out.add(m);
                long limit = config.targets().latency(stage.name());
                String target = "latency." + stage.name();
                verdicts.add(m.ok()
                        ? Verdict.of(target, backend.id(), workload, "ns", false, limit, m.median(),
                                "median time per call over the whole panel")
                        : Verdict.notMeasured(target, backend.id(), "ns", false, limit, m.error()));
            }
            String missing = "stage not in this build (no model/signal pipeline yet); not estimated";
            for (String name : List.of("model_inference", "signal_generation", "total_pipeline")) {
                verdicts.add(Verdict.notMeasured("latency." + name, backend.id(), "ns", false,
                        config.targets().latency(name), missing));
            }
        }
        notes.add("pipeline: only the feature stage exists in this build; model_inference, signal_generation"
                + " and total_pipeline are NOT_MEASURED.");
        return new Outcome(out, List.of(), verdicts, notes);
    }

    static Measurement measure(BenchContext ctx, Stage stage, Backend backend, List<Panel> inputs, String workload,
                               long cells, List<String> notes) {
        String type = BenchType.PIPELINE.id();
        Prepared p = null;
        try {
            p = stage.prepare(ctx, backend, inputs);
            if (p.note() != null) {
                notes.add(p.note());
            }
            p.call().run(0);
            Harness.Timing t = Harness.measure(p.call(), inputs.size(), ctx.harness(), p.consume());
            Map<String, Double> m = new LinkedHashMap<>(p.metrics());
            double median = io.vectrade.bench.stats.Summary.exactMedian(t.nanosPerCall());
            m.put("ns_per_bar", median / cells);
            m.put("alloc_bytes_per_call", t.allocBytesPerCallThread());
            m.put("alloc_bytes_per_call_all_threads", t.allocBytesPerCallAll());
            m.put("gc_count", (double) t.gcCount());
            return Measurement.of(type, workload, backend.id(), stage.name(), "ns", false, t.callsPerSample(),
                    t.nanosPerCall(), m);
        } catch (RuntimeException e) {
            return Measurement.failed(type, workload, backend.id(), stage.name(), "ns", false, e.getMessage());
        } catch (OutOfMemoryError e) {
            return Measurement.failed(type, workload, backend.id(), stage.name(), "ns", false,
                    "out of memory (raise -Xmx via VECTRADE_JVM_OPTS): " + e.getMessage());
        } finally {
            if (p != null) {
                p.release().run();
            }
        }
    }
}
