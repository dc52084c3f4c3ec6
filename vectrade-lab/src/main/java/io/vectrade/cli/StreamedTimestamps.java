package io.vectrade.cli;

import io.vectrade.data.TimestampText;

/**
 * The timestamp form of a file written row by row ({@code features --stream}), where the whole
 * calendar is not known before the first row: the first row is held back until the second bar is
 * read, and the file uses dates when both are midnight UTC (daily bars), else ISO date-times
 * ({@link TimestampText}). A later bar of a "daily" file that is not at midnight UTC is written as a
 * date-time (never a date that would lose its time of day). Not thread-safe.
 */
final class StreamedTimestamps {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private TimestampText text;
    private boolean started;
    private double[] held;
    private long heldMillis;

    /**
     * Holds the first bar's row (a copy) and returns true; for the second bar decides the form and
     * returns false; false for every later bar.
     */
    boolean holdFirst(long millis, double[] row) {
        if (!started) {
            started = true;
            held = row.clone();
            heldMillis = millis;
            return true;
        }
        if (text == null) {
            text = TimestampText.of(new long[] {heldMillis, millis});
        }
        return false;
    }

    /** The held first row, or null once written (or before any bar). */
    double[] heldRow() {
        return held;
    }

    long heldMillis() {
        return heldMillis;
    }

    /** The held row has been written. */
    void released() {
        held = null;
    }

    /** The text of {@code millis}; a one-bar file decides from its one bar. */
    String format(long millis) {
        TimestampText t = text != null ? text : TimestampText.of(new long[] {heldMillis});
        if (t == TimestampText.DATE && Math.floorMod(millis, MILLIS_PER_DAY) != 0) {
            return TimestampText.DATE_TIME.format(millis);
        }
        return t.format(millis);
    }
}
