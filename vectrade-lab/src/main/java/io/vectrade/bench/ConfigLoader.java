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
import java.nio.file.NoSuchFileException;
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
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config", "no such file, file=" + file);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read, file=" + file + ": " + e.getMessage());
        }
        try {
            return parse(text, base);
        } catch (ConfigException e) {
            throw new ConfigException(e.key(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2)
                    + " (file=" + file + ")");
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
        } catch (UnrecognizedPropertyException e) {
            String valid = e.getKnownPropertyIds() == null ? "" : "; valid keys: " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(path(e), "unknown key" + line(e.getLocation()) + valid);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JacksonException syntax && !(syntax instanceof JsonMappingException)) {
                throw new ConfigException("(file)", "not valid YAML" + line(syntax.getLocation()) + ": "
                        + firstLine(syntax.getOriginalMessage()));
            }
            throw new ConfigException(path(e), "bad value" + line(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
        } catch (JacksonException e) {
            throw new ConfigException("(file)", "not valid YAML" + line(e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()));
        }
        if (f == null) {
            return base;
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
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }

    private static String line(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr();
    }
}
