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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OHLCV bars from CSV into a {@link Panel}. Two forms, told apart by the header:
 * <pre>
 *   single instrument (symbol = file name without extension):   long form (any number of symbols):
 *   date,open,high,low,close,volume                              symbol,timestamp,open,high,low,close,volume
 *   2013-01-02,553.82,555.00,541.63,549.03,20018500              AAPL,2013-01-02,553.82,555.00,541.63,549.03,20018500
 * </pre>
 * Header names are case-insensitive, in any order; the time column is {@code date} or
 * {@code timestamp} (forms in {@link Timestamps}); any other column is an error ("unknown header
 * column"), so that a misspelt or shifted column is never silently ignored. Blank lines are
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
    static final int TIME = 0;
    static final int SYMBOL = 1;
    static final int OPEN = 2;
    static final int HIGH = 3;
    static final int LOW = 4;
    static final int CLOSE = 5;
    static final int VOLUME = 6;

    private static final String[][] ACCEPTED = {
            {"timestamp", "date"}, {"symbol"}, {"open"}, {"high"}, {"low"}, {"close"}, {"volume"}};
    private static final boolean[] REQUIRED = {true, false, true, true, true, true, true};

    private BarCsvReader() {
    }

    /**
     * Reads a UTF-8 CSV file of either form.
     *
     * @throws DataFormatException naming file, line and field for bad content
     * @throws IOException         if the file cannot be read
     */
    public static Panel read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file);
        }
    }

    /**
     * Reads CSV of either form from {@code in} (not closed); {@code name} is the file named in
     * errors and, in the single-instrument form, gives the symbol.
     */
    public static Panel read(Reader in, Path name) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        String headerLine = CsvLine.readLine(r, name, 1);
        if (headerLine == null || CsvLine.stripBom(headerLine).isBlank()) {
            throw new DataFormatException(name, 0, null, "empty file, expected a header line");
        }
        CsvHeader header = CsvHeader.parse(name, headerLine, ACCEPTED, REQUIRED);
        CsvLine row = new CsvLine(name, header.names());
        int[] col = header.indexOf();
        boolean longForm = col[SYMBOL] >= 0;
        List<String> symbols = new ArrayList<>();
        List<BarSeriesBuilder> series = new ArrayList<>();
        Map<String, Integer> bySymbol = new HashMap<>();
        BarSeriesBuilder current = null;
        String currentSymbol = null;
        int currentIndex = -1;
        if (!longForm) {
            currentSymbol = symbolOf(name);
            current = new BarSeriesBuilder();
            symbols.add(currentSymbol);
            series.add(current);
        }
        long lineNumber = 1;
        long rows = 0;
        String line;
        while ((line = CsvLine.readLine(r, name, lineNumber + 1)) != null) {
            lineNumber++;
            if (CsvLine.isBlank(line)) {
                continue;
            }
            row.reset(line, lineNumber);
            if (longForm && (currentSymbol == null || !row.textEquals(col[SYMBOL], currentSymbol))) {
                // time-major files list the symbols in the same order every bar: try the next one
                // before hashing a new string
                int next = currentIndex + 1 == symbols.size() ? 0 : currentIndex + 1;
                if (currentSymbol != null && row.textEquals(col[SYMBOL], symbols.get(next))) {
                    currentIndex = next;
                } else {
                    if (row.isEmpty(col[SYMBOL])) {
                        throw row.error(col[SYMBOL], "empty symbol");
                    }
                    String symbol = row.text(col[SYMBOL]);
                    Integer known = bySymbol.get(symbol);
                    if (known == null) {
                        known = symbols.size();
                        bySymbol.put(symbol, known);
                        symbols.add(symbol);
                        series.add(new BarSeriesBuilder());
                    }
                    currentIndex = known;
                }
                currentSymbol = symbols.get(currentIndex);
                current = series.get(currentIndex);
            }
            addBar(row, col, current, longForm ? currentSymbol : null);
            rows++;
        }
        if (rows == 0) {
            throw new DataFormatException(name, 0, null, "no bars after the header line");
        }
        return UnionCalendar.align(symbols, series);
    }

    private static void addBar(CsvLine row, int[] col, BarSeriesBuilder out, String symbol) {
        double[] b = out.scratch();
        long ts = parseBar(row, col, out.size() > 0, out.lastTimestampMillis(), symbol, b);
        out.add(ts, b[0], b[1], b[2], b[3], b[4]);
    }

    /**
     * Parses and validates one bar into {@code bar} (open, high, low, close, volume); returns its
     * timestamp. {@code hasLast}/{@code last}: the previous timestamp of the same instrument.
     */
    private static long parseBar(CsvLine row, int[] col, boolean hasLast, long last, String symbol, double[] bar) {
        long ts = row.timestamp(col[TIME]);
        double o = price(row, col[OPEN]);
        double h = price(row, col[HIGH]);
        double l = price(row, col[LOW]);
        double c = price(row, col[CLOSE]);
        double v = row.number(col[VOLUME]);
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw row.error(col[VOLUME], "volume must be finite and non-negative, volume=" + v);
        }
        if (h < l) {
            throw row.error(col[HIGH], "high < low, high=" + h + " low=" + l);
        }
        if (o < l || o > h) {
            throw row.error(col[OPEN], "open outside [low, high], open=" + o + " low=" + l + " high=" + h);
        }
        if (c < l || c > h) {
            throw row.error(col[CLOSE], "close outside [low, high], close=" + c + " low=" + l + " high=" + h);
        }
        if (hasLast && ts <= last) {
            String who = symbol == null ? "" : "symbol=" + symbol + " ";
            throw row.error(col[TIME], (ts == last ? "duplicate timestamp, " : "timestamps not increasing, ")
                    + who + "timestamp=" + Timestamps.formatIso(ts)
                    + (ts == last ? "" : " previous=" + Timestamps.formatIso(last)));
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

    /**
     * Streams a single-instrument bar file through {@code handler}, bar by bar, with the same
     * validation as {@link #read}; memory does not grow with the file. Bars before a bad line have
     * already been handed over when the {@link DataFormatException} is thrown: write through
     * {@link io.vectrade.io.AtomicFiles} so that nothing is left behind.
     *
     * @return the number of bars
     * @throws DataFormatException for bad content, or for a long-form (symbol column) file
     */
    public static long forEachBar(Path file, BarHandler handler) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = CsvLine.readLine(r, file, 1);
            if (headerLine == null || CsvLine.stripBom(headerLine).isBlank()) {
                throw new DataFormatException(file, 0, null, "empty file, expected a header line");
            }
            CsvHeader header = CsvHeader.parse(file, headerLine, ACCEPTED, REQUIRED);
            int[] col = header.indexOf();
            if (col[SYMBOL] >= 0) {
                throw new DataFormatException(file, 1, "symbol",
                        "streaming reads single-instrument files; this is the long form");
            }
            CsvLine row = new CsvLine(file, header.names());
            double[] bar = new double[5];
            long lineNumber = 1;
            long rows = 0;
            long last = 0;
            String line;
            while ((line = CsvLine.readLine(r, file, lineNumber + 1)) != null) {
                lineNumber++;
                if (CsvLine.isBlank(line)) {
                    continue;
                }
                row.reset(line, lineNumber);
                last = parseBar(row, col, rows > 0, last, null, bar);
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

    /** The file name without its last extension: {@code data/AAPL.csv} gives {@code AAPL}. */
    public static String symbolOf(Path file) {
        Path fn = file.getFileName();
        String s = fn == null ? "input" : fn.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
