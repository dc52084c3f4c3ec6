package io.vectrade.data.csv;

import io.vectrade.data.DataFormatException;
import io.vectrade.data.Timestamps;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Splits one CSV line on commas into reusable index arrays (no object per field until a field
 * is read). Fields are trimmed; a field wrapped in double quotes (RFC 4180) loses the quotes and
 * may hold commas and doubled quotes {@code ""}; a quoted field cannot span lines. Not
 * thread-safe: one per reader.
 */
final class CsvLine {
    private final Path file;
    private final String[] names;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] escaped;
    private String line;
    private long lineNumber;
    private String lastTimestampText;
    private long lastTimestampMillis;
    private Timestamps.EpochUnit epochUnit = Timestamps.EpochUnit.AUTO;
    private java.time.ZoneId zone = java.time.ZoneOffset.UTC;

    /** @param names the header's field names, used in error messages */
    CsvLine(Path file, String[] names) {
        this.file = file;
        this.names = names;
        this.starts = new int[names.length];
        this.ends = new int[names.length];
        this.escaped = new boolean[names.length];
    }

    /**
     * Splits {@code text}, line {@code number} of the file.
     *
     * @throws DataFormatException if the column count is not the header's
     */
    void reset(String text, long number) {
        this.line = text;
        this.lineNumber = number;
        if (text.indexOf('"') >= 0) {
            resetQuoted(text, number);
            return;
        }
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
                escaped[count] = false;
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

    /** The unit of integer timestamps and the zone of naive date-times (defaults: auto, UTC). */
    void timestampRules(Timestamps.EpochUnit unit, java.time.ZoneId z) {
        this.epochUnit = unit;
        this.zone = z;
        this.lastTimestampText = null;
    }

    /** The slow path for a line with quotes: RFC 4180 fields. */
    private void resetQuoted(String text, long number) {
        int count = 0;
        int pos = 0;
        int len = text.length();
        while (true) {
            int s = pos;
            while (s < len && text.charAt(s) != ',' && text.charAt(s) <= ' ') {
                s++;
            }
            int start;
            int end;
            boolean esc = false;
            int next;
            if (s < len && text.charAt(s) == '"') {
                int k = s + 1;
                while (true) {
                    if (k >= len) {
                        throw new DataFormatException(file, number, count < names.length ? names[count] : null,
                                "unclosed quote in field " + (count + 1));
                    }
                    if (text.charAt(k) == '"') {
                        if (k + 1 < len && text.charAt(k + 1) == '"') {
                            esc = true;
                            k += 2;
                            continue;
                        }
                        break;
                    }
                    k++;
                }
                start = s + 1;
                end = k;
                int after = k + 1;
                while (after < len && text.charAt(after) != ',' && text.charAt(after) <= ' ') {
                    after++;
                }
                if (after < len && text.charAt(after) != ',') {
                    throw new DataFormatException(file, number, count < names.length ? names[count] : null,
                            "text after the closing quote of field " + (count + 1));
                }
                next = after;
            } else {
                int comma = text.indexOf(',', pos);
                next = comma < 0 ? len : comma;
                start = s;
                end = next;
                while (end > start && text.charAt(end - 1) <= ' ') {
                    end--;
                }
            }
            if (count < starts.length) {
                starts[count] = start;
                ends[count] = end;
                escaped[count] = esc;
            }
            count++;
            if (next >= len) {
                break;
            }
            pos = next + 1;
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
        String t = line.substring(starts[k], ends[k]);
        return escaped[k] ? t.replace("\"\"", "\"") : t;
    }

    boolean textEquals(int k, String s) {
        if (escaped[k]) {
            return text(k).equals(s);
        }
        int len = ends[k] - starts[k];
        return len == s.length() && line.regionMatches(starts[k], s, 0, len);
    }

    boolean isEmpty(int k) {
        return ends[k] == starts[k];
    }

    /**
     * The timestamp in field {@code k} as epoch milliseconds. The last text and value are cached:
     * in the long form the N rows of one bar share a timestamp, and comparing text is cheaper than
     * parsing it again.
     */
    long timestamp(int k) {
        if (lastTimestampText != null && textEquals(k, lastTimestampText)) {
            return lastTimestampMillis;
        }
        String text = text(k);
        try {
            lastTimestampMillis = Timestamps.parseMillis(text, epochUnit, zone);
        } catch (IllegalArgumentException e) {
            lastTimestampText = null;
            throw error(k, e.getMessage());
        }
        lastTimestampText = text;
        return lastTimestampMillis;
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
        double fast = fastDecimal(line, s, e);
        if (!Double.isNaN(fast)) {
            return fast;
        }
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

    private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Clinger's fast path: {@code [-+]digits[.digits]} with at most 15 significant digits is
     * {@code m / 10^k} with m and 10^k (k &le; 22) exact doubles, so one correctly rounded
     * division gives exactly what {@link Double#parseDouble} gives. NaN for anything else
     * (exponents, more digits, stray characters), which the caller parses the slow way.
     */
    static double fastDecimal(String text, int from, int to) {
        int p = from;
        boolean negative = false;
        if (p < to && (text.charAt(p) == '-' || text.charAt(p) == '+')) {
            negative = text.charAt(p) == '-';
            p++;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean dot = false;
        boolean any = false;
        for (; p < to; p++) {
            char c = text.charAt(p);
            if (c >= '0' && c <= '9') {
                any = true;
                if (mantissa != 0 || c != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (dot) {
                    fractionDigits++;
                }
                if (digits > 15 || fractionDigits > 22) {
                    return Double.NaN;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        double v = (double) mantissa / POWERS_OF_TEN[fractionDigits];
        return negative ? -v : v;
    }

    DataFormatException error(int k, String problem) {
        return new DataFormatException(file, lineNumber, names[k], problem);
    }

    /**
     * The next line, or null at the end; bytes that are not UTF-8 become a
     * {@link DataFormatException} (line 0: decoding runs ahead of the lines, so the exact line is
     * not known, only the line being read when it was found).
     */
    static String readLine(BufferedReader r, Path file, long lineNumber) throws IOException {
        try {
            return r.readLine();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, 0, null, "not utf-8 text, found while reading line " + lineNumber);
        }
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
