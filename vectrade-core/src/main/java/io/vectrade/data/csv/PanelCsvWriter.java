package io.vectrade.data.csv;

import io.vectrade.data.Panel;
import io.vectrade.data.TimestampText;
import io.vectrade.io.AtomicFiles;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes a {@link Panel} as CSV in the long form that {@link BarCsvReader} reads:
 * <pre>
 *   symbol,timestamp,open,high,low,close,volume
 *   SYN0001,2015-01-02,100.5,101.25,99.75,100.75,1234567
 * </pre>
 * One row per (bar, instrument) in time order, instruments in panel order within a bar; a missing
 * bar has no row. Timestamps are dates when all are midnight UTC (daily bars), else ISO-8601 UTC
 * date-times ({@link TimestampText}); numbers round-trip exactly ({@link CsvNumbers}).
 * Reading the file back gives the same arrays, with instruments in order of first appearance
 * (the panel's order when every instrument has a bar in the first row) and without timestamps at
 * which every instrument is missing. Stateless and thread-safe.
 */
public final class PanelCsvWriter {
    /** The header line, without line break. */
    public static final String HEADER = "symbol,timestamp,open,high,low,close,volume";

    private PanelCsvWriter() {
    }

    /** Writes atomically ({@link AtomicFiles}): on failure {@code file} is untouched. */
    public static void write(Panel panel, Path file) throws IOException {
        AtomicFiles.write(file, w -> write(panel, w));
    }

    /** Writes to {@code out} (not flushed or closed). */
    public static void write(Panel panel, Writer out) throws IOException {
        StringBuilder b = new StringBuilder(256);
        out.write(HEADER);
        out.write('\n');
        int n = panel.instruments();
        TimestampText text = TimestampText.of(panel);
        for (int t = 0; t < panel.bars(); t++) {
            String ts = text.format(panel.timestampMillis(t));
            for (int i = 0; i < n; i++) {
                if (panel.isMissing(t, i)) {
                    continue;
                }
                b.setLength(0);
                CsvText.append(b, panel.symbol(i));
                b.append(',').append(ts);
                b.append(',');
                CsvNumbers.append(b, panel.open(t, i));
                b.append(',');
                CsvNumbers.append(b, panel.high(t, i));
                b.append(',');
                CsvNumbers.append(b, panel.low(t, i));
                b.append(',');
                CsvNumbers.append(b, panel.close(t, i));
                b.append(',');
                CsvNumbers.append(b, panel.volume(t, i));
                b.append('\n');
                out.append(b);
            }
        }
    }
}
