package io.vectrade.data.csv;

/**
 * Number text for CSV output: the shortest decimal that reads back as the same double
 * ({@link Double#toString}'s algorithm, appended without an intermediate string), but a whole
 * number below 10<sup>15</sup> in magnitude is written without {@code .0} or exponent
 * ({@code 20018500}, not {@code 2.00185E7}). NaN is an empty cell. Every written value parses
 * back with {@link Double#parseDouble} to the identical bits (-0.0 included).
 */
public final class CsvNumbers {
    private static final double WHOLE_LIMIT = 1e15;

    private CsvNumbers() {
    }

    public static void append(StringBuilder b, double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < WHOLE_LIMIT && !(v == 0 && 1 / v < 0)) {
            b.append((long) v);
        } else {
            b.append(v);
        }
    }
}
