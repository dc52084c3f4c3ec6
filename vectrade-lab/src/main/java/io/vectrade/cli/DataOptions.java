package io.vectrade.cli;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.data.TradeBarAggregator;
import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.data.csv.TradeCsvReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The market-data options every command shares: {@code --data FILE.csv | --trades FILE.csv
 * --interval 1m | --synthetic NxT [--seed S]}; without any, the synthetic market
 * {@value #DEFAULT_SHAPE}, seed 42, in every command.
 */
final class DataOptions {
    static final String DEFAULT_SHAPE = "100x2520";

    @Option(names = "--data", paramLabel = "FILE.csv",
            description = "OHLCV bars: date|timestamp,open,high,low,close,volume (symbol = file name) or the long form symbol,timestamp,open,high,low,close,volume.")
    Path data;

    @Option(names = "--trades", paramLabel = "FILE.csv", description = "Trades timestamp,price,amount, aggregated into bars of --interval.")
    Path trades;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Bar interval for --trades: 1m, 5m, 1h, 1d, 30s, PT5M ...")
    String interval;

    @Option(names = "--synthetic", paramLabel = "NxT", description = "Synthetic market of N instruments x T daily bars, e.g. 1000x2520.")
    String synthetic;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the synthetic market (default: 42).")
    Long seed;

    /** The panel these options name; the default synthetic market when none is given. */
    Loaded load() throws IOException {
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
        if (seed != null && (data != null || trades != null)) {
            throw new UsageException("--seed applies to --synthetic only");
        }
        if (data != null) {
            return new Loaded(BarCsvReader.read(existing(data)), data.toString());
        }
        if (trades != null) {
            Duration barInterval = TradeBarAggregator.parseInterval(interval);
            return new Loaded(TradeCsvReader.readBars(existing(trades), barInterval), trades + " @" + interval.strip());
        }
        SyntheticMarket.Shape shape = SyntheticMarket.Shape.parse(synthetic == null ? DEFAULT_SHAPE : synthetic);
        long s = seed == null ? 42 : seed;
        return new Loaded(SyntheticMarket.generate(shape, s), "synthetic " + shape + " seed=" + s);
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("input file not found, file=" + file);
        }
        return file;
    }

    /** A loaded panel and a one-line description of where it came from. */
    record Loaded(Panel panel, String source) {
    }
}
