package io.vectrade.data.csv;

import io.vectrade.data.BarSeriesBuilder;
import io.vectrade.data.DataFormatException;
import io.vectrade.data.Panel;
import io.vectrade.data.Timestamps;
import io.vectrade.data.UnionCalendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.vectrade.data.PanelBuilder;

/**
 * Reads OHLCV bars from CSV into a {@link Panel}. Two forms, told apart by the header (the column
 * names of common vendors are recognised, see {@link ColumnPreset}; other names are mapped with
 * {@link BarReadOptions#columns()}; columns nothing uses are ignored with one notice naming them):
 * <pre>
 *   single instrument (symbol = file name without extension):   long form (any number of symbols):
 *   date,open,high,low,close,volume                              symbol,timestamp,open,high,low,close,volume
 *   2013-01-02,553.82,555.00,541.63,549.03,20018500              AAPL,2013-01-02,553.82,555.00,541.63,549.03,20018500
 * </pre>
 * Header names are case-insensitive, in any order; the time column is {@code date} or
 * {@code timestamp} (forms in {@link Timestamps}). yfinance's multi-level header (a row of price
 * names and a row of tickers, one bar per ticker on each row) is read too ({@link MultiLevelHeader}). Blank lines are
 * skipped. In the long form the panel's instruments are in order of first appearance and
 * instruments with different calendars are aligned on the union of their timestamps
 * ({@link UnionCalendar}: NaN bars where one has no row).
 *
 * <p>Validation, each a {@link DataFormatException} naming file, 1-based line and field: empty
 * file, header-only file, unknown/duplicate/missing header column, wrong column count, unparsable
 * number or timestamp, timestamps not strictly increasing (per symbol in the long form; a repeat is
 * reported as a duplicate), prices (open, high, low, close) not finite and positive, high &lt; low,
 * open or close outside [low, high], volume negative or not finite.
 *
 * <p>Memory: the file is read line by line through a {@link BufferedReader}; each line is a
 * short-lived string and nothing per line or per field is kept. What is kept is primitive columns
 * ({@link BarSeriesBuilder}): 48 bytes per bar (timestamp + OHLCV), plus up to 50% growth slack,
 * so the heap needed is proportional to the bars kept, not to the file's size. Building the
 * panel then needs the panel itself (T<sub>union</sub> × N × 40 bytes) and 8 bytes per bar for the
 * union calendar next to the builders: a peak of about 100 bytes per bar when calendars agree
 * (2.52 million bars from a 148 MB file are read with {@code -Xmx300m}; {@code -Xmx240m} is too
 * little). Stateless and thread-safe.
 */
public final class BarCsvReader {
    private static final int FIRST_SKIPPED_SHOWN = 5;

    private BarCsvReader() {
    }

    /**
     * Reads a UTF-8 CSV file of either form with the default options.
     *
     * @throws DataFormatException naming file, line and field for bad content
     * @throws IOException         if the file cannot be read
     */
    public static Panel read(Path file) throws IOException {
        return read(file, BarReadOptions.DEFAULTS);
    }

    /** Reads a UTF-8 CSV file of either form. */
    public static Panel read(Path file, BarReadOptions options) throws IOException {
        PanelBuilder panel = new PanelBuilder();
        readInto(file, options, panel);
        if (panel.bars() == 0) {
            throw new DataFormatException(file, 0, null, "no bars after the header line");
        }
        return panel.build();
    }

    /**
     * Reads CSV of either form from {@code in} (not closed); {@code name} is the file named in
     * errors and, in the single-instrument form, gives the symbol.
     */
    public static Panel read(Reader in, Path name) throws IOException {
        PanelBuilder panel = new PanelBuilder();
        readInto(in, name, BarReadOptions.DEFAULTS, panel);
        return panel.build();
    }

    /**
     * Reads one file's bars into {@code panel} (one of several sources of a panel).
     *
     * @return the number of bars read
     */
    public static long readInto(Path file, BarReadOptions options, PanelBuilder panel) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readInto(in, file, options, panel);
        }
    }

    private static long readInto(Reader in, Path name, BarReadOptions options, PanelBuilder panel) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        String headerLine = CsvLine.readLine(r, name, 1);
        if (headerLine == null || CsvLine.stripBom(headerLine).isBlank()) {
            throw new DataFormatException(name, 0, null, "empty file, expected a header line");
        }
        if (options.preset() == ColumnPreset.AUTO || options.preset() == ColumnPreset.YFINANCE) {
            MultiLevelHeader levels = MultiLevelHeader.detect(name, headerLine, r, options);
            if (levels != null) {
                return readMultiLevel(r, name, levels, options, panel);
            }
        }
        BarColumns header = BarColumns.parse(name, headerLine, options);
        notices(name, header, options);
        int[] col = header.indexOf();
        if (options.adjust() && col[BarColumns.ADJ_CLOSE] < 0) {
            throw new DataFormatException(name, 1, "adjclose", "--adjust needs an adjusted close column (Adj Close), or"
                    + " --columns adjclose=NAME; the header is " + String.join(",", header.names()));
        }
        boolean longForm = header.longForm();
        if (longForm && options.symbol() != null) {
            throw new IllegalArgumentException("--symbol applies to single-instrument files; " + name
                    + " has a symbol column '" + header.name(BarColumns.SYMBOL) + "'");
        }
        CsvLine row = new CsvLine(name, header.names());
        row.timestampRules(options.epochUnit(), options.zone());
        String source = name.toString();
        BarSeriesBuilder current = null;
        String currentSymbol = null;
        int currentIndex = -1;
        List<Integer> mine = new ArrayList<>();
        if (!longForm) {
            currentSymbol = options.symbol() != null ? options.symbol() : symbolOf(name);
            current = panel.series(currentSymbol, source);
        }
        boolean skip = options.badRows() == BarReadOptions.BadRowPolicy.SKIP;
        long skipped = 0;
        long[] firstSkipped = new long[FIRST_SKIPPED_SHOWN];
        long lineNumber = header.headerless() ? 0 : 1;
        long rows = 0;
        String line = header.headerless() ? headerLine : null;
        while (line != null || (line = CsvLine.readLine(r, name, lineNumber + 1)) != null) {
            lineNumber++;
            String text = line;
            line = null;
            if (CsvLine.isBlank(text)) {
                continue;
            }
            try {
                row.reset(lineNumber == 1 ? CsvLine.stripBom(text) : text, lineNumber);
                if (longForm && (currentSymbol == null || !row.textEquals(col[BarColumns.SYMBOL], currentSymbol))) {
                    // time-major files list the symbols in the same order every bar: try this file's
                    // next one before hashing a new string
                    int next = currentIndex + 1 >= mine.size() ? 0 : currentIndex + 1;
                    if (currentSymbol != null && row.textEquals(col[BarColumns.SYMBOL], panel.symbol(mine.get(next)))) {
                        currentIndex = next;
                    } else {
                        if (row.isEmpty(col[BarColumns.SYMBOL])) {
                            throw row.error(col[BarColumns.SYMBOL], "empty symbol");
                        }
                        String symbol = row.text(col[BarColumns.SYMBOL]);
                        int known = panel.indexOf(symbol);
                        try {
                            panel.series(symbol, source);
                        } catch (IllegalArgumentException e) {
                            throw row.error(col[BarColumns.SYMBOL], e.getMessage());
                        }
                        if (known < 0) {
                            mine.add(panel.indexOf(symbol));
                        }
                        currentIndex = mine.indexOf(panel.indexOf(symbol));
                    }
                    currentSymbol = panel.symbol(mine.get(currentIndex));
                    current = panel.series(mine.get(currentIndex));
                }
                addBar(row, col, current, longForm ? currentSymbol : null, options.adjust());
                rows++;
            } catch (DataFormatException e) {
                if (!skip) {
                    throw e;
                }
                if (skipped < FIRST_SKIPPED_SHOWN) {
                    firstSkipped[(int) skipped] = lineNumber;
                }
                skipped++;
            }
        }
        if (skipped > 0) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < Math.min(skipped, FIRST_SKIPPED_SHOWN); k++) {
                b.append(k == 0 ? "" : ", ").append(firstSkipped[k]);
            }
            options.notices().accept(name + ": skipped " + skipped + " bad row" + (skipped == 1 ? "" : "s")
                    + " (line" + (skipped == 1 ? " " : "s ") + b + (skipped > FIRST_SKIPPED_SHOWN ? ", ..." : "")
                    + "), each a missing bar");
        }
        if (rows == 0) {
            throw new DataFormatException(name, 0, null, skipped > 0 ? "no good bars (" + skipped + " rows skipped)"
                    : "no bars after the header line");
        }
        return rows;
    }

    /**
     * The rows of a file with yfinance's multi-level header ({@link MultiLevelHeader}): one bar per
     * ticker per row, none where all of a ticker's cells are empty. A bad bar is one ticker's: with
     * {@code skip} only that ticker misses the bar.
     */
    private static long readMultiLevel(BufferedReader r, Path name, MultiLevelHeader levels, BarReadOptions options,
                                       PanelBuilder panel) throws IOException {
        notices(name, levels.mapped(), options);
        List<String> tickers = levels.tickers();
        if (options.adjust() && levels.mapped().indexOf()[BarColumns.ADJ_CLOSE] < 0) {
            throw new DataFormatException(name, 1, "adjclose", "--adjust needs an adjusted close column (Adj Close), or"
                    + " --columns adjclose=NAME");
        }
        if (options.symbol() != null && tickers.size() > 1) {
            throw new IllegalArgumentException("--symbol applies to single-instrument files; " + name + " has "
                    + tickers.size() + " tickers (" + String.join(", ", tickers) + ")");
        }
        String source = name.toString();
        BarSeriesBuilder[] series = new BarSeriesBuilder[tickers.size()];
        String[] symbols = new String[tickers.size()];
        for (int k = 0; k < series.length; k++) {
            symbols[k] = options.symbol() != null ? options.symbol() : tickers.get(k);
            try {
                series[k] = panel.series(symbols[k], source);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(name, levels.headerLines(), "ticker", e.getMessage());
            }
        }
        CsvLine row = new CsvLine(name, levels.names());
        row.timestampRules(options.epochUnit(), options.zone());
        boolean skip = options.badRows() == BarReadOptions.BadRowPolicy.SKIP;
        long skipped = 0;
        long[] firstSkipped = new long[FIRST_SKIPPED_SHOWN];
        long lineNumber = levels.headerLines();
        long bars = 0;
        String line;
        while ((line = CsvLine.readLine(r, name, lineNumber + 1)) != null) {
            lineNumber++;
            if (CsvLine.isBlank(line)) {
                continue;
            }
            try {
                row.reset(line, lineNumber);
            } catch (DataFormatException e) {
                if (!skip) {
                    throw e;
                }
                skipped = skipped(firstSkipped, skipped, lineNumber);
                continue;
            }
            for (int k = 0; k < series.length; k++) {
                int[] col = levels.columns()[k];
                if (noBar(row, col)) {
                    continue;
                }
                try {
                    addBar(row, col, series[k], symbols[k], options.adjust());
                    bars++;
                } catch (DataFormatException e) {
                    if (!skip) {
                        throw e;
                    }
                    skipped = skipped(firstSkipped, skipped, lineNumber);
                }
            }
        }
        if (skipped > 0) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < Math.min(skipped, FIRST_SKIPPED_SHOWN); k++) {
                b.append(k == 0 ? "" : ", ").append(firstSkipped[k]);
            }
            options.notices().accept(name + ": skipped " + skipped + " bad bar" + (skipped == 1 ? "" : "s")
                    + " (line" + (skipped == 1 ? " " : "s ") + b + (skipped > FIRST_SKIPPED_SHOWN ? ", ..." : "")
                    + "), each a missing bar of its ticker");
        }
        if (bars == 0) {
            throw new DataFormatException(name, 0, null, skipped > 0 ? "no good bars (" + skipped + " skipped)"
                    : "no bars after the header lines");
        }
        return bars;
    }

    /** Whether all of a ticker's price and volume cells on this row are empty: pandas' NaN where it has no bar. */
    private static boolean noBar(CsvLine row, int[] col) {
        for (int c = BarColumns.OPEN; c <= BarColumns.ADJ_CLOSE; c++) {
            if (col[c] >= 0 && !row.isEmpty(col[c])) {
                return false;
            }
        }
        return true;
    }

    private static long skipped(long[] first, long skipped, long lineNumber) {
        if (skipped < FIRST_SKIPPED_SHOWN) {
            first[(int) skipped] = lineNumber;
        }
        return skipped + 1;
    }

    private static void addBar(CsvLine row, int[] col, BarSeriesBuilder out, String symbol, boolean adjust) {
        double[] b = out.scratch();
        long ts = parseBar(row, col, out.size() > 0, out.lastTimestampMillis(), symbol, b, adjust);
        out.add(ts, b[0], b[1], b[2], b[3], b[4]);
    }

    /**
     * Parses and validates one bar into {@code bar} (open, high, low, close, volume); returns its
     * timestamp. {@code hasLast}/{@code last}: the previous timestamp of the same instrument.
     * With {@code adjust}, open, high and low are scaled by adjclose/close and the close is adjclose.
     */
    private static long parseBar(CsvLine row, int[] col, boolean hasLast, long last, String symbol, double[] bar,
                                 boolean adjust) {
        long ts = row.timestamp(col[BarColumns.TIME]);
        double o = price(row, col[BarColumns.OPEN]);
        double h = price(row, col[BarColumns.HIGH]);
        double l = price(row, col[BarColumns.LOW]);
        double c = price(row, col[BarColumns.CLOSE]);
        double v = row.number(col[BarColumns.VOLUME]);
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw row.error(col[BarColumns.VOLUME], "volume must be finite and non-negative, volume=" + v);
        }
        if (h < l) {
            throw row.error(col[BarColumns.HIGH], "high < low, high=" + h + " low=" + l);
        }
        if (o < l || o > h) {
            throw row.error(col[BarColumns.OPEN], "open outside [low, high], open=" + o + " low=" + l + " high=" + h);
        }
        if (c < l || c > h) {
            throw row.error(col[BarColumns.CLOSE], "close outside [low, high], close=" + c + " low=" + l + " high=" + h);
        }
        if (hasLast && ts <= last) {
            String who = symbol == null ? "" : "symbol=" + symbol + " ";
            throw row.error(col[BarColumns.TIME], (ts == last ? "duplicate timestamp, " : "timestamps not increasing, ")
                    + who + "timestamp=" + Timestamps.formatIso(ts)
                    + (ts == last ? "" : " previous=" + Timestamps.formatIso(last)));
        }
        if (adjust) {
            double adj = price(row, col[BarColumns.ADJ_CLOSE]);
            double f = adj / c;
            o *= f;
            h *= f;
            l *= f;
            c = adj;
        }
        bar[0] = o;
        bar[1] = h;
        bar[2] = l;
        bar[3] = c;
        bar[4] = v;
        return ts;
    }

    /** Receives the bars of {@link #forEachBar}, one at a time, in file order. */
    @FunctionalInterface
    public interface BarHandler {
        void bar(long timestampMillis, double open, double high, double low, double close, double volume)
                throws IOException;
    }

    /** {@link #forEachBar(Path, BarReadOptions, BarHandler)} with the default options. */
    public static long forEachBar(Path file, BarHandler handler) throws IOException {
        return forEachBar(file, BarReadOptions.DEFAULTS, handler);
    }

    /**
     * Streams a single-instrument bar file through {@code handler}, bar by bar, with the same
     * validation as {@link #read}; memory does not grow with the file. Bars before a bad line have
     * already been handed over when the {@link DataFormatException} is thrown: write through
     * {@link io.vectrade.io.AtomicFiles} so that nothing is left behind. Bad rows are always
     * refused here (no skipping).
     *
     * @return the number of bars
     * @throws DataFormatException for bad content, or for a long-form (symbol column) file
     */
    public static long forEachBar(Path file, BarReadOptions options, BarHandler handler) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = CsvLine.readLine(r, file, 1);
            if (headerLine == null || CsvLine.stripBom(headerLine).isBlank()) {
                throw new DataFormatException(file, 0, null, "empty file, expected a header line");
            }
            if (MultiLevelHeader.startsLikeOne(headerLine)) {
                throw new DataFormatException(file, 1, null, "yfinance's multi-level header (Price and Ticker rows):"
                        + " streaming reads a single-level header; read it without --stream");
            }
            BarColumns header = BarColumns.parse(file, headerLine, options);
            int[] col = header.indexOf();
            if (header.longForm()) {
                throw new DataFormatException(file, 1, header.name(BarColumns.SYMBOL),
                        "streaming reads single-instrument files; this is the long form");
            }
            CsvLine row = new CsvLine(file, header.names());
            row.timestampRules(options.epochUnit(), options.zone());
            double[] bar = new double[5];
            long lineNumber = header.headerless() ? 0 : 1;
            long rows = 0;
            long last = 0;
            String line = header.headerless() ? headerLine : null;
            while (line != null || (line = CsvLine.readLine(r, file, lineNumber + 1)) != null) {
                lineNumber++;
                String text = line;
                line = null;
                if (CsvLine.isBlank(text)) {
                    continue;
                }
                row.reset(lineNumber == 1 ? CsvLine.stripBom(text) : text, lineNumber);
                last = parseBar(row, col, rows > 0, last, null, bar, options.adjust());
                handler.bar(last, bar[0], bar[1], bar[2], bar[3], bar[4]);
                rows++;
            }
            if (rows == 0) {
                throw new DataFormatException(file, 0, null, "no bars after the header line");
            }
            return rows;
        }
    }

    private static double price(CsvLine row, int k) {
        double p = row.number(k);
        if (!(p > 0) || p == Double.POSITIVE_INFINITY) {
            throw row.error(k, "price must be finite and positive, value=" + p);
        }
        return p;
    }

    private static void notices(Path file, BarColumns header, BarReadOptions options) {
        if (!header.ignored().isEmpty()) {
            options.notices().accept(file + ": ignored column" + (header.ignored().size() > 1 ? "s " : " ")
                    + String.join(", ", header.ignored()));
        }
        if (header.indexOf()[BarColumns.ADJ_CLOSE] >= 0 && !options.adjust()) {
            options.notices().accept(file + ": column '" + header.name(BarColumns.ADJ_CLOSE)
                    + "' not used: prices are as traded; --adjust scales open, high, low by adj/close and uses it as the close");
        }
    }

    /** Logical columns of {@link #mapColumns}, in the order of its result. */
    public static final List<String> LOGICAL_COLUMNS = BarColumns.LOGICAL;

    /**
     * Maps the column names of a bar file that is not CSV (a Parquet schema) by the same rules as
     * a CSV header: for each of {@link #LOGICAL_COLUMNS} its index in {@code names}, or -1 when an
     * optional one is absent. Ignored columns are reported to the options' notices.
     *
     * @throws DataFormatException naming the file and the missing or duplicate column
     */
    public static int[] mapColumns(Path file, List<String> names, BarReadOptions options) {
        BarColumns c = BarColumns.parse(file, names.stream().map(n -> n.replace(',', ' '))
                .collect(java.util.stream.Collectors.joining(",")), options);
        notices(file, c, options);
        return c.indexOf().clone();
    }

    /** The file name without its last extension: {@code data/AAPL.csv} gives {@code AAPL}. */
    public static String symbolOf(Path file) {
        Path fn = file.getFileName();
        String s = fn == null ? "input" : fn.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
