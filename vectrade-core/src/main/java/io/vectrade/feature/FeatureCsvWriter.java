package io.vectrade.feature;

import io.vectrade.data.Panel;
import io.vectrade.data.TimestampText;
import io.vectrade.data.csv.CsvNumbers;
import io.vectrade.data.csv.CsvText;
import io.vectrade.io.AtomicFiles;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link FeatureTable} as CSV:
 * <pre>
 *   timestamp,symbol,rsi(14),momentum(10)
 *   2015-01-02,SYN0001,,
 *   ...
 *   2015-01-20,SYN0001,55.25,1.5
 * </pre>
 * One column per output column of the feature set, named by its canonical spec (a column name
 * holding a comma, such as {@code bbands(20,2).upper}, is quoted, as is a symbol holding one: RFC 4180). One row per (bar, instrument)
 * in time order, instruments in panel order within a bar, missing bars included; warm-up and
 * missing values are empty cells. Timestamps are dates when the panel's are all midnight UTC (daily
 * bars), else ISO-8601 UTC date-times ({@link TimestampText}); numbers round-trip exactly
 * ({@link CsvNumbers}). Stateless and thread-safe.
 */
public final class FeatureCsvWriter {
    private FeatureCsvWriter() {
    }

    /** Writes atomically ({@link AtomicFiles}): on failure {@code file} is untouched. */
    public static void write(Panel panel, FeatureTable table, Path file) throws IOException {
        AtomicFiles.write(file, w -> write(panel, table, w));
    }

    /**
     * Writes to {@code out} (not flushed or closed).
     *
     * @throws IllegalArgumentException if the table's shape is not the panel's
     */
    public static void write(Panel panel, FeatureTable table, Writer out) throws IOException {
        if (table.bars() != panel.bars() || table.instruments() != panel.instruments()) {
            throw new IllegalArgumentException("feature table does not match the panel, table=" + table.bars() + "x"
                    + table.instruments() + " panel=" + panel.bars() + "x" + panel.instruments());
        }
        write(panel, table, table.features().columnNames(), out);
    }

    /**
     * Writes to {@code out} (not flushed or closed) with the columns named {@code columnNames}
     * (one per table column: canonical specs or another {@link ColumnStyle}).
     */
    public static void write(Panel panel, FeatureTable table, List<String> columnNames, Writer out) throws IOException {
        if (table.bars() != panel.bars() || table.instruments() != panel.instruments()) {
            throw new IllegalArgumentException("feature table does not match the panel, table=" + table.bars() + "x"
                    + table.instruments() + " panel=" + panel.bars() + "x" + panel.instruments());
        }
        out.write(header(columnNames));
        out.write('\n');
        int n = panel.instruments();
        int columns = table.features().columns();
        double[][] cols = new double[columns][];
        for (int c = 0; c < columns; c++) {
            cols[c] = table.column(c);
        }
        StringBuilder b = new StringBuilder(64 + 24 * columns);
        TimestampText text = TimestampText.of(panel);
        for (int t = 0; t < panel.bars(); t++) {
            String ts = text.format(panel.timestampMillis(t));
            for (int i = 0; i < n; i++) {
                b.setLength(0);
                appendRow(b, ts, panel.symbol(i), cols, t * n + i);
                out.append(b);
            }
        }
    }

    /**
     * Appends one row, {@code ts,symbol,<columns[c][x] for every c>} and a newline, in the format
     * of {@link #write} (empty cells for NaN, round-trip numbers).
     */
    public static void appendRow(StringBuilder b, String isoTimestamp, String symbol, double[][] columns, int x) {
        b.append(isoTimestamp).append(',');
        CsvText.append(b, symbol);
        for (double[] column : columns) {
            b.append(',');
            CsvNumbers.append(b, column[x]);
        }
        b.append('\n');
    }

    /** Appends one row of one instrument, {@code ts,symbol,<values>} and a newline, in the format of {@link #write}. */
    public static void appendRow(StringBuilder b, String isoTimestamp, String symbol, double[] values) {
        b.append(isoTimestamp).append(',');
        CsvText.append(b, symbol);
        for (double v : values) {
            b.append(',');
            CsvNumbers.append(b, v);
        }
        b.append('\n');
    }

    /** {@code timestamp,symbol,<columns>}, a name holding a comma or quote quoted. */
    public static String header(List<String> columnNames) {
        StringBuilder b = new StringBuilder("timestamp,symbol");
        for (String name : columnNames) {
            b.append(',');
            CsvText.append(b, name);
        }
        return b.toString();
    }
}
