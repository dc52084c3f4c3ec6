package io.vectrade.data.csv;

import io.vectrade.data.DataFormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The multi-level header pandas writes for yfinance's download of one or several tickers
 * ({@code yf.download(["AAPL","MSFT"]).to_csv(...)}): one row of price names and one row of
 * tickers, in either order, each led by its level name ({@code Price}, {@code Ticker}) or an
 * empty cell (older yfinance), then, when the index has a name, a row holding only it:
 * <pre>
 *   Price,Close,Close,High,High,Low,Low,Open,Open,Volume,Volume        ,AAPL,AAPL,...,MSFT,MSFT,...
 *   Ticker,AAPL,MSFT,AAPL,MSFT,AAPL,MSFT,AAPL,MSFT,AAPL,MSFT           ,Open,High,Low,Close,Adj Close,Volume,...
 *   Date,,,,,,,,,,                                                     Date,,,,,,,
 *   2024-01-02,185.64,370.87,...                                       2024-01-02,187.15,188.44,...
 * </pre>
 * Each data row holds one bar per ticker; a ticker whose cells are all empty on a row (pandas'
 * NaN where another ticker traded, such as a weekend of BTC-USD beside AAPL) has no bar there.
 * The price names map to logical columns by the rules of a single-level header ({@link BarColumns}:
 * synonyms, {@code --columns} renames, unused ones ignored with a notice). Immutable.
 *
 * @param headerLines the header's lines (2 or 3); data starts on the next
 * @param names       per field, the name used in messages: the time column's, else {@code Close (AAPL)}
 * @param tickers     the tickers, in order of first appearance
 * @param columns     per ticker, its field of each logical column ({@link BarColumns#TIME} ... {@link BarColumns#ADJ_CLOSE}), or -1
 * @param mapped      the price names mapped as a single-level header (for the notices)
 */
record MultiLevelHeader(int headerLines, String[] names, List<String> tickers, int[][] columns, BarColumns mapped) {
    /**
     * The price-level names that make a row the price row: the full names of the bar columns (not
     * their one-letter synonyms, which are also tickers: C, V, O) and yfinance's extra columns with
     * {@code actions=True} or {@code repair=True}, which are then ignored like any unused column.
     */
    private static final Set<String> PRICE_NAMES = Set.of("open", "high", "low", "close", "adj close", "adj_close",
            "adjclose", "adjusted_close", "adjusted close", "volume", "vol",
            "dividends", "stock splits", "capital gains", "repaired?");
    private static final Set<String> LEVEL_NAMES = Set.of("", "price", "ticker");
    /** How far ahead the reader may look for lines 2 and 3 (a header of thousands of tickers fits). */
    private static final int LOOK_AHEAD_CHARS = 1 << 22;

    /**
     * The multi-level header starting with {@code line1} (already read from {@code r}), with
     * {@code r} then at the first data line; or null, with {@code r} where it was, when the file
     * does not start with one.
     */
    static MultiLevelHeader detect(Path file, String line1, BufferedReader r, BarReadOptions options) throws IOException {
        String[] f1 = fields(CsvLine.stripBom(line1));
        if (f1.length < 2 || !LEVEL_NAMES.contains(f1[0].toLowerCase(Locale.ROOT))
                || !(isPriceRow(f1, options) || isTickerRow(f1, options))) {
            return null;
        }
        r.mark(LOOK_AHEAD_CHARS);
        String line2 = CsvLine.readLine(r, file, 2);
        String[] f2 = line2 == null ? new String[0] : fields(line2);
        boolean priceFirst = isPriceRow(f1, options) && isTickerRow(f2, options);
        boolean tickerFirst = isTickerRow(f1, options) && isPriceRow(f2, options);
        if (f2.length != f1.length || !LEVEL_NAMES.contains(f2[0].toLowerCase(Locale.ROOT)) || priceFirst == tickerFirst) {
            r.reset();
            return null;
        }
        String[] prices = priceFirst ? f1 : f2;
        String[] tickerRow = priceFirst ? f2 : f1;
        r.mark(LOOK_AHEAD_CHARS);
        String line3 = CsvLine.readLine(r, file, 3);
        String timeName = "Date";
        int headerLines = 2;
        String[] f3 = line3 == null ? new String[0] : fields(line3);
        if (f3.length == f1.length && !f3[0].isEmpty() && allEmptyAfterFirst(f3)) {
            timeName = f3[0];
            headerLines = 3;
        } else {
            r.reset();
        }
        return build(file, timeName, headerLines, prices, tickerRow, priceFirst ? 1 : 2, options);
    }

    private static MultiLevelHeader build(Path file, String timeName, int headerLines, String[] prices, String[] tickerRow,
                                          int priceLine, BarReadOptions options) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(Arrays.asList(prices).subList(1, prices.length)));
        List<String> tickers = new ArrayList<>(new LinkedHashSet<>(Arrays.asList(tickerRow).subList(1, tickerRow.length)));
        // the price names as a single-level header: same synonyms, renames and notices as any bar file
        BarReadOptions single = new BarReadOptions(ColumnPreset.AUTO, options.columns(), options.adjust(), null,
                options.epochUnit(), options.zone(), options.badRows(), options.notices());
        BarColumns mapped = BarColumns.parse(file, timeName + "," + String.join(",", distinct), single);
        String[] names = new String[prices.length];
        names[0] = timeName;
        for (int f = 1; f < prices.length; f++) {
            names[f] = prices[f] + " (" + tickerRow[f] + ")";
        }
        int[][] columns = new int[tickers.size()][];
        for (int k = 0; k < tickers.size(); k++) {
            int[] col = new int[BarColumns.LOGICAL.size()];
            Arrays.fill(col, -1);
            col[BarColumns.TIME] = 0;
            for (int c = BarColumns.OPEN; c <= BarColumns.ADJ_CLOSE; c++) {
                int synthetic = mapped.indexOf()[c];
                if (synthetic <= 0) {
                    continue;
                }
                String price = distinct.get(synthetic - 1);
                for (int f = 1; f < prices.length; f++) {
                    if (prices[f].equals(price) && tickerRow[f].equals(tickers.get(k))) {
                        if (col[c] >= 0) {
                            throw new DataFormatException(file, priceLine, names[f], "duplicate column for ticker " + tickers.get(k));
                        }
                        col[c] = f;
                    }
                }
                if (col[c] < 0 && c <= BarColumns.VOLUME) {
                    throw new DataFormatException(file, priceLine, price + " (" + tickers.get(k) + ")",
                            "missing column: ticker " + tickers.get(k) + " has no " + price);
                }
            }
            columns[k] = col;
        }
        return new MultiLevelHeader(headerLines, names, List.copyOf(tickers), columns, mapped);
    }

    /** Whether the fields after the first are all names of prices (or {@code --columns} targets). */
    private static boolean isPriceRow(String[] f, BarReadOptions options) {
        if (f.length < 2) {
            return false;
        }
        for (int k = 1; k < f.length; k++) {
            if (!isPriceName(f[k], options)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the fields after the first are all non-empty and none is a price name. */
    private static boolean isTickerRow(String[] f, BarReadOptions options) {
        if (f.length < 2) {
            return false;
        }
        for (int k = 1; k < f.length; k++) {
            if (f[k].isEmpty() || isPriceName(f[k], options)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPriceName(String name, BarReadOptions options) {
        String n = name.toLowerCase(Locale.ROOT);
        if (PRICE_NAMES.contains(n)) {
            return true;
        }
        for (String target : options.columns().values()) {
            if (target.strip().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allEmptyAfterFirst(String[] f) {
        for (int k = 1; k < f.length; k++) {
            if (!f[k].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Header fields, trimmed and unquoted (header names hold no commas). */
    private static String[] fields(String line) {
        String[] raw = line.split(",", -1);
        for (int k = 0; k < raw.length; k++) {
            String n = raw[k].strip();
            if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
                n = n.substring(1, n.length() - 1).strip();
            }
            raw[k] = n;
        }
        return raw;
    }

    /** Whether {@code line} could be the first row of such a header (for readers that do not take it). */
    static boolean startsLikeOne(String line) {
        String first = fields(CsvLine.stripBom(line))[0].toLowerCase(Locale.ROOT);
        return first.equals("price") || first.equals("ticker");
    }
}
