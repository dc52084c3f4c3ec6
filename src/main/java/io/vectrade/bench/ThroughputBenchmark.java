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
 * {@code --type throughput}: feature values per second against the batch size, per backend. A
 * batch of B instruments carries {@value #HISTORY_BARS} bars of history (a year of daily bars,
 * the window a live step keeps) and the standard set is computed over it in one call; features per
 * second = feature columns × B × bars / time per call. Each sample is one such rate.
 *
 * <p>Only the feature stage exists in this build, computed in batch form: the {@code samples} and
 * {@code signals} targets (features → model → signal per instrument-bar, streamed one bar at a
 * time as the {@code live-tick} workload) are NOT_MEASURED. <b>Extension point</b>: when the
 * streaming features and the live pipeline land, measure their per-tick calls next to
 * {@link #measureBatch} over the same batch sizes and add their verdicts.
 */
final class ThroughputBenchmark implements Benchmark {
    /** Bars of history per batch instrument. */
    static final int HISTORY_BARS = 252;

    @Override
    public BenchType type() {
        return BenchType.THROUGHPUT;
    }

    @Override
    public int steps(BenchConfig config) {
        return config.batchSizes().size() * config.backends().size();
    }

    @Override
    public Outcome run(BenchContext ctx) {
        BenchConfig config = ctx.config();
        List<Measurement> out = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Backend backend : config.backends()) {
            Measurement best = null;
            String firstError = null;
            for (int b : config.batchSizes()) {
                ctx.progress().step("throughput batch-" + b + " " + backend.id());
                Measurement m = measureBatch(ctx, backend, b, notes);
                out.add(m);
                if (m.ok() && (best == null || m.median() > best.median())) {
                    best = m;
                }
                if (!m.ok() && firstError == null) {
                    firstError = m.error();
                }
            }
            double limit = config.targets().throughput("features");
            verdicts.add(best != null
                    ? Verdict.of("throughput.features", backend.id(), best.workload(), "per_s", true, limit,
                            best.median(), "feature values per second (median) at the best batch size, "
                                    + best.workload() + " x " + HISTORY_BARS + " bars, batch form")
                    : Verdict.notMeasured("throughput.features", backend.id(), "per_s", true, limit, firstError));
            String missing = "needs the model/signal pipeline (live-tick), not in this build; not estimated";
            verdicts.add(Verdict.notMeasured("throughput.samples", backend.id(), "per_s", true,
                    config.targets().throughput("samples"), missing));
            verdicts.add(Verdict.notMeasured("throughput.signals", backend.id(), "per_s", true,
                    config.targets().throughput("signals"), missing));
        }
        notes.add("throughput: feature stage only, batch form (" + HISTORY_BARS + " bars of history per instrument"
                + " recomputed per call); samples and signals per second are NOT_MEASURED.");
        return new Outcome(out, List.of(), verdicts, notes);
    }

    /** Features per second for a batch of {@code instruments}. */
    static Measurement measureBatch(BenchContext ctx, Backend backend, int instruments, List<String> notes) {
        String type = BenchType.THROUGHPUT.id();
        String workload = "batch-" + instruments;
        FeatureEngine engine = null;
        try {
            engine = ctx.engines().create(backend);
            FeatureStage stage = FeatureStage.standardFor(engine, ctx.seed());
            if (stage.note(type, backend.id()) != null && instruments == ctx.config().batchSizes().get(0)) {
                notes.add(stage.note(type, backend.id()));
            }
            long cells = (long) instruments * HISTORY_BARS;
            List<Panel> inputs = Workloads.variants(instruments, HISTORY_BARS, ctx.variantsFor(cells), ctx.seed());
            Panel[] panels = inputs.toArray(Panel[]::new);
            FeatureTable table = FeatureTable.allocate(stage.features(), panels[0]);
            FeatureEngine e = engine;
            Harness.Call call = v -> e.computeInto(panels[v], stage.features(), table);
            call.run(0);
            Harness.Timing t = Harness.measure(call, panels.length, ctx.harness(), () -> ctx.sink().consume(table));
            double values = (double) stage.features().columns() * cells;
            double[] nanos = t.nanosPerCall();
            double[] rates = new double[nanos.length];
            for (int i = 0; i < nanos.length; i++) {
                rates[i] = values / nanos[i] * 1e9;
            }
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("instruments", (double) instruments);
            m.put("bars", (double) HISTORY_BARS);
            m.put("features_computed", (double) stage.features().size());
            m.put("feature_columns", (double) stage.features().columns());
            m.put("median_ns_per_call", io.vectrade.bench.stats.Summary.exactMedian(nanos));
            m.put("instrument_bars_per_s", cells / io.vectrade.bench.stats.Summary.exactMedian(nanos) * 1e9);
            m.put("alloc_bytes_per_call", t.allocBytesPerCallThread());
            m.put("alloc_bytes_per_call_all_threads", t.allocBytesPerCallAll());
            return Measurement.of(type, workload, backend.id(), "features_per_s", "per_s", true, t.callsPerSample(),
                    rates, m);
        } catch (RuntimeException e) {
            return Measurement.failed(type, workload, backend.id(), "features_per_s", "per_s", true, e.getMessage());
        } catch (OutOfMemoryError e) {
            return Measurement.failed(type, workload, backend.id(), "features_per_s", "per_s", true,
                    "out of memory (raise -Xmx via VECTRADE_JVM_OPTS): " + e.getMessage());
        } finally {
            if (engine != null) {
                Engines.release(engine);
            }
        }
    }
}
