package io.vectrade.spark;

import io.vectrade.data.Panel;
import io.vectrade.data.Timestamps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fills the columnar {@link Panel} of one block of instruments ({@code [firstId, firstId + count)} of the
 * universe) on the universe's whole calendar, bar by bar, from bars in any order (each finds its row by
 * binary search in the calendar): a cell nobody wrote stays NaN (a missing bar). Nothing is allocated per
 * bar; the columns are allocated once per block ({@code 5 × 8} bytes per cell).
 *
 * <p>Each bar is checked as the single-JVM CSV reader checks it: values present, prices finite and
 * positive, high &ge; low, open and close inside [low, high], volume finite and &ge; 0, one bar per
 * instrument and timestamp; a bad bar is an {@link IllegalArgumentException} naming symbol,
 * timestamp and field. Not thread-safe.
 */
final class BlockBuilder {
    private final Universe universe;
    private final long[] calendar;
    private int firstId;
    private int count;
    /** count, or 2 when a block of one instrument is padded with a copy of it (see {@link #panel}). */
    private int width;
    private double[][] columns;

    BlockBuilder(Universe universe) {
        this.universe = universe;
        this.calendar = universe.calendarMillis();
    }

    /** Starts block {@code [firstId, firstId + count)}: new NaN columns. */
    void start(int firstId, int count) {
        this.firstId = firstId;
        this.count = count;
        this.width = count == 1 && universe.instruments() > 1 ? 2 : count;
        int cells = Math.multiplyExact(width, calendar.length);
        if (columns == null || columns[0].length != cells) {
            columns = new double[5][cells];
        }
        for (double[] c : columns) {
            Arrays.fill(c, Double.NaN);
        }
    }

    /** Adds one bar of instrument {@code id} (in this block), in any order. */
    void add(int id, long millis, double open, double high, double low, double close, double volume,
             boolean anyNull) {
        int t = Arrays.binarySearch(calendar, millis);
        if (t < 0) {
            throw new IllegalStateException("timestamp not in the calendar, millis=" + millis);
        }
        addAt(id, t, open, high, low, close, volume, anyNull);
    }

    /** Adds the bar of instrument {@code id} (in this block) at index {@code t} of the calendar, in any order. */
    void addAt(int id, int t, double open, double high, double low, double close, double volume, boolean anyNull) {
        int i = id - firstId;
        if (i < 0 || i >= count) {
            throw new IllegalStateException("instrument outside its block, id=" + id + " block=" + firstId + "+" + count);
        }
        if (t < 0 || t >= calendar.length) {
            throw new IllegalStateException("bar index outside the calendar, t=" + t);
        }
        long millis = calendar[t];
        int r = t * width + i;
        if (!Double.isNaN(columns[3][r])) {
            throw bad(id, millis, "timestamp", "duplicate bar (two rows with this symbol and timestamp)");
        }
        if (anyNull) {
            throw bad(id, millis, firstNullName(open, high, low, close, volume), "empty or not a number");
        }
        check(id, millis, open, high, low, close, volume);
        columns[0][r] = open;
        columns[1][r] = high;
        columns[2][r] = low;
        columns[3][r] = close;
        columns[4][r] = volume;
    }

    private static String firstNullName(double... v) {
        for (int k = 0; k < v.length; k++) {
            if (Double.isNaN(v[k])) {
                return BarInput.VALUES.get(k);
            }
        }
        return "open";
    }

    private void check(int id, long millis, double open, double high, double low, double close, double volume) {
        double[] prices = {open, high, low, close};
        for (int k = 0; k < 4; k++) {
            if (!(Double.isFinite(prices[k]) && prices[k] > 0)) {
                throw bad(id, millis, BarInput.VALUES.get(k), "price must be finite and positive, value=" + prices[k]);
            }
        }
        if (high < low) {
            throw bad(id, millis, "high", "high below low, high=" + high + " low=" + low);
        }
        if (open < low || open > high) {
            throw bad(id, millis, "open", "open outside [low, high], open=" + open);
        }
        if (close < low || close > high) {
            throw bad(id, millis, "close", "close outside [low, high], close=" + close);
        }
        if (!(Double.isFinite(volume) && volume >= 0)) {
            throw bad(id, millis, "volume", "volume must be finite and >= 0, value=" + volume);
        }
    }

    private IllegalArgumentException bad(int id, long millis, String field, String reason) {
        return new IllegalArgumentException("symbol " + universe.symbols()[id] + ", timestamp " + Timestamps.formatIso(millis)
                + ", field " + field + ": " + reason);
    }

    /**
     * The block as a panel (shares the columns: valid until the next {@link #start}). A block of one
     * instrument in a universe of several is padded with a copy of that instrument, so the simd engine
     * takes its lane path as it does for that instrument inside the whole panel (a one-instrument panel
     * takes the single-series path, which differs in the last bits).
     */
    Panel panel() {
        List<String> names = new ArrayList<>(width);
        for (int i = 0; i < count; i++) {
            names.add(universe.symbols()[firstId + i]);
        }
        if (width > count) {
            double[][] c = columns;
            for (double[] col : c) {
                for (int t = 0; t < calendar.length; t++) {
                    col[t * 2 + 1] = col[t * 2];
                }
            }
            names.add(names.get(0) + "#copy");
        }
        return Panel.of(names, calendar, columns[0], columns[1], columns[2], columns[3], columns[4]);
    }

    /** Instruments of the block (without the padding copy). */
    int count() {
        return count;
    }

    int firstId() {
        return firstId;
    }
}
