package io.vectrade.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vectrade.backend.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a benchmark config YAML file over the {@link BenchConfig#defaults() defaults}. Every key
 * is optional; an unknown key or a bad value is an error naming the key (and the line).
 *
 * <pre>
 * batch_sizes: [32, 64, 128, 256, 512, 1024]
 * data_sizes: [1000, 10000, 100000]
 * backends: [cpu, simd]
 * warmup_iterations: 5
 * test_iterations: 20
 * memory_threshold: 4GB
 * max_latency: 100ms
 * panel: {instruments: 1000, bars: 2520}
 * targets:
 *   latency: {feature_calculation: 5ms, model_inference: 10ms, signal_generation: 2ms, total_pipeline: 20ms, backtest: 10ms}
 *   memory: {peak: 4GB, steady_state: 2GB, feature: 512MB, model: 1GB}
 *   throughput: {samples: 10000, features: 1000000, signals: 5000}
 * </pre>
 *
 * Thread-safe (no state).
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a key given twice is an error, not "the last one wins"
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigLoader() {
    }

    record FileDto(@JsonProperty("batch_sizes") List<Integer> batchSizes,
                   @JsonProperty("data_sizes") List<Integer> dataSizes,
                   @JsonProperty("backends") List<String> backends,
                   @JsonProperty("warmup_iterations") Integer warmupIterations,
                   @JsonProperty("test_iterations") Integer testIterations,
                   @JsonProperty("memory_threshold") String memoryThreshold,
                   @JsonProperty("max_latency") String maxLatency,
                   @JsonProperty("panel") PanelDto panel,
                   @JsonProperty("targets") TargetsDto targets) {
    }

    record PanelDto(@JsonProperty("instruments") Integer instruments, @JsonProperty("bars") Integer bars) {
    }

    record TargetsDto(@JsonProperty("latency") LatencyDto latency, @JsonProperty("memory") MemoryDto memory,
                      @JsonProperty("throughput") ThroughputDto throughput) {
    }

    record LatencyDto(@JsonProperty("feature_calculation") String featureCalculation,
                      @JsonProperty("model_inference") String modelInference,
                      @JsonProperty("signal_generation") String signalGeneration,
                      @JsonProperty("total_pipeline") String totalPipeline,
                      @JsonProperty("backtest") String backtest) {
    }

    record MemoryDto(@JsonProperty("peak") String peak, @JsonProperty("steady_state") String steadyState,
                     @JsonProperty("feature") String feature, @JsonProperty("model") String model) {
    }

    record ThroughputDto(@JsonProperty("samples") Double samples, @JsonProperty("features") Double features,
                         @JsonProperty("signals") Double signals) {
    }

    /**
     * Loads {@code file} over the defaults.
     *
     * @throws ConfigException naming the file, key and line of the first problem
     */
    public static BenchConfig load(Path file) {
        return load(file, BenchConfig.defaults());
    }

    /**
     * Loads {@code file} over {@code base}.
     *
     * @throws ConfigException naming the file, key and line of the first problem
     */
    public static BenchConfig load(Path file, BenchConfig base) {
        String text = readText(file);
        try {
            return parse(text, base);
        } catch (ConfigException e) {
            throw new ConfigException(e.key(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2)
                    + " (file=" + file + ")");
        }
    }

    /** Largest config file accepted (a real one is under a kilobyte). */
    public static final long MAX_FILE_BYTES = 1L << 20;

    /**
     * The text of a regular file of at most {@link #MAX_FILE_BYTES}, decoded as strict UTF-8: a FIFO
     * or device is refused without being opened (it could block forever), malformed UTF-8 is one
     * message with the byte offset.
     */
    static String readText(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException("--config", "no such file, file=" + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config", "not a regular file (" + (Files.isDirectory(file) ? "a directory"
                    : "a FIFO, device or socket") + "), file=" + file);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException("--config", "file too large, file=" + file + " size=" + size
                        + " bytes (at most " + MAX_FILE_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException("--config", "cannot read, file=" + file + ": permission denied");
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read, file=" + file + ": " + Messages.clip(e.getMessage()));
        }
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        try {
            return utf8.decode(in).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            int line = 1;
            for (int i = 0; i < in.position() && i < bytes.length; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ConfigException("--config", "not UTF-8 text at line " + line + " (byte offset " + in.position()
                    + "), file=" + file);
        }
    }

    /** Parses YAML {@code text} over {@code base}. */
    public static BenchConfig parse(String text, BenchConfig base) {
        if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#") || l.strip().equals("---"))) {
            return base;
        }
        FileDto f;
        try {
            f = YAML.readValue(text, FileDto.class);
        } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
            throw new ConfigException(currentKey(e), "bad value" + line(e.getLocation())
                    + ": number out of range (" + e.getTargetType().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + ")");
        } catch (UnrecognizedPropertyException e) {
            String valid = e.getKnownPropertyIds() == null ? "" : "; valid keys: " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(path(e), "unknown key" + line(e.getLocation()) + valid);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.core.exc.InputCoercionException c) {
                throw new ConfigException(path(e), "bad value" + line(c.getLocation())
                        + ": number out of range");
            }
            if (e.getCause() instanceof JacksonException syntax && !(syntax instanceof JsonMappingException)) {
                throw syntax(syntax);
            }
            throw new ConfigException(path(e), "bad value" + line(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
        } catch (JacksonException e) {
            throw syntax(e);
        }
        if (f == null) {
            return base;
        }
        try {
            // an explicit null (`key: ~` or `key:`) is a bad value, not "use the default"
            String nullKey = firstNull(YAML.readTree(text), "");
            if (nullKey != null) {
                throw new ConfigException(nullKey, "bad value: empty or null; give a value or leave the key out");
            }
        } catch (JacksonException e) {
            throw syntax(e);
        }
        BenchConfig c = base;
        if (f.batchSizes() != null) {
            c = c.withBatchSizes(f.batchSizes());
        }
        if (f.dataSizes() != null) {
            c = c.withDataSizes(f.dataSizes());
        }
        if (f.backends() != null) {
            c = c.withBackends(backends("backends", f.backends()));
        }
        int warm = f.warmupIterations() != null ? f.warmupIterations() : c.warmupIterations();
        int test = f.testIterations() != null ? f.testIterations() : c.testIterations();
        long mem = f.memoryThreshold() != null ? Units.parseBytes("memory_threshold", f.memoryThreshold())
                : c.memoryThresholdBytes();
        long lat = f.maxLatency() != null ? Units.parseNanos("max_latency", f.maxLatency()) : c.maxLatencyNanos();
        int pi = c.panelInstruments();
        int pb = c.panelBars();
        if (f.panel() != null) {
            pi = f.panel().instruments() != null ? f.panel().instruments() : pi;
            pb = f.panel().bars() != null ? f.panel().bars() : pb;
        }
        Targets t = targets(f.targets(), c.targets());
        return new BenchConfig(c.batchSizes(), c.dataSizes(), c.backends(), warm, test, mem, lat, pi, pb, t);
    }

    private static Targets targets(TargetsDto d, Targets t) {
        if (d == null) {
            return t;
        }
        if (d.latency() != null) {
            LatencyDto l = d.latency();
            t = latency(t, "feature_calculation", l.featureCalculation());
            t = latency(t, "model_inference", l.modelInference());
            t = latency(t, "signal_generation", l.signalGeneration());
            t = latency(t, "total_pipeline", l.totalPipeline());
            t = latency(t, "backtest", l.backtest());
        }
        if (d.memory() != null) {
            MemoryDto m = d.memory();
            t = memory(t, "peak", m.peak());
            t = memory(t, "steady_state", m.steadyState());
            t = memory(t, "feature", m.feature());
            t = memory(t, "model", m.model());
        }
        if (d.throughput() != null) {
            ThroughputDto r = d.throughput();
            t = rate(t, "samples", r.samples());
            t = rate(t, "features", r.features());
            t = rate(t, "signals", r.signals());
        }
        return t;
    }

    private static Targets latency(Targets t, String name, String v) {
        return v == null ? t : t.with("latency", name, Units.parseNanos("targets.latency." + name, v));
    }

    private static Targets memory(Targets t, String name, String v) {
        return v == null ? t : t.with("memory", name, Units.parseBytes("targets.memory." + name, v));
    }

    private static Targets rate(Targets t, String name, Double v) {
        if (v == null) {
            return t;
        }
        if (!(v > 0) || v.isInfinite()) {
            throw new ConfigException("targets.throughput." + name, "bad value, must be a positive rate per second, value=" + v);
        }
        return t.with("throughput", name, v);
    }

    /** Parses backend ids such as {@code cpu,simd}. */
    public static List<Backend> backends(String key, List<String> ids) {
        List<Backend> out = new ArrayList<>();
        for (String id : ids) {
            try {
                Backend b = Backend.parse(id);
                if (!out.contains(b)) {
                    out.add(b);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
        }
        return out;
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return p.isEmpty() ? "(root)" : p;
    }

    private static String firstLine(String s) {
        return Messages.clip(s == null ? "" : s.lines().findFirst().orElse("").strip()
                .replaceAll("`[a-z]+(\\.[A-Za-z0-9_$]+)+`", "value")
                .replaceAll("\\(through reference chain: .*\\)", "")
                .replaceAll("\\s+\\(for Object starting at.*", ""));
    }

    /**
     * A syntax error: a key given twice names the key; otherwise the line is the one where the YAML
     * scanner found the problem (its problem mark), not where the enclosing block started.
     */
    private static ConfigException syntax(JacksonException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        java.util.regex.Matcher dup = java.util.regex.Pattern.compile("^Duplicate field '(.*)'").matcher(m);
        if (dup.find()) {
            return new ConfigException(Messages.clip(dup.group(1)), "key given twice" + line(e.getLocation()));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
                return new ConfigException("(file)", "not valid YAML at line " + (y.getProblemMark().getLine() + 1)
                        + ", column " + (y.getProblemMark().getColumn() + 1) + ": " + firstLine(y.getProblem()));
            }
        }
        return new ConfigException("(file)", "not valid YAML" + line(e.getLocation()) + ": " + firstLine(m));
    }

    private static String firstNull(com.fasterxml.jackson.databind.JsonNode n, String at) {
        if (n == null) {
            return null;
        }
        if (n.isNull()) {
            return at.isEmpty() ? null : at;
        }
        if (n.isObject()) {
            for (var e : n.properties()) {
                String k = firstNull(e.getValue(), at.isEmpty() ? Messages.clip(e.getKey()) : at + "." + Messages.clip(e.getKey()));
                if (k != null) {
                    return k;
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String k = firstNull(n.get(i), at + "[" + i + "]");
                if (k != null) {
                    return k;
                }
            }
        }
        return null;
    }

    private static String currentKey(com.fasterxml.jackson.core.exc.StreamReadException e) {
        try {
            String k = e.getProcessor() == null ? null : e.getProcessor()
                    .currentName();
            return k == null ? "(file)" : Messages.clip(k);
        } catch (IOException | RuntimeException ignored) {
            return "(file)";
        }
    }

    private static String line(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr();
    }
}
