package io.vectrade.live;

import io.vectrade.data.DataFormatException;
import io.vectrade.data.Timestamps;

import java.nio.file.Path;

/**
 * One long-form bar record: {@code symbol,timestamp,open,high,low,close,volume}. Timestamps as the
 * CSV reader takes them (ISO date, ISO date-time with {@code Z} or an offset, epoch seconds or
 * milliseconds). Mutable and reused: {@link #parse} overwrites it, so a reader allocates no record per
 * line. Not thread-safe.
 */
public final class BarLine {
    /** The header a source may send first; {@link #isHeader} recognises it. */
    public static final String HEADER = "symbol,timestamp,open,high,low,close,volume";
    private static final String[] FIELDS = {"symbol", "timestamp", "open", "high", "low", "close", "volume"};

    public String symbol;
    public long timestampMillis;
    public double open;
    public double high;
    public double low;
    public double close;
    public double volume;

    /** An empty record, filled by {@link #parse}. */
    public BarLine() {
    }

    /** True for the header line (case and blanks ignored). */
    public static boolean isHeader(String line) {
        return line.replace(" ", "").equalsIgnoreCase(HEADER);
    }

    /**
     * Parses {@code text} into this record.
     *
     * @param source named in the error (a file, {@code <stdin>}, a topic and partition)
     * @param lineNo 1-based line or record number named in the error
     * @throws DataFormatException naming the source, line and field: a missing or extra field, an
     *                             empty symbol, an unparsable timestamp or number, high below low, or
     *                             a negative volume
     */
    public BarLine parse(String text, Path source, long lineNo) {
        int start = 0;
        int field = 0;
        int len = text.length();
        while (true) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? len : comma;
            if (field >= FIELDS.length) {
                throw new DataFormatException(source, lineNo, null, "more than " + FIELDS.length + " fields, expected "
                        + HEADER);
            }
            set(field, text.substring(start, end).strip(), source, lineNo);
            field++;
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        if (field < FIELDS.length) {
            throw new DataFormatException(source, lineNo, FIELDS[field], "missing, expected " + HEADER);
        }
        if (high < low) {
            throw new DataFormatException(source, lineNo, "high", "high < low, high=" + high + " low=" + low);
        }
        if (volume < 0) {
            throw new DataFormatException(source, lineNo, "volume", "negative volume, volume=" + volume);
        }
        return this;
    }

    private void set(int field, String value, Path source, long lineNo) {
        switch (field) {
            case 0 -> {
                if (value.isEmpty()) {
                    throw new DataFormatException(source, lineNo, "symbol", "empty symbol");
                }
                symbol = value;
            }
            case 1 -> {
                try {
                    timestampMillis = Timestamps.parseMillis(value);
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(source, lineNo, "timestamp", e.getMessage());
                }
            }
            default -> {
                double v;
                try {
                    v = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new DataFormatException(source, lineNo, FIELDS[field], "not a number, value='" + value + "'");
                }
                switch (field) {
                    case 2 -> open = v;
                    case 3 -> high = v;
                    case 4 -> low = v;
                    case 5 -> close = v;
                    default -> volume = v;
                }
            }
        }
    }
}
