package io.vectrade.live;

import io.vectrade.data.TimestampText;
import io.vectrade.signal.SignalFrame;

import java.io.IOException;
import java.util.List;

/**
 * A tick's non-flat signals as JSON lines, the same keys and number text as
 * {@code SignalWriter}'s JSONL format, one object per line:
 * <pre>{"timestamp":"2024-01-02T00:00:00Z","timestamp_ms":1704153600000,"symbol":"AAA","side":"long","strength":0.75,"weight":0.05}</pre>
 * A line is written when its tick closes, before later ticks are seen, so whether the data is daily
 * is not known from the lines themselves: {@code timestamp} is an ISO-8601 UTC date-time unless the
 * caller, knowing the calendar in advance (a replay of a panel), gives {@link TimestampText#DATE}.
 * Reuses one buffer; not thread-safe.
 */
public final class SignalLines {
    private final List<String> symbols;
    private final String[] quoted;
    private final StringBuilder b = new StringBuilder(4096);

    private final TimestampText text;
    private long lastMillis = Long.MIN_VALUE;
    private String lastText = "";

    /** For the instruments of the frames to come, in order; timestamps as ISO-8601 UTC date-times. */
    public SignalLines(List<String> symbols) {
        this(symbols, TimestampText.DATE_TIME);
    }

    /**
     * For the instruments of the frames to come, in order, with timestamps in {@code text}
     * ({@link TimestampText#DATE} only when every tick to come is at midnight UTC).
     */
    public SignalLines(List<String> symbols, TimestampText text) {
        this.text = java.util.Objects.requireNonNull(text, "text");
        this.symbols = List.copyOf(symbols);
        this.quoted = new String[symbols.size()];
        for (int i = 0; i < quoted.length; i++) {
            quoted[i] = jsonString(symbols.get(i));
        }
    }

    /**
     * Appends the non-flat signals of bar {@code bar} of {@code frame} to {@code out}, one JSON line
     * each, in instrument order; returns how many. Reads the bar's sparse entries (the non-flat
     * cells), so its cost follows the positions, not the instruments.
     */
    public int write(long timestampMillis, SignalFrame frame, int bar, Appendable out) throws IOException {
        int n = frame.instruments();
        if (n != quoted.length) {
            throw new IllegalArgumentException("frame instruments differ from the symbols, instruments=" + n
                    + " symbols=" + quoted.length);
        }
        b.setLength(0);
        int count = frame.nonFlat(bar);
        int start = frame.entryStart(bar);
        int[] ins = frame.entryInstruments();
        byte[] sides = frame.entrySides();
        double[] strengths = frame.entryStrengths();
        double[] weights = frame.entryWeights();
        for (int e = start; e < start + count; e++) {
            line(timestampMillis, ins[e], sides[e], strengths[e], weights[e], b);
        }
        out.append(b);
        return count;
    }

    /**
     * Appends the JSON line of instrument {@code i} at bar {@code bar} of {@code frame}, whatever its
     * side, to {@code out} (with the trailing newline).
     */
    public void writeOne(long timestampMillis, SignalFrame frame, int bar, int i, StringBuilder out) {
        line(timestampMillis, i, frame.side(bar, i), frame.strength(bar, i), frame.weight(bar, i), out);
    }

    private void line(long timestampMillis, int i, byte side, double strength, double weight, StringBuilder out) {
        if (timestampMillis != lastMillis) {
            lastText = text.format(timestampMillis);
            lastMillis = timestampMillis;
        }
        out.append("{\"timestamp\":\"").append(lastText).append("\",\"timestamp_ms\":")
                .append(timestampMillis).append(",\"symbol\":").append(quoted[i]).append(",\"side\":\"")
                .append(side == SignalFrame.LONG ? "long" : side == SignalFrame.SHORT ? "short" : "flat")
                .append("\",\"strength\":");
        number(out, strength);
        out.append(",\"weight\":");
        number(out, weight);
        out.append("}\n");
    }

    private static void number(StringBuilder out, double v) {
        if (Double.isFinite(v)) {
            out.append(v);
        } else {
            out.append("null");
        }
    }

    /** The instruments, in order. */
    public List<String> symbols() {
        return symbols;
    }

    static String jsonString(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
