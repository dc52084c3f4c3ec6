package io.vectrade.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Turns {@code --from} / {@code --to} values (an ISO date, an ISO date-time or a bar index) into bar indices. */
final class BarIndex {
    private static final long DAY_MS = 86_400_000L;

    private BarIndex() {
    }

    /** The first bar at or after the value (a date means its start, UTC). */
    static int first(String value, long[] ts, String flag) {
        if (isIndex(value)) {
            return index(value, ts, flag);
        }
        long at = millis(value, flag, false);
        for (int t = 0; t < ts.length; t++) {
            if (ts[t] >= at) {
                return t;
            }
        }
        throw new UsageException(flag + " is after the last bar, " + flag.substring(2) + "=" + value);
    }

    /** The last bar at or before the value (a date means its whole day, UTC). */
    static int last(String value, long[] ts, String flag) {
        if (isIndex(value)) {
            return index(value, ts, flag);
        }
        long at = millis(value, flag, true);
        for (int t = ts.length - 1; t >= 0; t--) {
            if (ts[t] <= at) {
                return t;
            }
        }
        throw new UsageException(flag + " is before the first bar, " + flag.substring(2) + "=" + value);
    }

    private static boolean isIndex(String v) {
        return v.strip().matches("\\d+");
    }

    private static int index(String v, long[] ts, String flag) {
        int t;
        try {
            t = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            t = -1;
        }
        if (t < 0 || t >= ts.length) {
            throw new UsageException(flag + " bar index out of range 0.." + (ts.length - 1) + ", " + flag.substring(2) + "=" + v);
        }
        return t;
    }

    private static long millis(String v, String flag, boolean endOfDay) {
        String s = v.strip();
        try {
            if (s.length() == 10) {
                long start = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                return endOfDay ? start + DAY_MS - 1 : start;
            }
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new UsageException(flag + " is not an ISO date, date-time or bar index, " + flag.substring(2) + "=" + v);
        }
    }
}
