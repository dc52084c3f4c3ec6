package io.vectrade.signal;

import io.vectrade.data.TimestampText;
import io.vectrade.io.AtomicFiles;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes signals as CSV or JSON lines, atomically (a temporary file in the same directory, then a move).
 *
 * <pre>
 * CSV:   timestamp,symbol,side,strength,weight
 *        2024-01-02,AAA,long,0.75,0.05
 * JSONL: {"timestamp":"2024-01-02","timestamp_ms":1704153600000,"symbol":"AAA","side":"long","strength":0.75,"weight":0.05}
 * </pre>
 * Timestamps are dates when every one the file holds is midnight UTC (daily bars), else ISO-8601
 * UTC date-times ({@link TimestampText}: decided from the panel's calendar where the caller gives it,
 * else from the rows written); numbers are Java's shortest round-trip text. Stateless and thread-safe.
 */
public final class SignalWriter {
    /** Output format. */
    public enum Format {
        CSV, JSONL;

        /** From a file name: {@code .jsonl}/{@code .json} → JSONL, anything else → CSV. */
        public static Format forPath(Path p) {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".jsonl") || n.endsWith(".json") ? JSONL : CSV;
        }
    }

    private SignalWriter() {
    }

    /**
     * The signals of bars {@code [fromBar, toBar)} of a frame, all cells or (with {@code nonFlatOnly}) the
     * non-flat ones (read from its sparse form), in (bar, instrument) order.
     *
     * @param timestampsMillis one per bar of the frame
     * @param symbols          one per instrument
     */
    public static List<Signal> signals(SignalFrame frame, long[] timestampsMillis, List<String> symbols,
                                       int fromBar, int toBar, boolean nonFlatOnly) {
        int n = frame.instruments();
        if (timestampsMillis.length != frame.bars() || symbols.size() != n) {
            throw new IllegalArgumentException("timestamps and symbols must match the frame, timestamps="
                    + timestampsMillis.length + " bars=" + frame.bars() + " symbols=" + symbols.size() + " instruments=" + n);
        }
        List<Signal> out = new ArrayList<>();
        for (int t = fromBar; t < toBar; t++) {
            if (nonFlatOnly) { // the sparse form: only the bar's non-flat cells, in instrument order
                int c = frame.nonFlat(t);
                int e0 = frame.entryStart(t);
                for (int e = e0; e < e0 + c; e++) {
                    out.add(new Signal(timestampsMillis[t], symbols.get(frame.entryInstruments()[e]), frame.entrySides()[e],
                            frame.entryStrengths()[e], frame.entryWeights()[e]));
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                out.add(new Signal(timestampsMillis[t], symbols.get(i), frame.side(t, i), frame.strength(t, i),
                        frame.weight(t, i)));
            }
        }
        return out;
    }

    /** Writes {@code signals} to {@code file} in {@code format}, atomically ({@link AtomicFiles}). */
    public static void write(Path file, Format format, List<Signal> signals) throws IOException {
        AtomicFiles.write(file, w -> write(w, format, signals));
    }

    /** Writes to a stream (no atomicity); the caller closes {@code w}. Dates when every signal's time is midnight UTC. */
    public static void write(Writer w, Format format, List<Signal> signals) throws IOException {
        long[] ts = new long[signals.size()];
        for (int k = 0; k < ts.length; k++) {
            ts[k] = signals.get(k).timestampMillis();
        }
        write(w, format, signals, TimestampText.of(ts));
    }

    /**
     * Writes to a stream (no atomicity) with timestamps in {@code text} (the rule applied to the
     * panel the signals come from); the caller closes {@code w}.
     *
     * @throws IllegalArgumentException for {@link TimestampText#DATE} and a signal not at midnight UTC
     */
    public static void write(Writer w, Format format, List<Signal> signals, TimestampText text) throws IOException {
        if (format == Format.CSV) {
            w.write("timestamp,symbol,side,strength,weight\n");
        }
        StringBuilder b = new StringBuilder(128);
        for (Signal s : signals) {
            b.setLength(0);
            String ts = text.format(s.timestampMillis());
            if (format == Format.CSV) {
                b.append(ts).append(',').append(csv(s.symbol())).append(',').append(s.sideName()).append(',')
                        .append(s.strength()).append(',').append(s.targetWeight()).append('\n');
            } else {
                b.append("{\"timestamp\":\"").append(ts).append("\",\"timestamp_ms\":").append(s.timestampMillis())
                        .append(",\"symbol\":\"").append(json(s.symbol())).append("\",\"side\":\"").append(s.sideName())
                        .append("\",\"strength\":").append(jsonNumber(s.strength()))
                        .append(",\"weight\":").append(jsonNumber(s.targetWeight())).append("}\n");
            }
            w.write(b.toString());
        }
    }

    /**
     * Writes every cell of bars {@code [fromBar, toBar)} with its model score ({@code score} column: CSV
     * {@code timestamp,symbol,side,strength,weight,score}, empty where the score is NaN; JSON lines
     * {@code "score":null}), atomically; timestamps as dates when all of {@code timestampsMillis} are
     * midnight UTC.
     *
     * @param scores time-major like the frame
     */
    public static void writeScored(Path file, Format format, SignalFrame frame, double[] scores, long[] timestampsMillis,
                                   List<String> symbols, int fromBar, int toBar) throws IOException {
        AtomicFiles.write(file, w -> writeScored(w, format, frame, scores, timestampsMillis, symbols, fromBar, toBar));
    }

    /** As {@link #writeScored(Path, Format, SignalFrame, double[], long[], List, int, int)}, to {@code w} (not closed). */
    public static void writeScored(Writer w, Format format, SignalFrame frame, double[] scores, long[] timestampsMillis,
                                   List<String> symbols, int fromBar, int toBar) throws IOException {
        int n = frame.instruments();
        if (scores.length < frame.bars() * n) {
            throw new IllegalArgumentException("scores shorter than the frame, scores=" + scores.length
                    + " cells=" + frame.bars() * n);
        }
        List<Signal> signals = signals(frame, timestampsMillis, symbols, fromBar, toBar, false);
        TimestampText text = TimestampText.of(timestampsMillis);
        {
            if (format == Format.CSV) {
                w.write("timestamp,symbol,side,strength,weight,score\n");
            }
            StringBuilder b = new StringBuilder(160);
            int k = 0;
            for (int r = fromBar * n; r < toBar * n; r++) {
                Signal s = signals.get(k++);
                double score = scores[r];
                b.setLength(0);
                String ts = text.format(s.timestampMillis());
                if (format == Format.CSV) {
                    b.append(ts).append(',').append(csv(s.symbol())).append(',').append(s.sideName()).append(',')
                            .append(s.strength()).append(',').append(s.targetWeight()).append(',')
                            .append(Double.isNaN(score) ? "" : Double.toString(score)).append('\n');
                } else {
                    b.append("{\"timestamp\":\"").append(ts).append("\",\"timestamp_ms\":").append(s.timestampMillis())
                            .append(",\"symbol\":\"").append(json(s.symbol())).append("\",\"side\":\"").append(s.sideName())
                            .append("\",\"strength\":").append(jsonNumber(s.strength()))
                            .append(",\"weight\":").append(jsonNumber(s.targetWeight()))
                            .append(",\"score\":").append(jsonNumber(score)).append("}\n");
                }
                w.write(b.toString());
            }
        }
    }

    private static String csv(String s) {
        return io.vectrade.data.csv.CsvText.field(s);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String jsonNumber(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

}
