package io.vectrade.data;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * Timestamp text ↔ epoch milliseconds (UTC), the forms the CSV readers accept:
 * <ul>
 *   <li>an ISO date {@code 2013-01-02}: midnight UTC of that day;</li>
 *   <li>an ISO date-time with {@code Z} or an offset, {@code 2013-01-02T14:30:00Z},
 *       {@code 2013-01-02T09:30:00.250-05:00} (a space may replace the {@code T}); a date-time
 *       without offset is read as UTC; digits below the millisecond are truncated;</li>
 *   <li>a compact date {@code 20130102} (eight digits that are a valid {@code yyyyMMdd} date in
 *       the years 1800 to 2199): midnight UTC of that day;</li>
 *   <li>an integer count since the epoch in the unit given ({@link EpochUnit}), or, with
 *       {@link EpochUnit#AUTO}, in the unit its magnitude makes unambiguous for the years
 *       1973 to 2286: below 10<sup>10</sup> seconds, [10<sup>11</sup>, 10<sup>13</sup>)
 *       milliseconds, [10<sup>14</sup>, 10<sup>16</sup>) microseconds, from 10<sup>17</sup>
 *       nanoseconds. A value between these ranges is refused with a message naming
 *       {@code --epoch-unit}; digits below the millisecond are truncated.</li>
 * </ul>
 * A date-time without offset ("naive") is read in the zone given (default UTC); a date has no
 * zone and is midnight UTC. Stateless and thread-safe.
 */
public final class Timestamps {
    /** The unit of an integer timestamp. */
    public enum EpochUnit {
        /** Decided by magnitude where unambiguous, else refused. */
        AUTO,
        /** Seconds since 1970-01-01T00:00:00Z. */
        S,
        /** Milliseconds. */
        MS,
        /** Microseconds. */
        US,
        /** Nanoseconds. */
        NS;

        /** From {@code auto|s|ms|us|ns} (case-insensitive). */
        public static EpochUnit parse(String text) {
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> AUTO;
                case "s" -> S;
                case "ms" -> MS;
                case "us" -> US;
                case "ns" -> NS;
                default -> throw new IllegalArgumentException("unknown epoch unit, unit=" + text + "; valid: s, ms, us, ns, auto");
            };
        }
    }

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Timestamps() {
    }

    /**
     * Parses one timestamp (surrounding blanks ignored) to epoch milliseconds.
     *
     * @throws IllegalArgumentException with a lower-case problem text naming the value
     */
    public static long parseMillis(String text) {
        return parseMillis(text, EpochUnit.AUTO, ZoneOffset.UTC);
    }

    /**
     * Parses one timestamp with integers in {@code unit} and naive date-times in {@code zone}.
     *
     * @throws IllegalArgumentException with a lower-case problem text naming the value
     */
    public static long parseMillis(String text, EpochUnit unit, java.time.ZoneId zone) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        if (isDigits(s, 0, s.length())) {
            if (unit == EpochUnit.AUTO && s.length() == 8) {
                long compact = compactDate(s);
                if (compact != Long.MIN_VALUE) {
                    return compact;
                }
            }
            return epochMillis(s, unit);
        }
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-'
                && isDigits(s, 0, 4) && isDigits(s, 5, 7) && isDigits(s, 8, 10)) {
            try {
                LocalDate d = LocalDate.of(Integer.parseInt(s, 0, 4, 10),
                        Integer.parseInt(s, 5, 7, 10), Integer.parseInt(s, 8, 10, 10));
                return d.toEpochDay() * MILLIS_PER_DAY;
            } catch (DateTimeException e) {
                throw unparsable(s, e.getMessage().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (s.length() > 10 && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) {
            boolean utc = zone.equals(ZoneOffset.UTC);
            long fast = utc ? fastDateTime(s) : Long.MIN_VALUE;
            if (fast != Long.MIN_VALUE) {
                return fast;
            }
            String iso = s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
            try {
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
                Instant instant = parsed instanceof ZonedDateTime z ? z.toInstant()
                        : ((LocalDateTime) parsed).atZone(zone).toInstant();
                return instant.toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                throw unparsable(s, null);
            }
        }
        throw unparsable(s, null);
    }

    /**
     * The common {@code yyyy-mm-ddThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm]} without the cost of a
     * {@link DateTimeFormatter}; {@link Long#MIN_VALUE} for anything else (or out-of-range
     * fields), which the caller hands to the formatter for the full rules and the error message.
     */
    private static long fastDateTime(String s) {
        int len = s.length();
        if (len < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':'
                || !isDigits(s, 0, 4) || !isDigits(s, 5, 7) || !isDigits(s, 8, 10)
                || !isDigits(s, 11, 13) || !isDigits(s, 14, 16) || !isDigits(s, 17, 19)) {
            return Long.MIN_VALUE;
        }
        int hour = Integer.parseInt(s, 11, 13, 10);
        int minute = Integer.parseInt(s, 14, 16, 10);
        int second = Integer.parseInt(s, 17, 19, 10);
        if (hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        int pos = 19;
        int millis = 0;
        if (pos < len && s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < len && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                if (pos - start < 3) {
                    millis = millis * 10 + (s.charAt(pos) - '0');
                }
                pos++;
            }
            int digits = pos - start;
            if (digits == 0 || digits > 9) {
                return Long.MIN_VALUE;
            }
            for (int d = digits; d < 3; d++) {
                millis *= 10;
            }
        }
        long offsetSeconds;
        if (pos == len) {
            offsetSeconds = 0;
        } else if (pos == len - 1 && s.charAt(pos) == 'Z') {
            offsetSeconds = 0;
        } else if (pos == len - 6 && (s.charAt(pos) == '+' || s.charAt(pos) == '-') && s.charAt(pos + 3) == ':'
                && isDigits(s, pos + 1, pos + 3) && isDigits(s, pos + 4, pos + 6)) {
            int oh = Integer.parseInt(s, pos + 1, pos + 3, 10);
            int om = Integer.parseInt(s, pos + 4, pos + 6, 10);
            if (oh > 18 || om > 59) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (s.charAt(pos) == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
        } else {
            return Long.MIN_VALUE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10),
                    Integer.parseInt(s, 8, 10, 10)).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
        long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1000L + millis;
    }

    /** ISO-8601 UTC text of epoch milliseconds, e.g. {@code 2015-01-02T00:00:00Z} (millis only when non-zero). */
    public static String formatIso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** {@code yyyyMMdd} as midnight UTC, or {@link Long#MIN_VALUE} when it is not a date of the years 1800-2199. */
    private static long compactDate(String s) {
        int year = Integer.parseInt(s, 0, 4, 10);
        int month = Integer.parseInt(s, 4, 6, 10);
        int day = Integer.parseInt(s, 6, 8, 10);
        if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1 || day > 31) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDate.of(year, month, day).toEpochDay() * MILLIS_PER_DAY;
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static long epochMillis(String s, EpochUnit unit) {
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw unparsable(s, "too large for an epoch count");
        }
        EpochUnit u = unit == EpochUnit.AUTO ? unitOf(v, s) : unit;
        long millis = switch (u) {
            case S -> {
                if (v > Long.MAX_VALUE / 1000L) {
                    throw unparsable(s, "too large for epoch seconds");
                }
                yield v * 1000L;
            }
            case MS -> v;
            case US -> v / 1_000L;
            case NS -> v / 1_000_000L;
            case AUTO -> throw new AssertionError();
        };
        if (millis > MAX_MILLIS) {
            // ISO-8601 text (what vectrade writes) has four-digit years: a later time would not read back
            throw unparsable(s, "after the year 9999 in " + u.name().toLowerCase(java.util.Locale.ROOT));
        }
        return millis;
    }

    /** 9999-12-31T23:59:59.999Z, the last instant with a four-digit year. */
    private static final long MAX_MILLIS = 253_402_300_799_999L;

    /** The unit whose range holds {@code v}; refuses the gaps between them. */
    private static EpochUnit unitOf(long v, String s) {
        if (v < 10_000_000_000L) {
            return EpochUnit.S;
        }
        if (v >= 100_000_000_000L && v < 10_000_000_000_000L) {
            return EpochUnit.MS;
        }
        if (v >= 100_000_000_000_000L && v < 10_000_000_000_000_000L) {
            return EpochUnit.US;
        }
        if (v >= 100_000_000_000_000_000L) {
            return EpochUnit.NS;
        }
        throw new IllegalArgumentException("ambiguous epoch timestamp, value='" + shown(s) + "': its magnitude fits no unit"
                + " between 1973 and 2286; give the unit with --epoch-unit s|ms|us|ns");
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return to > from;
    }

    /** The value as a message quotes it: cut after 64 characters (fuzzing found 1,000-character messages). */
    private static String shown(String s) {
        return io.vectrade.io.Messages.cut(s, 64);
    }

    private static IllegalArgumentException unparsable(String s, String why) {
        return new IllegalArgumentException("unparsable timestamp, value='" + shown(s) + "'"
                + (why == null ? "" : " (" + why + ")")
                + "; expected yyyy-mm-dd, yyyymmdd, an iso date-time or an epoch count (--epoch-unit s|ms|us|ns)");
    }
}
