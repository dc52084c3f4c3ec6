package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.PanelBuilder;
import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.data.csv.BarReadOptions;
import io.vectrade.model.Model;
import io.vectrade.parquet.ParquetBarReader;
import io.vectrade.parquet.SignalParquetWriter;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.Signal;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.signal.SignalWriter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The single-JVM pipeline end to end on the bars a Spark job reads, as {@code ./vectrade run --data DIR
 * --out FILE.parquet --emit all} does it: every {@code .parquet} and {@code .csv} file under the bars
 * directory (in path order) read into one panel with vectrade's own readers (vectrade-parquet's
 * {@link ParquetBarReader}, core's {@link BarCsvReader}), {@link TradingPipeline#run} on it, and every
 * cell of the frame written as one Parquet file with {@link SignalParquetWriter} (to a temporary sibling
 * renamed into place, as the lab's writes are). {@code --emit all} because the Spark job
 * writes a row per existing bar: on a panel without gaps both write one row per cell. Stateless.
 */
final class SingleJvmEndToEnd {
    private SingleJvmEndToEnd() {
    }

    /** What one run did: rows written and the wall time of its three parts, milliseconds. */
    record Result(long rows, double readMillis, double pipelineMillis, double writeMillis) {
    }

    /** Reads {@code bars}, runs the pipeline on {@code backend} and writes the frame to {@code out}. */
    static Result run(Path bars, Path out, Model model, String policy, Backend backend) throws IOException {
        List<Path> files = inputFiles(bars);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .parquet or .csv file under " + bars);
        }
        long t0 = System.nanoTime();
        PanelBuilder builder = new PanelBuilder();
        for (Path f : files) {
            if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
                ParquetBarReader.readInto(f, BarReadOptions.DEFAULTS, builder);
            } else {
                BarCsvReader.readInto(f, BarReadOptions.DEFAULTS, builder);
            }
        }
        Panel panel = builder.build();
        long t1 = System.nanoTime();
        SignalFrame frame;
        try (TradingPipeline p = TradingPipeline.create(model, SignalChain.parse(policy), backend)) {
            frame = p.run(panel);
        }
        long t2 = System.nanoTime();
        List<Signal> signals = SignalWriter.signals(frame, panel.timestampsMillis(), panel.symbols(), 0, panel.bars(), false);
        Path abs = out.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            SignalParquetWriter.write(signals, o, out.toString());
        }
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        long t3 = System.nanoTime();
        return new Result(signals.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }

    /** The bars files under {@code bars} (itself if a file), in path order; Spark's hidden and {@code _} files skipped. */
    static List<Path> inputFiles(Path bars) throws IOException {
        if (Files.isRegularFile(bars)) {
            return List.of(bars);
        }
        try (Stream<Path> s = Files.walk(bars)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                String lower = n.toLowerCase(Locale.ROOT);
                return !n.startsWith(".") && !n.startsWith("_") && (lower.endsWith(".parquet") || lower.endsWith(".csv"));
            }).sorted().toList();
        }
    }
}
