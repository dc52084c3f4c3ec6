package io.vectrade.data.csv;

/**
 * Text fields for CSV output per RFC 4180: a value holding a comma, a double quote, a line break
 * or surrounding blanks is wrapped in double quotes with inner quotes doubled; anything else is
 * written as it is. Stateless and thread-safe.
 */
public final class CsvText {
    private CsvText() {
    }

    /** Appends {@code s} as one CSV field. */
    public static void append(StringBuilder b, String s) {
        if (!needsQuotes(s)) {
            b.append(s);
            return;
        }
        b.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"') {
                b.append('"');
            }
            b.append(c);
        }
        b.append('"');
    }

    /** {@code s} as one CSV field. */
    public static String field(String s) {
        if (!needsQuotes(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        append(b, s);
        return b.toString();
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.charAt(0) <= ' ' || s.charAt(s.length() - 1) <= ' ') {
            return true;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
