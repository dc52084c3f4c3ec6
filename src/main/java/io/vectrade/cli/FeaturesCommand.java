package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.data.TradeBarAggregator;
import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.data.csv.FeatureCsvWriter;
import io.vectrade.data.csv.TradeCsvReader;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureEngines;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vectrade features}: loads bars (a CSV file, trades aggregated into bars, or the synthetic
 * market), computes a feature set on one backend and writes the feature table as CSV, atomically.
 * Bad input is one line on stderr, exit code 2, and the output file is not created (an existing
 * one is left untouched).
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Compute features over market data and write them as CSV (timestamp,symbol,<one column per feature>).",
                "Data: --data bars.csv | --trades trades.csv --interval 1m | --synthetic NxT [--seed S];"
                        + " default: the synthetic market " + FeaturesCommand.DEFAULT_SHAPE + " seed " + FeaturesCommand.DEFAULT_SEED + "."})
final class FeaturesCommand implements Callable<Integer> {
    static final String DEFAULT_SHAPE = "100x2520";
    static final long DEFAULT_SEED = 42;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv",
            description = "OHLCV bars: date|timestamp,open,high,low,close,volume (symbol = file name) or the long form symbol,timestamp,open,high,low,close,volume.")
    Path data;

    @Option(names = "--trades", paramLabel = "FILE.csv", description = "Trades timestamp,price,amount, aggregated into bars of --interval.")
    Path trades;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Bar interval for --trades: 1m, 5m, 1h, 1d, 30s, PT5M ...")
    String interval;

    @Option(names = "--synthetic", paramLabel = "NxT", description = "Synthetic market of N instruments x T daily bars, e.g. 1000x2520.")
    String synthetic;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the synthetic market (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--features", required = true, paramLabel = "SPECS", description = "Feature specs, e.g. \"rsi(14),momentum(10),volatility(20)\".")
    String features;

    @Option(names = "--backend", paramLabel = "cpu|simd|cuda|auto", defaultValue = "cpu", description = "Backend (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV, written atomically.")
    Path out;

    @Override
    public Integer call() throws IOException {
        int sources = (data != null ? 1 : 0) + (trades != null ? 1 : 0) + (synthetic != null ? 1 : 0);
        if (sources > 1) {
            throw new UsageException("give one of --data, --trades, --synthetic");
        }
        if (interval != null && trades == null) {
            throw new UsageException("--interval applies to --trades only");
        }
        if (trades != null && interval == null) {
            throw new UsageException("--trades needs --interval, e.g. --interval 1m");
        }
        boolean seedGiven = spec.commandLine().getParseResult().hasMatchedOption("--seed");
        if (seedGiven && (data != null || trades != null)) {
            throw new UsageException("--seed applies to --synthetic only");
        }
        FeatureSet set = FeatureSet.parse(features);
        Backend chosen = Backend.parse(backend);
        FeatureEngine engine;
        try {
            engine = FeatureEngines.of(chosen);
        } catch (UnsupportedOperationException e) {
            throw new UsageException(e.getMessage());
        }
        Duration barInterval = interval == null ? null : TradeBarAggregator.parseInterval(interval);
        SyntheticMarket.Shape shape = data == null && trades == null
                ? SyntheticMarket.Shape.parse(synthetic == null ? DEFAULT_SHAPE : synthetic) : null;

        long t0 = System.nanoTime();
        Panel panel;
        String source;
        if (data != null) {
            panel = BarCsvReader.read(existing(data));
            source = data.toString();
        } else if (trades != null) {
            panel = TradeCsvReader.readBars(existing(trades), barInterval);
            source = trades + " @" + interval.strip();
        } else {
            panel = SyntheticMarket.generate(shape, seed);
            source = "synthetic " + shape + " seed=" + seed;
        }
        long t1 = System.nanoTime();
        FeatureTable table = engine.compute(panel, set);
        long t2 = System.nanoTime();
        FeatureCsvWriter.write(panel, table, out);
        long t3 = System.nanoTime();

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "data      %s: instruments=%d bars=%d%n", source, panel.instruments(), panel.bars());
        o.printf(Locale.ROOT, "features  %d (%d columns): %s%n", set.size(), set.columns(), set);
        o.printf(Locale.ROOT, "backend   %s%s%n", engine.backend().id(),
                chosen == engine.backend() ? "" : " (asked: " + chosen.id() + ")");
        o.printf(Locale.ROOT, "time      load %.1f ms, compute %.1f ms, write %.1f ms%n",
                millis(t1 - t0), millis(t2 - t1), millis(t3 - t2));
        o.printf(Locale.ROOT, "wrote     %s (%d rows)%n", out, (long) panel.bars() * panel.instruments());
        o.flush();
        return 0;
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("input file not found, file=" + file);
        }
        return file;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
