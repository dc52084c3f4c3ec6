package io.vectrade.feature;

import io.vectrade.data.Panel;
import io.vectrade.data.TimestampText;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes a {@link FeatureTable} as JSON lines, one object per (bar, instrument) in the CSV
 * writer's order:
 * <pre>
 *   {"timestamp":"2015-01-02","timestamp_ms":1420156800000,"symbol":"SYN0001","rsi(14)":null,"momentum(10)":1.5}
 * </pre>
 * {@code timestamp} is a date when the panel's timestamps are all midnight UTC (daily bars), else an
 * ISO-8601 UTC date-time ({@link TimestampText}); {@code timestamp_ms} is always epoch milliseconds.
 * Warm-up and missing values (NaN) are {@code null}; numbers are Java's shortest round-trip text.
 * Stateless and thread-safe.
 */
public final class FeatureJsonlWriter {
    private FeatureJsonlWriter() {
    }

    /** Writes to {@code out} (not flushed or closed); {@code columnNames} one per table column. */
    public static void write(Panel panel, FeatureTable table, List<String> columnNames, Writer out) throws IOException {
        if (table.bars() != panel.bars() || table.instruments() != panel.instruments()) {
            throw new IllegalArgumentException("feature table does not match the panel, table=" + table.bars() + "x"
                    + table.instruments() + " panel=" + panel.bars() + "x" + panel.instruments());
        }
        int n = panel.instruments();
        int columns = table.features().columns();
        String[] keys = new String[columns];
        for (int c = 0; c < columns; c++) {
            keys[c] = ",\"" + json(columnNames.get(c)) + "\":";
        }
        String[] symbols = new String[n];
        for (int i = 0; i < n; i++) {
            symbols[i] = json(panel.symbol(i));
        }
        double[][] cols = new double[columns][];
        for (int c = 0; c < columns; c++) {
            cols[c] = table.column(c);
        }
        StringBuilder b = new StringBuilder(64 + 32 * columns);
        TimestampText text = TimestampText.of(panel);
        for (int t = 0; t < panel.bars(); t++) {
            long ms = panel.timestampMillis(t);
            String ts = text.format(ms);
            for (int i = 0; i < n; i++) {
                b.setLength(0);
                b.append("{\"timestamp\":\"").append(ts).append("\",\"timestamp_ms\":").append(ms)
                        .append(",\"symbol\":\"").append(symbols[i]).append('"');
                int x = t * n + i;
                for (int c = 0; c < columns; c++) {
                    b.append(keys[c]);
                    double v = cols[c][x];
                    if (Double.isFinite(v)) {
                        b.append(v);
                    } else {
                        b.append("null");
                    }
                }
                b.append("}\n");
                out.append(b);
            }
        }
    }

    /** JSON string body (without quotes) of {@code s}. */
    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
