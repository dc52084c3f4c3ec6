package io.vectrade.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Performance targets (docs/design.md, "Targets"), by name. Immutable.
 *
 * @param latencyNanos       {@code feature_calculation}, {@code model_inference},
 *                           {@code signal_generation}, {@code total_pipeline}, {@code backtest}: median time per call
 * @param memoryBytes        {@code peak}, {@code steady_state}, {@code feature}, {@code model}
 * @param throughputPerSecond {@code samples}, {@code features}, {@code signals}
 */
public record Targets(Map<String, Long> latencyNanos, Map<String, Long> memoryBytes,
                      Map<String, Double> throughputPerSecond) {

    public static final List<String> LATENCY = List.of("feature_calculation", "model_inference",
            "signal_generation", "total_pipeline", "backtest");
    public static final List<String> MEMORY = List.of("peak", "steady_state", "feature", "model");
    public static final List<String> THROUGHPUT = List.of("samples", "features", "signals");

    /** Latency targets added after the first results format, with their defaults: older files lack them. */
    private static final Map<String, Long> LATENCY_ADDED_LATER = Map.of("backtest", 10_000_000L);

    public Targets {
        if (!latencyNanos.keySet().containsAll(LATENCY_ADDED_LATER.keySet())) {
            Map<String, Long> lat = new LinkedHashMap<>(LATENCY_ADDED_LATER);
            lat.putAll(latencyNanos);
            latencyNanos = lat;
        }
        latencyNanos = Map.copyOf(latencyNanos);
        memoryBytes = Map.copyOf(memoryBytes);
        throughputPerSecond = Map.copyOf(throughputPerSecond);
        check("targets.latency", LATENCY, latencyNanos.keySet());
        check("targets.memory", MEMORY, memoryBytes.keySet());
        check("targets.throughput", THROUGHPUT, throughputPerSecond.keySet());
    }

    private static void check(String section, List<String> names, java.util.Set<String> keys) {
        if (!keys.containsAll(names) || !names.containsAll(keys)) {
            throw new IllegalArgumentException(section + " must name exactly " + names + ", keys=" + keys);
        }
    }

    /** The original plan's targets. */
    public static Targets defaults() {
        Map<String, Long> lat = new LinkedHashMap<>();
        lat.put("feature_calculation", 5_000_000L);
        lat.put("model_inference", 10_000_000L);
        lat.put("signal_generation", 2_000_000L);
        lat.put("total_pipeline", 20_000_000L);
        lat.put("backtest", 10_000_000L);
        Map<String, Long> mem = new LinkedHashMap<>();
        mem.put("peak", 4L << 30);
        mem.put("steady_state", 2L << 30);
        mem.put("feature", 512L << 20);
        mem.put("model", 1L << 30);
        Map<String, Double> thr = new LinkedHashMap<>();
        thr.put("samples", 10_000.0);
        thr.put("features", 1_000_000.0);
        thr.put("signals", 5_000.0);
        return new Targets(lat, mem, thr);
    }

    public long latency(String name) {
        return get(latencyNanos, "latency", name);
    }

    public long memory(String name) {
        return get(memoryBytes, "memory", name);
    }

    public double throughput(String name) {
        return get(throughputPerSecond, "throughput", name);
    }

    private static <T> T get(Map<String, T> m, String section, String name) {
        T v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no such target, name=" + section + "." + name);
        }
        return v;
    }

    /** A copy with {@code section.name} replaced. */
    Targets with(String section, String name, Number value) {
        Map<String, Long> lat = new LinkedHashMap<>(latencyNanos);
        Map<String, Long> mem = new LinkedHashMap<>(memoryBytes);
        Map<String, Double> thr = new LinkedHashMap<>(throughputPerSecond);
        switch (section) {
            case "latency" -> lat.put(name, value.longValue());
            case "memory" -> mem.put(name, value.longValue());
            case "throughput" -> thr.put(name, value.doubleValue());
            default -> throw new IllegalArgumentException("no such target section, section=" + section);
        }
        return new Targets(lat, mem, thr);
    }
}
