package io.vectrade.data.csv;

import io.vectrade.data.DataFormatException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A parsed header line: which field holds each logical column. Names are matched
 * case-insensitively after trimming (and dropping surrounding quotes); a logical column may have
 * synonyms ({@code date} or {@code timestamp}). Immutable.
 *
 * @param names   the header's fields, trimmed and lower-case, in file order
 * @param indexOf for each logical column its field index, or -1 when an optional one is absent
 */
record CsvHeader(String[] names, int[] indexOf) {

    /**
     * Parses line 1.
     *
     * @param accepted for each logical column its accepted names (first one used in messages)
     * @param required for each logical column whether it must be present
     * @throws DataFormatException on an unknown, duplicate or missing column
     */
    static CsvHeader parse(Path file, String line, String[][] accepted, boolean[] required) {
        String[] raw = CsvLine.stripBom(line).split(",", -1);
        String[] names = new String[raw.length];
        int[] indexOf = new int[accepted.length];
        Arrays.fill(indexOf, -1);
        for (int f = 0; f < raw.length; f++) {
            String name = raw[f].strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1).strip();
            }
            name = name.toLowerCase(Locale.ROOT);
            names[f] = name;
            int col = logical(accepted, name);
            if (col < 0) {
                throw new DataFormatException(file, 1, name, "unknown header column; expected " + expected(accepted, required));
            }
            if (indexOf[col] >= 0) {
                throw new DataFormatException(file, 1, name, "duplicate header column, same as '" + names[indexOf[col]] + "'");
            }
            indexOf[col] = f;
        }
        for (int col = 0; col < accepted.length; col++) {
            if (required[col] && indexOf[col] < 0) {
                throw new DataFormatException(file, 1, String.join("|", accepted[col]),
                        "missing header column; expected " + expected(accepted, required));
            }
        }
        return new CsvHeader(names, indexOf);
    }

    private static int logical(String[][] accepted, String name) {
        for (int col = 0; col < accepted.length; col++) {
            for (String a : accepted[col]) {
                if (a.equals(name)) {
                    return col;
                }
            }
        }
        return -1;
    }

    private static String expected(String[][] accepted, boolean[] required) {
        StringBuilder b = new StringBuilder();
        for (int col = 0; col < accepted.length; col++) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(String.join("|", accepted[col]));
            if (!required[col]) {
                b.append(" (optional)");
            }
        }
        return b.toString();
    }

    /** The name as written of logical column {@code col}. */
    String name(int col) {
        return names[indexOf[col]];
    }

    @Override
    public String toString() {
        return Arrays.stream(names).collect(Collectors.joining(","));
    }
}
