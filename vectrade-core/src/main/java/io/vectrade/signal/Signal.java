package io.vectrade.signal;

import java.util.Locale;

/**
 * One target position for output: at bar {@code timestampMillis} (epoch milliseconds, UTC), hold
 * {@code targetWeight} (signed fraction of capital) of {@code symbol}. An output record, not a hot-path
 * value: frames stay primitive until written.
 *
 * @param side     {@link SignalFrame#LONG}, {@link SignalFrame#SHORT} or {@link SignalFrame#FLAT}
 * @param strength conviction in [0, 1]
 */
public record Signal(long timestampMillis, String symbol, byte side, double strength, double targetWeight) {

    /** {@code long}, {@code short} or {@code flat}. */
    public String sideName() {
        return sideName(side);
    }

    static String sideName(byte side) {
        return switch (side) {
            case SignalFrame.LONG -> "long";
            case SignalFrame.SHORT -> "short";
            case SignalFrame.FLAT -> "flat";
            default -> throw new IllegalArgumentException("bad side, side=" + side);
        };
    }

    /** Parses {@code long|short|flat} (case-insensitive) into a side byte. */
    public static byte parseSide(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "long" -> SignalFrame.LONG;
            case "short" -> SignalFrame.SHORT;
            case "flat" -> SignalFrame.FLAT;
            default -> throw new IllegalArgumentException("unknown side, side=" + s + "; valid: long, short, flat");
        };
    }
}
