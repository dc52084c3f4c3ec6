package io.vectrade.bench;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureTable;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --type pipeline}: the latency of each pipeline stage on the panel workload
 * ({@code panel-daily}), per backend, in batch form (whole history per call).
 *
 * <p>The stages of {@link TradingPipeline}: {@code feature_calculation} (the model's features),
 * {@code model_inference}, {@code signal_generation}, and {@code total_pipeline} (the three in one
 * call), with the context's model ({@code --model}) and signal policy ({@code --policy}).
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
     * @param note    a note for the results (e.g. what a stage repeats), or null
     * @param release frees the stage's resources after measuring
     */
    record Prepared(Harness.Call call, Runnable consume, Map<String, Double> metrics, String note, Runnable release) {
    }

    /**
     * One stage of {@link TradingPipeline} on a pipeline of its own (the context's model and policy,
     * the backend's engine); the untimed preparation runs the stages before it once.
     */
    static final class PipelineStage implements Stage {
        private final String name;

        PipelineStage(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Prepared prepare(BenchContext ctx, Backend backend, List<Panel> inputs) {
            FeatureEngine engine = ctx.engines().create(backend);
            TradingPipeline p;
            try {
                p = TradingPipeline.borrowing(ctx.model().model(), SignalChain.parse(ctx.policy()), engine);
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
            Panel[] panels = inputs.toArray(Panel[]::new);
            FeatureTable table = p.calculateFeatures(panels[0]);
            double[] scores = p.generatePredictions(table);
            SignalFrame frame = p.generateSignals(scores, table);
            Harness.Call call = switch (name) {
                case "feature_calculation" -> v -> p.calculateFeatures(panels[v]);
                case "model_inference" -> v -> p.generatePredictions(table);
                case "signal_generation" -> v -> p.generateSignals(scores, table);
                case "total_pipeline" -> v -> p.run(panels[v]);
                default -> throw new IllegalArgumentException("unknown pipeline stage, stage=" + name);
            };
            Runnable consume = switch (name) {
                case "feature_calculation" -> () -> ctx.sink().consume(table);
                case "model_inference" -> () -> ctx.sink().consume(scores);
                default -> () -> ctx.sink().consume(frame.weight());
            };
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("features_computed", (double) p.featureSet().size());
            m.put("feature_columns", (double) p.featureSet().columns());
            m.put("model_inputs", (double) p.model().inputs());
            long cells = (long) panels[0].instruments() * panels[0].bars();
            m.put(MemoryFloor.BYTES_MOVED, (double) switch (name) {
                case "feature_calculation" -> MemoryFloor.featureBytes(p.featureSet(), cells);
                case "model_inference" -> MemoryFloor.modelBytes(p.model().inputs(), cells);
                case "signal_generation" -> MemoryFloor.signalBytes(p.policy().needsVolatility(), cells);
                default -> MemoryFloor.pipelineBytes(p.featureSet(), cells);
            });
            String note = name.equals("model_inference") || name.equals("signal_generation")
                    ? "pipeline [" + backend.id() + "] " + name + ": repeated on the features (and scores) of one panel"
                    + " variant; the other stages rotate " + panels.length + " variants"
                    : null;
            return new Prepared(call, consume, m, note, () -> {
                p.close();
                engine.close();
            });
        }
    }

    /** The stages, in pipeline order, then the three together, then the backtest of the signals. */
    static List<Stage> stages() {
        return List.of(new PipelineStage("feature_calculation"), new PipelineStage("model_inference"),
                new PipelineStage("signal_generation"), new PipelineStage("total_pipeline"), new BacktestStage());
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
        List<Panel> inputs = ctx.panelInputs();
        List<Measurement> out = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
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
        }
        notes.add("pipeline: " + ctx.model().describe() + ", policy " + ctx.policy() + "; feature_calculation computes"
                + " the model's features (plus volatility when the policy sizes by it), not the whole standard set"
                + " (the features benchmark times each standard feature).");
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
                    t.nanosPerCall(), t.cpuNanosPerCall(), m);
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
