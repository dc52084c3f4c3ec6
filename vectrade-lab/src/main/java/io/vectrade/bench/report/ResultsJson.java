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
import io.vectrade.bench.RunResult;

import java.io.IOException;
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
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
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

    /**
     * Reads a results file (any schema version with the same layout; unknown keys ignored).
     *
     * @throws IllegalArgumentException naming the file when it is missing, not JSON or not results
     */
    public static RunResult read(Path file) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            if (!file.toFile().exists()) {
                throw new IllegalArgumentException("no such file, file=" + file, new NoSuchFileException(file.toString()));
            }
            throw new IllegalArgumentException("not valid JSON, file=" + file + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject() || !tree.has("schema_version") || !tree.has("measurements")) {
            throw new IllegalArgumentException("not a vectrade results file (no schema_version/measurements), file="
                    + file);
        }
        int v = tree.get("schema_version").asInt(-1);
        if (v < 1 || v > RunResult.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported results schema_version=" + v + " (this vectrade reads 1.."
                    + RunResult.SCHEMA_VERSION + "), file=" + file);
        }
        try {
            return MAPPER.treeToValue(tree, RunResult.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed results file, file=" + file + ": " + e.getMessage(), e);
        }
    }
}
