package io.vectrade.data.csv;

import io.vectrade.data.DataFormatException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Splits one CSV line on commas into reusable index arrays (no object per field until a field
 * is read). Fields are trimmed; a field wrapped in double quotes loses the quotes, but commas and
 * escaped quotes inside quotes are not supported (market data does not need them). Not
 * thread-safe: one per reader.
 */
final class CsvLine {
    private final Path file;
    private final String[] names;
    private final int[] starts;
    private final int[] ends;
    private String line;
    private long lineNumber;

    /** @param names the header's field names, used in error messages */
    CsvLine(Path file, String[] names) {
        this.file = file;
        this.names = names;
        this.starts = new int[names.length];
        this.ends = new int[names.length];
    }

    /**
     * Splits {@code text}, line {@code number} of the file.
     *
     * @throws DataFormatException if the column count is not the header's
     */
    void reset(String text, long number) {
        this.line = text;
        this.lineNumber = number;
        int count = 0;
        int from = 0;
        int len = text.length();
        while (true) {
            int comma = text.indexOf(',', from);
            int to = comma < 0 ? len : comma;
            if (count < starts.length) {
                int s = from;
                int e = to;
                while (s < e && text.charAt(s) <= ' ') {
                    s++;
                }
                while (e > s && text.charAt(e - 1) <= ' ') {
                    e--;
                }
                if (e - s >= 2 && text.charAt(s) == '"' && text.charAt(e - 1) == '"') {
                    s++;
                    e--;
                }
                starts[count] = s;
                ends[count] = e;
            }
            count++;
            if (comma < 0) {
                break;
            }
            from = comma + 1;
        }
        if (count != starts.length) {
            throw new DataFormatException(file, number, null,
                    "wrong column count, columns=" + count + " expected=" + starts.length);
        }
    }

    long lineNumber() {
        return lineNumber;
    }

    String text(int k) {
        return line.substring(starts[k], ends[k]);
    }

    boolean textEquals(int k, String s) {
        int len = ends[k] - starts[k];
        return len == s.length() && line.regionMatches(starts[k], s, 0, len);
    }

    boolean isEmpty(int k) {
        return ends[k] == starts[k];
    }

    /** The timestamp in field {@code k} as epoch milliseconds. */
    long timestamp(int k) {
        try {
            return io.vectrade.data.Timestamps.parseMillis(text(k));
        } catch (IllegalArgumentException e) {
            throw error(k, e.getMessage());
        }
    }

    /**
     * The number in field {@code k}: a plain decimal such as {@code 12}, {@code -0.5} or
     * {@code 1.5e7}; {@code NaN} and {@code Infinity} are read (so that the range checks can
     * name them); hex and Java suffixes ({@code 1d}) are not.
     */
    double number(int k) {
        if (isEmpty(k)) {
            throw error(k, "empty value");
        }
        int s = starts[k];
        int e = ends[k];
        boolean plain = true;
        for (int j = s; j < e; j++) {
            char c = line.charAt(j);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                plain = false;
                break;
            }
        }
        String v = text(k);
        if (!plain) {
            String u = v.toLowerCase(Locale.ROOT);
            String body = u.startsWith("-") || u.startsWith("+") ? u.substring(1) : u;
            if (body.equals("nan")) {
                return Double.NaN;
            }
            if (body.equals("inf") || body.equals("infinity")) {
                return u.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            throw error(k, "not a number, value='" + v + "'");
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException ex) {
            throw error(k, "not a number, value='" + v + "'");
        }
    }

    DataFormatException error(int k, String problem) {
        return new DataFormatException(file, lineNumber, names[k], problem);
    }

    /** Strips a UTF-8 byte order mark from the first line. */
    static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    /** True when the line holds nothing but blanks (skipped by the readers). */
    static boolean isBlank(String s) {
        return s.isBlank();
    }
}
