package io.vectrade.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats the sizes and durations of the benchmark config.
 *
 * <p>Sizes: a number and a unit, {@code B}, {@code KB}, {@code MB}, {@code GB}, {@code TB} (powers
 * of 1,024, as in {@code -Xmx4g}; {@code KiB}/{@code MiB}/{@code GiB} are accepted too), e.g.
 * {@code "4GB"}, {@code "512 MB"}, {@code "1.5GB"}. Durations: {@code ns}, {@code us} (or
 * {@code µs}), {@code ms}, {@code s}, e.g. {@code "100ms"}. A bare number is rejected, so that a
 * unit is never guessed.
 */
public final class Units {
    private static final Pattern QUANTITY = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Zµ]*)\\s*");

    private Units() {
    }

    /**
     * Bytes of a size such as {@code "4GB"}.
     *
     * @throws IllegalArgumentException naming {@code key} and the value
     */
    public static long parseBytes(String key, String text) {
        Matcher m = match(key, text, "a size such as 4GB or 512MB");
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        double scale = switch (unit) {
            case "b" -> 1;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            case "" -> throw bad(key, text, "a size needs a unit (B, KB, MB, GB, TB), e.g. 4GB");
            default -> throw bad(key, text, "unknown size unit '" + m.group(2) + "'; use B, KB, MB, GB or TB");
        };
        return positive(key, text, Double.parseDouble(m.group(1)) * scale);
    }

    /**
     * Nanoseconds of a duration such as {@code "100ms"}.
     *
     * @throws IllegalArgumentException naming {@code key} and the value
     */
    public static long parseNanos(String key, String text) {
        Matcher m = match(key, text, "a duration such as 100ms or 5ms");
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        double scale = switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "" -> throw bad(key, text, "a duration needs a unit (ns, us, ms, s), e.g. 100ms");
            default -> throw bad(key, text, "unknown duration unit '" + m.group(2) + "'; use ns, us, ms or s");
        };
        return positive(key, text, Double.parseDouble(m.group(1)) * scale);
    }

    private static Matcher match(String key, String text, String what) {
        if (text == null) {
            throw new ConfigException(key, "is empty; expected " + what);
        }
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw bad(key, text, "expected " + what);
        }
        return m;
    }

    private static long positive(String key, String text, double v) {
        if (!(v >= 1) || v > Long.MAX_VALUE / 2.0) {
            throw bad(key, text, "must be positive and not absurdly large");
        }
        return Math.round(v);
    }

    private static ConfigException bad(String key, String text, String why) {
        return new ConfigException(key, "bad value, value='" + text + "': " + why);
    }

    /** {@code 1536 -> "1.5 KiB"}, binary units, three significant digits. */
    public static String formatBytes(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.3g %s", v, units[u]);
    }

    /** {@code 1_500_000 -> "1.50 ms"}, three significant digits. */
    public static String formatNanos(double nanos) {
        double a = Math.abs(nanos);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3g s", nanos / 1e9);
        } else if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3g ms", nanos / 1e6);
        } else if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.3g µs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g ns", nanos);
    }

    /** {@code 1.2e6 -> "1.20 M/s"}. */
    public static String formatRate(double perSecond) {
        double a = Math.abs(perSecond);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3g G/s", perSecond / 1e9);
        } else if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3g M/s", perSecond / 1e6);
        } else if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.3g k/s", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g /s", perSecond);
    }

    /** Formats {@code value} in {@code unit} ({@code ns}, {@code bytes}, {@code per_s} or other). */
    public static String format(double value, String unit) {
        return switch (unit) {
            case "ns" -> formatNanos(value);
            case "bytes" -> formatBytes(value);
            case "per_s" -> formatRate(value);
            default -> String.format(Locale.ROOT, "%.4g %s", value, unit);
        };
    }
}
