package io.vectrade.bench.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.vectrade.bench.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The history file {@code DIR/history.jsonl}: JSON lines, one {@link HistoryEntry} per run, in the
 * order they were appended, snake_case keys. Any JSON-lines reader can load it (for example
 * {@code pandas.read_json(path, lines=True)} or {@code jq}). Each append writes one whole line with
 * a single write; not safe for two writers at once.
 */
public final class HistoryStore {
    /** The file name inside the history directory. */
    public static final String FILE = "history.jsonl";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HistoryStore() {
    }

    /** Appends {@code r} to {@code dir/history.jsonl}, creating both when missing; returns the file. */
    public static Path append(Path dir, RunResult r) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(FILE);
        String line = line(HistoryEntry.of(r));
        Files.writeString(f, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        return f;
    }

    /** One entry as one JSON line, with its newline. */
    static String line(HistoryEntry e) {
        try {
            return MAPPER.writeValueAsString(e) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise a history entry: " + ex.getMessage(), ex);
        }
    }

    /**
     * Every entry of {@code dir/history.jsonl}, in file order (blank lines skipped).
     *
     * @throws IllegalArgumentException naming the file and line of a malformed entry
     * @throws IOException              when the file cannot be read
     */
    public static List<HistoryEntry> read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("no history, file=" + f + " (bench --history " + dir + " writes it)",
                    new NoSuchFileException(f.toString()));
        }
        List<HistoryEntry> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            HistoryEntry e;
            try {
                e = MAPPER.readValue(l, HistoryEntry.class);
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException("malformed history entry, file=" + f + " line=" + (i + 1) + ": "
                        + ex.getOriginalMessage());
            }
            if (e.schema() != HistoryEntry.SCHEMA) {
                throw new IllegalArgumentException("unsupported history schema=" + e.schema() + " (this vectrade reads "
                        + HistoryEntry.SCHEMA + "), file=" + f + " line=" + (i + 1));
            }
            out.add(e);
        }
        return out;
    }
}
