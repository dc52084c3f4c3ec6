package io.vectrade.backtest;

import java.util.Locale;

/**
 * When a target weight decided at the close of bar t is traded.
 *
 * <ul>
 *   <li>{@link #CLOSE}: at the close of t (the price the decision saw); held from close t to close t+1.</li>
 *   <li>{@link #NEXT_OPEN}: at the open of t+1; the old position is held from close t to open t+1, the new one
 *       from open t+1 to close t+1.</li>
 * </ul>
 */
public enum Execution {
    CLOSE, NEXT_OPEN;

    /** {@code close} or {@code next-open} (case-insensitive). */
    public static Execution parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "close" -> CLOSE;
            case "next-open", "next_open" -> NEXT_OPEN;
            default -> throw new IllegalArgumentException("unknown execution, execution=" + text + "; valid: close, next-open");
        };
    }

    /** The name {@link #parse} reads. */
    public String id() {
        return this == CLOSE ? "close" : "next-open";
    }
}
