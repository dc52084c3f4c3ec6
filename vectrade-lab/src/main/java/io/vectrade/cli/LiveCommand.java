package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.signal.Signal;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.signal.SignalWriter;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vectrade live --replay}: feeds market data bar by bar through the live engine, as if each
 * bar arrived as a tick, and reports the latency per tick (HdrHistogram, after warm-up ticks).
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Replay market data bar by bar through the live engine and report latency per tick.",
                "Default data: the synthetic market " + DataOptions.DEFAULT_SHAPE + " seed 42."})
final class LiveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--replay", defaultValue = "true", fallbackValue = "true",
            description = "Replay the data as ticks (the only live source so far).")
    boolean replay;

    @Mixin
    ModelOption model;

    @Mixin
    PolicyOption policy;

    @Mixin
    BackendOption backend;

    @Option(names = "--warmup-ticks", defaultValue = "200", paramLabel = "N",
            description = "Ticks left out of the latency figures while the JIT compiles (default: ${DEFAULT-VALUE}).")
    int warmupTicks;

    @Option(names = "--out", paramLabel = "FILE|-", description = "Also write each tick's non-flat signals (.csv, .jsonl or .parquet; - for CSV on stdout).")
    Path out;

    @Option(names = "--out-format", paramLabel = "csv|jsonl|parquet", description = "Format for --out - (default: csv).")
    String outFormat;

    @Override
    public Integer call() throws Exception {
        if (!replay) {
            throw new UsageException("live needs --replay: vectrade has no live market-data source yet");
        }
        if (warmupTicks < 0) {
            throw new UsageException("--warmup-ticks must be >= 0, warmup-ticks=" + warmupTicks);
        }
        OutputTarget target = out == null ? null : OutputTarget.of(out, outFormat, OutputTarget.all());
        Model m = model.load();
        DataOptions.Loaded loaded = dataOptions.load();
        Panel panel = loaded.panel();
        int n = panel.instruments();
        String chain = policy.spec(n);
        Backend chosen = backend.get();
        Histogram latency = new Histogram(3_600_000_000_000L, 3);
        double[][] bar = new double[5][n];
        List<Signal> signals = out == null ? null : new ArrayList<>();
        long[] timestamps = panel.timestampsMillis();
        List<String> symbols = panel.symbols();
        long longs = 0;
        long shorts = 0;
        String resolved;
        try (LiveEngine live = LiveEngine.create(m, SignalChain.parse(chain), chosen, n)) {
            resolved = live.backend().id();
            for (int t = 0; t < panel.bars(); t++) {
                panel.copyBar(t, bar[0], bar[1], bar[2], bar[3], bar[4]);
                long t0 = System.nanoTime();
                SignalFrame s = live.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                long nanos = System.nanoTime() - t0;
                if (t >= warmupTicks) {
                    latency.recordValue(nanos);
                }
                for (int i = 0; i < n; i++) {
                    byte side = s.side(0, i);
                    longs += side == SignalFrame.LONG ? 1 : 0;
                    shorts += side == SignalFrame.SHORT ? 1 : 0;
                    if (signals != null && side != SignalFrame.FLAT) {
                        signals.add(new Signal(timestamps[t], symbols.get(i), side, s.strength(0, i), s.weight(0, i)));
                    }
                }
            }
        }
        if (out != null) {
            SignalOutput.write(target, signals);
        }
        PrintWriter o = target != null && target.logToStderr() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        o.printf(Locale.ROOT, "data      %s: instruments=%d bars=%d (one tick per bar)%n", loaded.source(), n, panel.bars());
        o.printf(Locale.ROOT, "model     %s on %s; policy %s%n", model.name(), resolved, chain);
        o.printf(Locale.ROOT, "signals   long %d, short %d (instrument-ticks)%n", longs, shorts);
        if (latency.getTotalCount() == 0) {
            o.printf(Locale.ROOT, "latency   no ticks after the %d warm-up ticks%n", warmupTicks);
        } else {
            o.printf(Locale.ROOT, "latency   per tick of %d instruments over %d ticks (after %d warm-up): p50 %.1f us, p99 %.1f us, max %.1f us, mean %.1f us%n",
                    n, latency.getTotalCount(), warmupTicks, latency.getValueAtPercentile(50) / 1e3,
                    latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3, latency.getMean() / 1e3);
        }
        if (out != null) {
            o.printf(Locale.ROOT, "wrote     %s (%d signals)%n", out, signals.size());
        }
        o.flush();
        return 0;
    }
}
