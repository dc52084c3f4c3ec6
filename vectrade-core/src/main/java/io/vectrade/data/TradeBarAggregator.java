package io.vectrade.data;

import java.time.Duration;
import java.util.Locale;

/**
 * Aggregates trades (timestamp, price, amount) into OHLCV bars of a fixed interval.
 *
 * <p>Bars are aligned to interval boundaries in UTC: a trade at epoch millisecond {@code ts}
 * belongs to the bar that starts at {@code floorDiv(ts, interval) * interval}, and the bar's
 * timestamp is that <em>start</em>. The interval must divide a day, so bars also align with UTC
 * midnight. Open is the first trade's price, close the last's, high/low the extremes, volume the
 * sum of amounts. An interval without trades produces no bar. Memory is per bar, not per trade.
 *
 * <p>Trades must come with non-decreasing timestamps; prices finite and positive, amounts finite
 * and non-negative (the CSV reader checks this with file and line before calling). Not
 * thread-safe.
 */
public final class TradeBarAggregator {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final long intervalMillis;
    private final BarSeriesBuilder out;
    private long barStart = Long.MIN_VALUE;
    private long lastTimestamp = Long.MIN_VALUE;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;

    /**
     * @param interval bar length, a whole number of milliseconds that divides 24 hours
     * @param out      receives each completed bar
     * @throws IllegalArgumentException for an unusable interval
     */
    public TradeBarAggregator(Duration interval, BarSeriesBuilder out) {
        this.intervalMillis = checkInterval(interval);
        this.out = out;
    }

    /**
     * Adds one trade.
     *
     * @throws IllegalArgumentException if the timestamp is before the previous trade's, the price
     *                                  is not finite and positive or the amount negative or not finite
     */
    public void add(long timestampMillis, double price, double amount) {
        if (timestampMillis < lastTimestamp) {
            throw new IllegalArgumentException("trade before the previous one, timestamp=" + timestampMillis
                    + " previous=" + lastTimestamp);
        }
        if (!(price > 0) || !Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be finite and positive, price=" + price);
        }
        if (!(amount >= 0) || !Double.isFinite(amount)) {
            throw new IllegalArgumentException("amount must be finite and non-negative, amount=" + amount);
        }
        lastTimestamp = timestampMillis;
        long start = Math.floorDiv(timestampMillis, intervalMillis) * intervalMillis;
        if (start != barStart) {
            flush();
            barStart = start;
            open = price;
            high = price;
            low = price;
            volume = 0;
        }
        if (price > high) {
            high = price;
        }
        if (price < low) {
            low = price;
        }
        close = price;
        volume += amount;
    }

    /** Emits the bar in progress, if any; call once after the last trade. */
    public void finish() {
        flush();
        barStart = Long.MIN_VALUE;
    }

    private void flush() {
        if (barStart != Long.MIN_VALUE) {
            out.add(barStart, open, high, low, close, volume);
        }
    }

    /** The interval in milliseconds. */
    public long intervalMillis() {
        return intervalMillis;
    }

    /**
     * Parses an interval: a whole number and a unit {@code ms, s, m, h, d} ({@code 1m}, {@code 5m},
     * {@code 1h}, {@code 1d}), or an ISO-8601 duration ({@code PT5M}).
     *
     * @throws IllegalArgumentException naming the value
     */
    public static Duration parseInterval(String text) {
        String raw = text.strip();
        String unit = raw.replaceFirst("^[0-9]+", "");
        if (!raw.startsWith("P") && (unit.equals("M") || unit.equalsIgnoreCase("mo") || unit.equalsIgnoreCase("mon")
                || unit.equalsIgnoreCase("month") || unit.equalsIgnoreCase("months"))) {
            // pandas and Binance read 1M as one month: never guess it means a minute
            throw new IllegalArgumentException("ambiguous interval, interval=" + raw + ": 'M' is a month in pandas and Binance,"
                    + " and months are not a bar interval here; write 1m or 1min for minutes");
        }
        String s = raw.toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (s.startsWith("p")) {
                d = Duration.parse(s.toUpperCase(Locale.ROOT));
            } else {
                int k = 0;
                while (k < s.length() && Character.isDigit(s.charAt(k))) {
                    k++;
                }
                if (k == 0) {
                    throw new NumberFormatException();
                }
                long v = Long.parseLong(s, 0, k, 10);
                d = switch (s.substring(k)) {
                    case "ms" -> Duration.ofMillis(v);
                    case "s" -> Duration.ofSeconds(v);
                    case "m", "min" -> Duration.ofMinutes(v);
                    case "h" -> Duration.ofHours(v);
                    case "d" -> Duration.ofDays(v);
                    default -> throw new NumberFormatException();
                };
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unparsable interval, interval=" + text.strip()
                    + "; expected e.g. 1m, 5m, 1h, 1d, 30s, 500ms or PT5M");
        }
        checkInterval(d);
        return d;
    }

    private static long checkInterval(Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(1)) > 0 || d.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException("interval must be whole milliseconds in (0, 1d], interval=" + d);
        }
        long ms = d.toMillis();
        if (MILLIS_PER_DAY % ms != 0) {
            throw new IllegalArgumentException("interval must divide 24 hours, interval=" + d);
        }
        return ms;
    }
}
