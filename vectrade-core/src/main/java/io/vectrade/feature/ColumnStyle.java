package io.vectrade.feature;

import java.util.List;
import java.util.Locale;

/**
 * How feature columns are named in written files: {@link #CANONICAL} as the specs
 * ({@code rsi(14)}, {@code macd(12,26,9).line}, {@code bbands(20,2.5).upper}) or {@link #SNAKE}
 * for tools that dislike parentheses and commas in names ({@code rsi_14},
 * {@code macd_12_26_9_line}, {@code bbands_20_2p5_upper}: a decimal point becomes {@code p}, a
 * minus sign {@code m}). Both are one-to-one over valid specs.
 */
public enum ColumnStyle {
    CANONICAL, SNAKE;

    /** From {@code canonical|snake} (case-insensitive). */
    public static ColumnStyle parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "canonical" -> CANONICAL;
            case "snake" -> SNAKE;
            default -> throw new IllegalArgumentException("unknown column style, style=" + text + "; valid: canonical, snake");
        };
    }

    /** One column name in this style. */
    public String name(String canonical) {
        if (this == CANONICAL) {
            return canonical;
        }
        StringBuilder b = new StringBuilder(canonical.length());
        for (int k = 0; k < canonical.length(); k++) {
            char c = canonical.charAt(k);
            switch (c) {
                case '(', ',', '.' -> {
                    boolean decimal = c == '.' && k > 0 && Character.isDigit(canonical.charAt(k - 1))
                            && k + 1 < canonical.length() && Character.isDigit(canonical.charAt(k + 1));
                    b.append(decimal ? 'p' : '_');
                }
                case ')' -> { }
                case '-' -> b.append('m');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Every column name in this style. */
    public List<String> names(List<String> canonical) {
        return canonical.stream().map(this::name).toList();
    }
}
