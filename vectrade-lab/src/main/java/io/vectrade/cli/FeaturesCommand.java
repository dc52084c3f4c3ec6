package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.pipeline.Backends;
import io.vectrade.data.Panel;
import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.feature.FeatureCsvWriter;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.stream.StreamingFeatures;
import io.vectrade.data.csv.BarReadOptions;
import io.vectrade.feature.ColumnStyle;
import io.vectrade.feature.FeatureJsonlWriter;
import io.vectrade.parquet.FeatureParquetWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vectrade features}: loads bars (a CSV file, trades aggregated into bars, or the synthetic
 * market), computes a feature set on one backend and writes the feature table as CSV, atomically.
 * With {@code --stream} a single-instrument file is processed bar by bar instead (streaming
 * features, each row written as it is read), so memory does not grow with the file. Bad input is
 * one line on stderr, exit code 2, and the output file is not created (an existing one is left
 * untouched).
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Compute features over market data and write them as CSV, JSON lines or Parquet (timestamp,symbol,<one column per feature>).",
                "Data: --data bars.csv | --trades trades.csv --interval 1m | --synthetic NxT [--seed S];"
                        + " default: the synthetic market " + DataOptions.DEFAULT_SHAPE + " seed 42."})
final class FeaturesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--features", required = true, paramLabel = "SPECS", description = "Feature specs, e.g. \"rsi(14),momentum(10),volatility(20)\".")
    String features;

    @Mixin
    BackendOption backend;

    @Option(names = "--stream", description = "Read a single-instrument --data file bar by bar through streaming features and write"
            + " each row as it goes: memory does not grow with the file (same values as the batch path; calling thread only).")
    boolean stream;

    @Option(names = "--out", required = true, paramLabel = "FILE|-",
            description = "Output .csv, .jsonl or .parquet (by extension), written atomically; - writes CSV to stdout (the log goes to stderr).")
    Path out;

    @Option(names = "--out-format", paramLabel = "csv|jsonl|parquet", description = "Format for --out - (default: csv).")
    String outFormat;

    @Option(names = "--column-style", defaultValue = "canonical", paramLabel = "canonical|snake",
            description = "Column names: canonical specs rsi(14), macd(12,26,9).line, or snake rsi_14, macd_12_26_9_line (default: ${DEFAULT-VALUE}).")
    String columnStyle;

    @Override
    public Integer call() throws IOException {
        FeatureSet set = FeatureSet.parse(features);
        ColumnStyle style = ColumnStyle.parse(columnStyle);
        OutputTarget target = OutputTarget.of(out, outFormat, OutputTarget.all());
        Backend chosen = backend.get();
        if (stream) {
            if (target.format() != OutputTarget.Format.CSV) {
                throw new UsageException("--stream writes CSV; --out " + out + " is " + target.format().extension());
            }
            return stream(set, chosen, style, target);
        }
        FeatureEngine engine = Backends.featureEngine(chosen);
        long t0 = System.nanoTime();
        DataOptions.Loaded loaded = dataOptions.load();
        Panel panel = loaded.panel();
        long t1 = System.nanoTime();
        FeatureTable table = engine.compute(panel, set);
        long t2 = System.nanoTime();
        engine.close();
        List<String> names = style.names(set.columnNames());
        switch (target.format()) {
            case CSV -> target.writeText(w -> FeatureCsvWriter.write(panel, table, names, w));
            case JSONL -> target.writeText(w -> FeatureJsonlWriter.write(panel, table, names, w));
            case PARQUET -> target.write(os -> FeatureParquetWriter.write(panel, table, names, os, out.toString()));
        }
        long t3 = System.nanoTime();

        PrintWriter o = target.logToStderr() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        o.printf(Locale.ROOT, "data      %s: instruments=%d bars=%d%n", loaded.source(), panel.instruments(), panel.bars());
        o.printf(Locale.ROOT, "features  %d (%d columns): %s%n", set.size(), set.columns(), set);
        o.printf(Locale.ROOT, "backend   %s%s%n", engine.backend().id(),
                chosen == engine.backend() ? "" : " (asked: " + chosen.id() + ")");
        o.printf(Locale.ROOT, "time      load %.1f ms, compute %.1f ms, write %.1f ms%n",
                millis(t1 - t0), millis(t2 - t1), millis(t3 - t2));
        o.printf(Locale.ROOT, "wrote     %s (%d rows)%n", out, (long) panel.bars() * panel.instruments());
        o.flush();
        return 0;
    }

    /** The streaming path: CSV → streaming features → CSV, one bar in memory at a time. */
    private int stream(FeatureSet set, Backend chosen, ColumnStyle style, OutputTarget target) throws IOException {
        if (!dataOptions.hasData() || dataOptions.trades != null || dataOptions.synthetic != null) {
            throw new UsageException("--stream reads a single-instrument --data file");
        }
        List<Path> files = dataOptions.files();
        if (files.size() != 1 || DataOptions.isParquet(files.get(0))) {
            throw new UsageException("--stream reads one single-instrument CSV file; --data names " + files);
        }
        Path data = files.get(0);
        BarReadOptions readOptions = dataOptions.readOptions();
        if (readOptions.badRows() != BarReadOptions.BadRowPolicy.FAIL) {
            throw new UsageException("--stream refuses bad rows (rows already written cannot be taken back); leave --on-bad-row skip out");
        }
        if (chosen != Backend.CPU && spec.commandLine().getParseResult().hasMatchedOption("--backend")) {
            throw new UsageException("--stream runs on the calling thread (cpu); leave --backend out, backend=" + chosen.id());
        }
        if (!Files.isRegularFile(data)) {
            throw new UsageException("input file not found, file=" + data);
        }
        String symbol = dataOptions.symbol != null ? dataOptions.symbol : BarCsvReader.symbolOf(data);
        StreamingFeatures live = StreamingFeatures.of(set, 1);
        int columns = set.columns();
        double[][] bar = new double[5][1];
        double[] row = new double[columns];
        long t0 = System.nanoTime();
        long[] bars = new long[1];
        target.writeText(w -> {
            w.write(FeatureCsvWriter.header(style.names(set.columnNames())));
            w.write('\n');
            StringBuilder b = new StringBuilder(64 + 24 * columns);
            StreamedTimestamps times = new StreamedTimestamps();
            bars[0] = BarCsvReader.forEachBar(data, readOptions, (ts, open, high, low, close, volume) -> {
                bar[0][0] = open;
                bar[1][0] = high;
                bar[2][0] = low;
                bar[3][0] = close;
                bar[4][0] = volume;
                // one instrument: the streaming row holds column c at index c
                live.update(bar[0], bar[1], bar[2], bar[3], bar[4], row);
                if (times.holdFirst(ts, row)) {
                    return;
                }
                if (times.heldRow() != null) {
                    b.setLength(0);
                    FeatureCsvWriter.appendRow(b, times.format(times.heldMillis()), symbol, times.heldRow());
                    w.append(b);
                    times.released();
                }
                b.setLength(0);
                FeatureCsvWriter.appendRow(b, times.format(ts), symbol, row);
                w.append(b);
            });
            if (times.heldRow() != null) {
                b.setLength(0);
                FeatureCsvWriter.appendRow(b, times.format(times.heldMillis()), symbol, times.heldRow());
                w.append(b);
            }
        });
        long t1 = System.nanoTime();
        PrintWriter o = target.logToStderr() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        o.printf(Locale.ROOT, "data      %s: instruments=1 bars=%d (streamed)%n", data, bars[0]);
        o.printf(Locale.ROOT, "features  %d (%d columns): %s%n", set.size(), set.columns(), set);
        o.printf(Locale.ROOT, "backend   cpu (streaming features, one bar at a time)%n");
        o.printf(Locale.ROOT, "time      read, compute and write %.1f ms%n", millis(t1 - t0));
        o.printf(Locale.ROOT, "wrote     %s (%d rows)%n", out, bars[0]);
        o.flush();
        return 0;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
