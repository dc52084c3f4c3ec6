package io.vectrade.bench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.vectrade.backend.Backend;
import io.vectrade.bench.Messages;
import io.vectrade.bench.RunResult;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code <name>_raw.json} format: snake_case keys, map keys sorted, two-space indentation,
 * backends by id. {@link #write} output is deterministic (the golden-file test seals it).
 * Thread-safe.
 */
public final class ResultsJson {
    private static final ObjectMapper MAPPER = mapper();

    private ResultsJson() {
    }

    private static ObjectMapper mapper() {
        SimpleModule m = new SimpleModule("vectrade-bench");
        m.addSerializer(Backend.class, new JsonSerializer<>() {
            @Override
            public void serialize(Backend b, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(b.id());
            }
        });
        m.addDeserializer(Backend.class, new JsonDeserializer<>() {
            @Override
            public Backend deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Backend.parse(p.getValueAsString());
            }
        });
        return new ObjectMapper()
                .registerModule(m)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    }

    /** The JSON text of {@code r}, ending with a newline. */
    public static String write(RunResult r) {
        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            return MAPPER.writer(pp).writeValueAsString(r) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise results: " + e.getMessage(), e);
        }
    }

    /** Largest results file {@link #read} accepts (a real one is a few MB). */
    public static final long MAX_FILE_BYTES = 256L << 20;

    /**
     * Reads a results file (any schema version with the same layout; unknown keys ignored).
     *
     * @throws IllegalArgumentException naming the file when it is missing, not a regular file, too
     *                                  large, not JSON or not results (and the field at fault)
     */
    public static RunResult read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no such file, file=" + file, new NoSuchFileException(file.toString()));
        }
        if (!Files.isRegularFile(file)) {
            // a FIFO would block forever, a directory is a mistake: only regular files are opened
            throw new IllegalArgumentException("not a regular file (" + kind(file) + "), file=" + file);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("results file too large, file=" + file + " size=" + size
                        + " bytes (at most " + MAX_FILE_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read, file=" + file + ": " + reason(e), e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses the bytes of a results file; {@code source} names it in messages.
     *
     * @throws IllegalArgumentException naming {@code source} (and line or field) when it is not JSON
     *                                  or not a complete results file
     */
    public static RunResult parse(byte[] bytes, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("not valid JSON, file=" + source
                    + (at != null && at.getLineNr() > 0 ? " line=" + at.getLineNr() + " column=" + at.getColumnNr() : "")
                    + ": " + Messages.clip(firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read, file=" + source + ": " + reason(e), e);
        }
        if (tree == null || !tree.isObject() || !tree.has("schema_version") || !tree.has("measurements")) {
            throw new IllegalArgumentException("not a vectrade results file (no schema_version/measurements), file="
                    + source);
        }
        JsonNode version = tree.get("schema_version");
        int v = version.canConvertToInt() && version.isIntegralNumber() ? version.asInt() : -1;
        if (v < 1 || v > RunResult.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported results schema_version=" + Messages.clip(version.toString())
                    + " (this vectrade reads 1.." + RunResult.SCHEMA_VERSION + "), file=" + source);
        }
        String bad = ResultsShape.check(tree);
        if (bad != null) {
            throw new IllegalArgumentException("malformed results file, file=" + source + ": " + bad);
        }
        try {
            return MAPPER.treeToValue(tree, RunResult.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("malformed results file, file=" + source + ": field " + path(e) + ": "
                    + Messages.clip(firstLine(e.getOriginalMessage()).replaceAll("`[^`]*`", "value")), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed results file, file=" + source + ": " + Messages.clip(
                    e.getClass().getSimpleName()), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(Messages.clip(r.getFieldName()));
            } else {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "(root)" : b.toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }

    private static String kind(Path file) {
        return Files.isDirectory(file) ? "a directory" : "a FIFO, device or socket";
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : Messages.clip(m == null ? e.getClass().getSimpleName() : m);
    }
}
