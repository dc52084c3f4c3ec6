package io.vectrade.cli;

import io.vectrade.data.PanelBuilder;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.data.Timestamps;
import io.vectrade.data.TradeBarAggregator;
import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.data.csv.BarReadOptions;
import io.vectrade.data.csv.ColumnPreset;
import io.vectrade.data.csv.TradeCsvReader;
import io.vectrade.data.Panel;
import io.vectrade.parquet.ParquetBarReader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The market-data options every command shares: {@code --data FILES | --trades FILE.csv
 * --interval 1m | --synthetic NxT [--seed S] [--missing FRACTION]}, and how bar files are read ({@code --format},
 * {@code --columns}, {@code --adjust}, {@code --symbol}, {@code --on-bad-row}, {@code --epoch-unit},
 * {@code --tz}); without any source, the synthetic market {@value #DEFAULT_SHAPE}, seed 42, in
 * every command. Notices (ignored columns, skipped rows) go to stderr, one line each.
 */
final class DataOptions {
    static final String DEFAULT_SHAPE = "100x2520";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--data", split = ",", paramLabel = "FILE|DIR|GLOB",
            description = {"OHLCV bars, .csv or .parquet: a file, a comma list, a repeated --data, a directory (its .csv and .parquet"
                    + " files) or a glob ('data/*.csv'); several sources make one panel on the union calendar.",
                    "Layouts: date|timestamp,open,high,low,close,volume (symbol = file name) or with a symbol|ticker column."})
    List<String> data;

    @Option(names = "--format", paramLabel = "auto|yahoo|binance|yfinance|long",
            description = "Column layout of --data files (default: auto, which knows the others' column names).")
    String format;

    @Option(names = "--columns", split = ",", paramLabel = "COLUMN=NAME",
            description = "Map columns by name, e.g. --columns close=Last,timestamp=when (timestamp symbol open high low close volume adjclose).")
    Map<String, String> columns;

    @Option(names = "--adjust", description = "Use the adjusted close (Adj Close): open, high, low scaled by adj/close, close = adj; volume as traded.")
    boolean adjust;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Symbol of a single-instrument --data file (default: its file name).")
    String symbol;

    @Option(names = "--on-bad-row", paramLabel = "fail|skip",
            description = "A bad row refuses the file (fail, the default) or is skipped as a missing bar, counted per file (skip).")
    String onBadRow;

    @Option(names = "--epoch-unit", paramLabel = "s|ms|us|ns",
            description = "Unit of integer timestamps (default: by magnitude where unambiguous, else refused).")
    String epochUnit;

    @Option(names = "--tz", paramLabel = "ZONE", description = "Zone of naive date-times, e.g. America/New_York (default: UTC).")
    String tz;

    @Option(names = "--trades", paramLabel = "FILE.csv", description = "Trades timestamp,price,amount, aggregated into bars of --interval.")
    Path trades;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Bar interval for --trades: 1m, 5m, 1h, 1d, 30s, PT5M ... (1M, a month, is refused).")
    String interval;

    @Option(names = "--synthetic", paramLabel = "NxT", description = "Synthetic market of N instruments x T daily bars, e.g. 1000x2520.")
    String synthetic;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the synthetic market (default: 42).")
    Long seed;

    @Option(names = "--missing", paramLabel = "FRACTION",
            description = "Drop this fraction of the synthetic market's bars, at random over every instrument (seeded), e.g. 0.05: a panel with gaps.")
    Double missing;

    /** The panel these options name; the default synthetic market when none is given. */
    Loaded load() throws IOException {
        checkSources();
        boolean hasData = hasData();
        if (hasData) {
            BarReadOptions options = readOptions();
            List<Path> files = files();
            if (symbol != null && files.size() > 1) {
                throw new UsageException("--symbol applies to one file; --data names " + files.size());
            }
            PanelBuilder builder = new PanelBuilder();
            for (Path f : files) {
                if (isParquet(f)) {
                    ParquetBarReader.readInto(f, options, builder);
                } else {
                    BarCsvReader.readInto(f, options, builder);
                }
            }
            String what = files.size() == 1 ? files.get(0).toString() : files.size() + " files";
            return new Loaded(builder.build(), what + " (naive times in " + (options.zone().equals(java.time.ZoneOffset.UTC) ? "UTC" : options.zone().getId()) + ")");
        }
        if (trades != null) {
            Duration barInterval = TradeBarAggregator.parseInterval(interval);
            return new Loaded(TradeCsvReader.readBars(existing(trades), barInterval), trades + " @" + interval.strip());
        }
        SyntheticMarket.Shape shape = SyntheticMarket.Shape.parse(synthetic == null ? DEFAULT_SHAPE : synthetic);
        String tooBig = io.vectrade.bench.HeapBudget.problem((long) shape.instruments() * shape.bars(),
                Runtime.getRuntime().maxMemory());
        if (tooBig != null) {
            throw new UsageException("--synthetic " + shape + " " + tooBig);
        }
        long s = seed == null ? 42 : seed;
        if (missing != null) {
            io.vectrade.data.Panel gappy = io.vectrade.data.MissingBars.scatter(SyntheticMarket.generate(shape, s), missing, s);
            return new Loaded(gappy, "synthetic " + shape + " seed=" + s + " missing=" + missing);
        }
        return new Loaded(SyntheticMarket.generate(shape, s), "synthetic " + shape + " seed=" + s);
    }

    /** Refuses contradicting sources and options that do not apply to the source given (exit 2, one line). */
    void checkSources() {
        boolean hasData = hasData();
        int sources = (hasData ? 1 : 0) + (trades != null ? 1 : 0) + (synthetic != null ? 1 : 0);
        if (sources > 1) {
            throw new UsageException("give one of --data, --trades, --synthetic");
        }
        if (interval != null && trades == null) {
            throw new UsageException("--interval applies to --trades only");
        }
        if (trades != null && interval == null) {
            throw new UsageException("--trades needs --interval, e.g. --interval 1m");
        }
        if (seed != null && (hasData || trades != null)) {
            throw new UsageException("--seed applies to --synthetic only");
        }
        if (missing != null && (hasData || trades != null)) {
            throw new UsageException("--missing applies to --synthetic only");
        }
        if (missing != null && !(missing >= 0 && missing < 1)) {
            throw new UsageException("--missing must be in [0, 1), value=" + missing);
        }
        if (!hasData && (format != null || columns != null || adjust || symbol != null || onBadRow != null
                || epochUnit != null || tz != null)) {
            throw new UsageException("--format, --columns, --adjust, --symbol, --on-bad-row, --epoch-unit and --tz apply to --data only");
        }
    }

    /** Whether bars come from --data files. */
    boolean hasData() {
        return data != null && !data.isEmpty();
    }

    /** The read options these flags give; notices go to the command's stderr. */
    BarReadOptions readOptions() {
        ColumnPreset preset = format == null ? ColumnPreset.AUTO : ColumnPreset.parse(format);
        Map<String, String> renames = new LinkedHashMap<>();
        if (columns != null) {
            renames.putAll(columns);
        }
        BarReadOptions.BadRowPolicy policy = switch (onBadRow == null ? "fail" : onBadRow.strip().toLowerCase(Locale.ROOT)) {
            case "fail" -> BarReadOptions.BadRowPolicy.FAIL;
            case "skip" -> BarReadOptions.BadRowPolicy.SKIP;
            default -> throw new UsageException("unknown --on-bad-row, value=" + onBadRow + "; valid: fail, skip");
        };
        Timestamps.EpochUnit unit = epochUnit == null ? Timestamps.EpochUnit.AUTO : Timestamps.EpochUnit.parse(epochUnit);
        ZoneId zone;
        try {
            zone = tz == null ? java.time.ZoneOffset.UTC : ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            throw new UsageException("unknown --tz, zone=" + tz + "; expected a zone id such as UTC, Europe/London, America/New_York");
        }
        PrintWriter err = mixee == null ? new PrintWriter(System.err, true) : mixee.commandLine().getErr();
        return new BarReadOptions(preset, renames, adjust, symbol, unit, zone, policy, line -> {
            err.println("vectrade: notice: " + line);
            err.flush();
        });
    }

    /** The --data entries as files: lists split, directories listed, globs expanded; each sorted. */
    List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String entry : data) {
            String e = entry.strip();
            if (e.isEmpty()) {
                throw new UsageException("empty entry in --data");
            }
            if (e.indexOf('*') >= 0 || e.indexOf('?') >= 0 || e.indexOf('[') >= 0 || e.indexOf('{') >= 0) {
                out.addAll(glob(e));
            } else {
                Path p = Path.of(e);
                if (Files.isDirectory(p)) {
                    List<Path> inDir = list(p, p.getFileSystem().getPathMatcher("glob:*.{csv,parquet,CSV,PARQUET}"));
                    if (inDir.isEmpty()) {
                        throw new UsageException("no .csv or .parquet file in directory " + p);
                    }
                    out.addAll(inDir);
                } else {
                    out.add(existing(p));
                }
            }
        }
        return out;
    }

    private static List<Path> glob(String pattern) throws IOException {
        Path p = Path.of(pattern);
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        String name = p.getFileName().toString();
        if (dir.toString().chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
            throw new UsageException("a --data glob may have wildcards in the file name only, pattern=" + pattern);
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException("input directory not found, dir=" + dir + " (from --data " + pattern + ")");
        }
        List<Path> matched = list(dir, dir.getFileSystem().getPathMatcher("glob:" + name));
        if (matched.isEmpty()) {
            throw new UsageException("no file matches --data " + pattern);
        }
        return matched;
    }

    private static List<Path> list(Path dir, PathMatcher matcher) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path f : s) {
                if (Files.isRegularFile(f) && matcher.matches(f.getFileName())) {
                    out.add(f);
                }
            }
        }
        out.sort(null);
        return out;
    }

    static boolean isParquet(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) {
                throw new UsageException("input file not found, file=" + file);
            }
            String kind = Files.isDirectory(file) ? "a directory" : "a FIFO, device or socket";
            throw new UsageException("input is not a regular file (" + kind + "), file=" + file);
        }
        return file;
    }

    /** A loaded panel and a one-line description of where it came from. */
    record Loaded(Panel panel, String source) {
    }
}
