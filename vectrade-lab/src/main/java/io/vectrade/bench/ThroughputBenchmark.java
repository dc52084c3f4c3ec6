package io.vectrade.bench;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

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
 * <p>Next to it, per batch size, the {@code live-tick} workload: the {@link LiveEngine} pushes one
 * bar per instrument per tick through streaming features, the model and the signal policy until
 * {@link #LIVE_SAMPLES} samples; samples (and signals) per second and the latency per tick
 * (every tick, summarised by {@link io.vectrade.bench.stats.Percentiles}) are recorded. Each engine is
 * primed first ({@link LiveEngine#warmUpUntilCompiled}, as {@code vectrade live} does; quick runs a tenth of
 * {@link LiveEngine#warmUpTicks}): without it the measurement of a small batch was mostly the JIT's (cpu at
 * 32 instruments read 4.2 M samples/s).
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
        return 2 * config.batchSizes().size() * config.backends().size();
    }

    @Override
    public Outcome run(BenchContext ctx) {
        BenchConfig config = ctx.config();
        List<Measurement> out = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Backend backend : config.backends()) {
            Measurement best = null;
            Measurement bestLive = null;
            String firstError = null;
            String firstLiveError = null;
            for (int b : config.batchSizes()) {
                ctx.progress().step("throughput live-tick-" + b + " " + backend.id());
                Measurement live = measureLive(ctx, backend, b);
                out.add(live);
                if (live.ok() && (bestLive == null || live.median() > bestLive.median())) {
                    bestLive = live;
                }
                if (!live.ok() && firstLiveError == null) {
                    firstLiveError = live.error();
                }
                ctx.progress().step("throughput batch-" + b + " " + backend.id());
                Measurement m = measureBatch(ctx, backend, b);
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
            for (String target : List.of("samples", "signals")) {
                double lim = config.targets().throughput(target);
                verdicts.add(bestLive != null
                        ? Verdict.of("throughput." + target, backend.id(), bestLive.workload(), "per_s", true, lim,
                                bestLive.median(), "live engine: instrument-ticks through features, model and "
                                        + "signals per second (median over windows) at the best batch size")
                        : Verdict.notMeasured("throughput." + target, backend.id(), "per_s", true, lim, firstLiveError));
            }
        }
        notes.add("throughput: features_per_s recomputes " + HISTORY_BARS + " bars of history per instrument per call"
                + " (batch form); live-tick-B pushes one bar for B instruments per tick through the live engine"
                + " (streaming features, " + ctx.model().describe() + ", " + ctx.policy() + ") until "
                + LIVE_SAMPLES + " samples; every sample yields one signal (flat or not), so signals/s = samples/s.");
        return new Outcome(out, List.of(), verdicts, notes);
    }

    /** Samples (instrument-ticks) pushed through the live engine per batch size. */
    static final int LIVE_SAMPLES = 1_000_000;
    /** Samples per throughput window (one sample of the measurement). */
    static final int LIVE_WINDOW_SAMPLES = 20_000;

    /**
     * The live engine for a batch of {@code instruments}: warm-up ticks, then ticks until
     * {@link #LIVE_SAMPLES} samples (quick runs: a tenth). Samples of the measurement are the
     * samples-per-second rates of windows of about {@link #LIVE_WINDOW_SAMPLES}; the latency of
     * every tick is kept (one double each, allocated before timing) for p50 / p99 / max in the
     * metrics, by the lab's one percentile definition ({@link io.vectrade.bench.stats.Percentiles}).
     */
    static Measurement measureLive(BenchContext ctx, Backend backend, int instruments) {
        String type = BenchType.THROUGHPUT.id();
        String workload = "live-tick-" + instruments;
        boolean quick = ctx.harness().minSampleNanos() < 1_000_000L;
        int samples = quick ? LIVE_SAMPLES / 10 : LIVE_SAMPLES;
        int ticks = Math.max(1, (samples + instruments - 1) / instruments);
        int warmTicks = Math.max(100, 40 + 10 * ctx.config().warmupIterations());
        int ticksPerWindow = Math.max(1, LIVE_WINDOW_SAMPLES / instruments);
        try (LiveEngine live = LiveEngine.create(ctx.model().model(), SignalChain.parse(ctx.policy()), backend,
                instruments)) {
            // one bar per tick; a long synthetic history (warm-up + measured ticks), made before timing
            Panel panel = Workloads.panel(instruments, warmTicks + ticks, ctx.seed() + instruments);
            double[][] bar = new double[5][instruments];
            int primeTicks;
            if (quick) {
                primeTicks = LiveEngine.warmUpTicks(instruments) / 10;
                live.warmUp(primeTicks);
            } else {
                primeTicks = live.warmUpUntilCompiled();
            }
            for (int t = 0; t < warmTicks; t++) {
                tick(live, panel, t, bar);
            }
            double[] tickNanos = new double[ticks];
            List<Double> rates = new ArrayList<>();
            long windowStart = System.nanoTime();
            int inWindow = 0;
            long allTicksNanos = 0;
            for (int t = 0; t < ticks; t++) {
                long t0 = System.nanoTime();
                SignalFrame f = tick(live, panel, warmTicks + t, bar);
                long t1 = System.nanoTime();
                tickNanos[t] = t1 - t0;
                allTicksNanos += t1 - t0;
                // the tick's non-flat targets, as a live consumer reads them (the frame's sparse entries)
                for (int e = f.entryStart(0), end = e + f.nonFlat(0); e < end; e++) {
                    ctx.sink().consume(f.entryWeights()[e]);
                }
                if (++inWindow == ticksPerWindow || t == ticks - 1) {
                    long now = System.nanoTime();
                    rates.add((double) inWindow * instruments / (now - windowStart) * 1e9);
                    windowStart = System.nanoTime();
                    inWindow = 0;
                }
            }
            double[] r = rates.stream().mapToDouble(Double::doubleValue).toArray();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("instruments", (double) instruments);
            m.put("ticks", (double) ticks);
            m.put("warmup_ticks", (double) warmTicks);
            m.put("prime_ticks", (double) primeTicks);
            m.put("feature_columns", (double) live.featureSet().columns());
            m.put("features_per_s", (double) live.featureSet().columns() * instruments * ticks / allTicksNanos * 1e9);
            java.util.Arrays.sort(tickNanos);
            m.put("tick_p50_ns", io.vectrade.bench.stats.Percentiles.ofSorted(tickNanos, 50));
            m.put("tick_p99_ns", io.vectrade.bench.stats.Percentiles.ofSorted(tickNanos, 99));
            m.put("tick_max_ns", tickNanos[ticks - 1]);
            m.put("tick_mean_ns", (double) allTicksNanos / ticks);
            return Measurement.of(type, workload, backend.id(), "samples_per_s", "per_s", true, ticksPerWindow, r, m);
        } catch (RuntimeException e) {
            return Measurement.failed(type, workload, backend.id(), "samples_per_s", "per_s", true, e.getMessage());
        } catch (OutOfMemoryError e) {
            return Measurement.failed(type, workload, backend.id(), "samples_per_s", "per_s", true,
                    "out of memory (raise -Xmx via VECTRADE_JVM_OPTS): " + e.getMessage());
        }
    }

    private static SignalFrame tick(LiveEngine live, Panel p, int t, double[][] bar) {
        p.copyBar(t, bar[0], bar[1], bar[2], bar[3], bar[4]);
        return live.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
    }

    /** Features per second for a batch of {@code instruments}. */
    static Measurement measureBatch(BenchContext ctx, Backend backend, int instruments) {
        String type = BenchType.THROUGHPUT.id();
        String workload = "batch-" + instruments;
        FeatureEngine engine = null;
        try {
            engine = ctx.engines().create(backend);
            FeatureSet features = FeatureSet.standard();
            long cells = (long) instruments * HISTORY_BARS;
            List<Panel> inputs = Workloads.variants(instruments, HISTORY_BARS, ctx.variantsFor(cells), ctx.seed());
            Panel[] panels = inputs.toArray(Panel[]::new);
            FeatureTable table = FeatureTable.allocate(features, panels[0]);
            FeatureEngine e = engine;
            Harness.Call call = v -> e.computeInto(panels[v], features, table);
            call.run(0);
            Harness.Timing t = Harness.measure(call, panels.length, ctx.harness(), () -> ctx.sink().consume(table));
            double values = (double) features.columns() * cells;
            double[] nanos = t.nanosPerCall();
            double[] rates = new double[nanos.length];
            for (int i = 0; i < nanos.length; i++) {
                rates[i] = values / nanos[i] * 1e9;
            }
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("instruments", (double) instruments);
            m.put("bars", (double) HISTORY_BARS);
            m.put("features_computed", (double) features.size());
            m.put("feature_columns", (double) features.columns());
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
                engine.close();
            }
        }
    }
}
