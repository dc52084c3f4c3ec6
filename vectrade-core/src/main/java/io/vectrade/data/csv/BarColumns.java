package io.vectrade.data.csv;

import io.vectrade.data.DataFormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which field of a bar file holds each logical column, from its header line (or, for a headerless
 * Binance file, from Binance's fixed layout), with the columns that are ignored. Immutable.
 *
 * @param names   the header's fields, trimmed, in file order (used in messages)
 * @param indexOf for each logical column ({@link #TIME} ... {@link #ADJ_CLOSE}) its field, or -1
 * @param ignored the header names of the fields no logical column uses
 * @param headerless true when line 1 is already data
 */
record BarColumns(String[] names, int[] indexOf, List<String> ignored, boolean headerless) {
    static final int TIME = 0;
    static final int SYMBOL = 1;
    static final int OPEN = 2;
    static final int HIGH = 3;
    static final int LOW = 4;
    static final int CLOSE = 5;
    static final int VOLUME = 6;
    static final int ADJ_CLOSE = 7;

    /** Logical names, as {@code --columns} takes them. */
    static final List<String> LOGICAL = List.of("timestamp", "symbol", "open", "high", "low", "close", "volume", "adjclose");

    private static final String[][] SYNONYMS = {
            {"timestamp", "date", "datetime", "time", "open_time", "open time", "opentime"},
            {"symbol", "ticker"},
            {"open", "o"},
            {"high", "h"},
            {"low", "l"},
            {"close", "c"},
            {"volume", "vol", "v"},
            {"adj close", "adj_close", "adjclose", "adjusted_close", "adjusted close"}};

    /**
     * Maps line 1 of {@code file}.
     *
     * @throws DataFormatException on a duplicate or missing column, naming the preset's expectations
     */
    static BarColumns parse(Path file, String line, BarReadOptions options) {
        String[] raw = CsvLine.stripBom(line).split(",", -1);
        ColumnPreset preset = options.preset();
        if (preset.allowsHeaderless() && looksLikeData(raw)) {
            if (raw.length != ColumnPreset.BINANCE_KLINE_COLUMNS.size()) {
                throw new DataFormatException(file, 1, null, "line 1 holds numbers, not a header, and has " + raw.length
                        + " fields; only Binance klines (12 fields) are read without a header line: add a header "
                        + "(timestamp,open,high,low,close,volume)");
            }
            raw = ColumnPreset.BINANCE_KLINE_COLUMNS.toArray(String[]::new);
            return map(file, raw, options, true);
        }
        return map(file, raw, options, false);
    }

    private static boolean looksLikeData(String[] fields) {
        String first = unquote(fields[0]);
        if (first.isEmpty()) {
            return false;
        }
        for (int k = 0; k < first.length(); k++) {
            if (first.charAt(k) < '0' || first.charAt(k) > '9') {
                return false;
            }
        }
        return fields.length > 1;
    }

    private static String unquote(String s) {
        String n = s.strip();
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1).strip();
        }
        return n;
    }

    private static BarColumns map(Path file, String[] raw, BarReadOptions options, boolean headerless) {
        String[] names = new String[raw.length];
        String[] lower = new String[raw.length];
        for (int f = 0; f < raw.length; f++) {
            names[f] = unquote(raw[f]);
            lower[f] = names[f].toLowerCase(Locale.ROOT);
        }
        int[] indexOf = new int[LOGICAL.size()];
        Arrays.fill(indexOf, -1);
        // explicit renames first: logical -> header name
        for (Map.Entry<String, String> e : options.columns().entrySet()) {
            int col = logicalOf(e.getKey());
            String want = e.getValue().strip().toLowerCase(Locale.ROOT);
            int f = Arrays.asList(lower).indexOf(want);
            if (f < 0) {
                throw new DataFormatException(file, 1, e.getValue().strip(), "--columns " + e.getKey() + "=" + e.getValue().strip()
                        + " names no header column; the header is " + String.join(",", names));
            }
            indexOf[col] = f;
        }
        for (int f = 0; f < lower.length; f++) {
            if (contains(indexOf, f)) {
                continue;
            }
            for (int col = 0; col < SYNONYMS.length; col++) {
                if (options.columns().containsKey(LOGICAL.get(col)) || !Arrays.asList(SYNONYMS[col]).contains(lower[f])) {
                    continue;
                }
                if (indexOf[col] >= 0) {
                    throw new DataFormatException(file, 1, names[f], "duplicate header column, same as '" + names[indexOf[col]]
                            + "'; pick one with --columns " + LOGICAL.get(col) + "=NAME");
                }
                indexOf[col] = f;
            }
        }
        for (int col = 0; col <= VOLUME; col++) {
            if (col == SYMBOL && !options.preset().requiresSymbol()) {
                continue;
            }
            if (indexOf[col] < 0) {
                throw new DataFormatException(file, 1, LOGICAL.get(col), "missing header column" + expected(options.preset())
                        + "; the header is " + String.join(",", names) + "; map it with --columns " + LOGICAL.get(col) + "=NAME");
            }
        }
        List<String> ignored = new ArrayList<>();
        for (int f = 0; f < names.length; f++) {
            if (!contains(indexOf, f)) {
                ignored.add(names[f].isEmpty() ? "'' (field " + (f + 1) + ", an unnamed index column)" : names[f]);
            }
        }
        return new BarColumns(names, indexOf, List.copyOf(ignored), headerless);
    }

    private static String expected(ColumnPreset preset) {
        return switch (preset) {
            case AUTO -> "; expected timestamp|date,open,high,low,close,volume (symbol|ticker optional)";
            case YAHOO -> " for --format yahoo; expected Date,Open,High,Low,Close,Adj Close,Volume";
            case BINANCE -> " for --format binance; expected open_time,open,high,low,close,volume,...";
            case YFINANCE -> " for --format yfinance; expected Date,Ticker,Open,High,Low,Close,Volume or the multi-level"
                    + " header Price,Close,...,Volume / Ticker,AAPL,...";
            case LONG -> " for --format long; expected symbol,timestamp,open,high,low,close,volume";
        };
    }

    /** The logical column of a {@code --columns} key. */
    static int logicalOf(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        int col = LOGICAL.indexOf(k);
        if (col < 0 && (k.equals("date") || k.equals("time"))) {
            col = TIME;
        }
        if (col < 0 && (k.equals("adj_close") || k.equals("adj close"))) {
            col = ADJ_CLOSE;
        }
        if (col < 0) {
            throw new IllegalArgumentException("unknown column in --columns, column=" + key.strip() + "; valid: " + String.join(", ", LOGICAL));
        }
        return col;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** The name as written of logical column {@code col}. */
    String name(int col) {
        return names[indexOf[col]];
    }

    boolean longForm() {
        return indexOf[SYMBOL] >= 0;
    }
}
