package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.pipeline.StageTimes;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.Signal;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.signal.SignalWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vectrade run}: the batch trading pipeline over market data: features → model scores →
 * signals, written as CSV or JSON lines (by the output's extension), atomically.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the trading pipeline (features -> model -> signals) over market data and write the signals.",
                "Default data: the synthetic market " + DataOptions.DEFAULT_SHAPE + " seed 42."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    ModelOption model;

    @Mixin
    PolicyOption policy;

    @Mixin
    BackendOption backend;

    @Option(names = "--emit", defaultValue = "nonflat", paramLabel = "nonflat|all|last|scores",
            description = "Which cells to write: non-flat targets of every bar, every cell, every instrument at the last bar,"
                    + " or every cell with its model score in a score column (default: ${DEFAULT-VALUE}).")
    String emit;

    @Option(names = "--out", required = true, paramLabel = "FILE|-",
            description = "Signals file: .csv, .jsonl (JSON lines) or .parquet, by extension; - writes CSV to stdout (the log goes to stderr).")
    Path out;

    @Option(names = "--out-format", paramLabel = "csv|jsonl|parquet", description = "Format for --out - (default: csv).")
    String outFormat;

    @Override
    public Integer call() throws Exception {
        if (!List.of("nonflat", "all", "last", "scores").contains(emit)) {
            throw new UsageException("unknown --emit, emit=" + emit + "; valid: nonflat, all, last, scores");
        }
        OutputTarget target = OutputTarget.of(out, outFormat, OutputTarget.all());
        if (emit.equals("scores") && target.format() == OutputTarget.Format.PARQUET) {
            throw new UsageException("--emit scores writes .csv or .jsonl, out=" + out);
        }
        Backend chosen = backend.get();
        Model m = model.load();
        long t0 = System.nanoTime();
        DataOptions.Loaded loaded = dataOptions.load();
        Panel panel = loaded.panel();
        long loadNanos = System.nanoTime() - t0;
        SignalChain signalChain = policy.chain(panel.instruments());

        SignalFrame frame;
        StageTimes times;
        String resolved;
        io.vectrade.backend.DevicePipelineTimings device;
        double[] pipelineScores;
        try (TradingPipeline pipeline = TradingPipeline.create(m, signalChain, chosen)) {
            frame = pipeline.run(panel);
            times = pipeline.lastTimes();
            resolved = pipeline.backend().id();
            device = pipeline.lastDeviceTimings();
            pipelineScores = emit.equals("scores") ? pipeline.scores().clone() : null;
        }
        int bars = panel.bars();
        double[] scores = emit.equals("scores") ? pipelineScores : null;
        List<Signal> signals = switch (emit) {
            case "all", "scores" -> SignalWriter.signals(frame, panel.timestampsMillis(), panel.symbols(), 0, bars, false);
            case "last" -> SignalWriter.signals(frame, panel.timestampsMillis(), panel.symbols(), bars - 1, bars, false);
            default -> SignalWriter.signals(frame, panel.timestampsMillis(), panel.symbols(), 0, bars, true);
        };
        long w0 = System.nanoTime();
        if (scores != null) {
            SignalWriter.Format fmt = switch (target.format()) {
                case CSV -> SignalWriter.Format.CSV;
                case JSONL -> SignalWriter.Format.JSONL;
                case PARQUET -> throw new UsageException("--emit scores writes .csv or .jsonl, out=" + out);
            };
            target.writeText(w -> SignalWriter.writeScored(w, fmt, frame, scores, panel.timestampsMillis(),
                    panel.symbols(), 0, bars));
        } else {
            SignalOutput.write(target, signals, io.vectrade.data.TimestampText.of(panel));
        }
        long writeNanos = System.nanoTime() - w0;

        long longs = 0;
        long shorts = 0;
        frame.nonFlat(0, bars); // brings the sparse form of every bar up to date, so the entry arrays stay put
        byte[] entrySides = frame.entrySides();
        for (int t = 0; t < bars; t++) { // the sparse form: only the non-flat cells
            for (int e = frame.entryStart(t), end = e + frame.nonFlat(t); e < end; e++) {
                longs += entrySides[e] == SignalFrame.LONG ? 1 : 0;
                shorts += entrySides[e] == SignalFrame.SHORT ? 1 : 0;
            }
        }
        long cells = (long) bars * panel.instruments();
        PrintWriter o = target.logToStderr() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        o.printf(Locale.ROOT, "data      %s: instruments=%d bars=%d%n", loaded.source(), panel.instruments(), bars);
        o.printf(Locale.ROOT, "model     %s %s on %d features: %s%n", model.name(), m.typeId(),
                m.inputs(), String.join(",", m.featureColumns()));
        if (m.runtime() != null) {   // an external model: what scores it (for onnx trees: the fast path or why not)
            o.printf(Locale.ROOT, "runtime   %s%n", m.runtime().describe());
        }
        o.printf(Locale.ROOT, "policy    %s%n", signalChain.spec());
        o.printf(Locale.ROOT, "backend   %s%s%n", resolved, chosen.id().equals(resolved) ? "" : " (asked: " + chosen.id() + ")");
        o.printf(Locale.ROOT, "signals   long %d, short %d, flat %d of %d (bar, instrument) cells%n", longs, shorts,
                cells - longs - shorts, cells);
        o.printf(Locale.ROOT, "time      load %.1f ms | features %.2f ms, predictions %.2f ms, signals %.2f ms, pipeline %.2f ms | write %.1f ms%n",
                loadNanos / 1e6, times.featuresNanos() / 1e6, times.predictionsNanos() / 1e6, times.signalsNanos() / 1e6,
                times.totalNanos() / 1e6, writeNanos / 1e6);
        if (device != null) {
            o.printf(Locale.ROOT, "device    upload %.2f ms, features %.2f ms, model %.2f ms, signals %.2f ms, download %.2f ms"
                            + " (CUDA events; first call, so kernel loading included)%n", device.uploadMillis(),
                    device.featureMillis(), device.modelMillis(), device.signalMillis(), device.downloadMillis());
        }
        o.printf(Locale.ROOT, "wrote     %s (%d signals, %s)%n", out, signals.size(), emit);
        o.flush();
        return 0;
    }
}
