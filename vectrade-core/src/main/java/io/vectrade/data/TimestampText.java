package io.vectrade.data;

import java.time.Instant;
import java.time.LocalDate;

/**
 * How the text writers spell a timestamp: daily bars as dates, everything else as ISO-8601 UTC
 * date-times. The rule, decided once per output from all the timestamps it will hold (a panel's
 * calendar, or the rows of a signal list), never from the first row alone:
 * <ul>
 *   <li>{@link #DATE} {@code 2024-01-02} when every timestamp is midnight UTC (daily, weekly or
 *       monthly bars as vendors and vectrade's own readers give them);</li>
 *   <li>{@link #DATE_TIME} {@code 2024-01-02T14:30:00Z} (milliseconds only when non-zero)
 *       otherwise, and for an empty set.</li>
 * </ul>
 * Both forms read back to the same epoch milliseconds ({@link Timestamps#parseMillis}: a date is
 * midnight UTC), so the choice never loses information. Stateless and thread-safe.
 */
public enum TimestampText {
    /** {@code yyyy-mm-dd}, for timestamps that are all midnight UTC. */
    DATE,
    /** ISO-8601 UTC, {@code yyyy-mm-ddThh:mm:ss[.SSS]Z}. */
    DATE_TIME;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** {@link #DATE} when every one of {@code timestampsMillis} is midnight UTC and there is at least one. */
    public static TimestampText of(long[] timestampsMillis) {
        if (timestampsMillis.length == 0) {
            return DATE_TIME;
        }
        for (long ms : timestampsMillis) {
            if (Math.floorMod(ms, MILLIS_PER_DAY) != 0) {
                return DATE_TIME;
            }
        }
        return DATE;
    }

    /** The rule applied to a panel's calendar. */
    public static TimestampText of(Panel panel) {
        return of(panel.timestampsMillis());
    }

    /**
     * The text of {@code millis} in this form.
     *
     * @throws IllegalArgumentException for {@link #DATE} and a time that is not midnight UTC
     */
    public String format(long millis) {
        if (this == DATE_TIME) {
            return Instant.ofEpochMilli(millis).toString();
        }
        if (Math.floorMod(millis, MILLIS_PER_DAY) != 0) {
            throw new IllegalArgumentException("not midnight UTC, timestamp=" + Instant.ofEpochMilli(millis));
        }
        return LocalDate.ofEpochDay(Math.floorDiv(millis, MILLIS_PER_DAY)).toString();
    }
}
