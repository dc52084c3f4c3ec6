package io.vectrade.bench;

import java.util.Locale;

/** The benchmark types of {@code vectrade bench --type}. */
public enum BenchType {
    /** Each standard feature × workload × backend: time per call, ns per bar, allocation, memory. */
    FEATURES,
    /** Heap over time, peak, steady state and the feature stage's retained memory. */
    MEMORY,
    /** Feature values per second against the batch size. */
    THROUGHPUT,
    /** Latency of each pipeline stage on the panel workload. */
    PIPELINE,
    /**
     * The Spark job (vectrade-spark, local[2], in a JVM of its own) against the single-JVM pipeline on the
     * panel workload: only when named ({@link #DEFAULTS} leaves it out).
     */
    SPARK;

    /** What {@code vectrade bench} runs without {@code --type}: every type but spark (minutes, and Spark's jars). */
    public static final java.util.List<BenchType> DEFAULTS = java.util.List.of(FEATURES, MEMORY, THROUGHPUT, PIPELINE);

    /** Lower-case id used on the command line and in results. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code features|memory|throughput|pipeline|spark}. */
    public static BenchType parse(String s) {
        for (BenchType t : values()) {
            if (t.id().equals(s.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new ConfigException("--type", "unknown benchmark type, type=" + s + "; valid: features, memory, throughput, pipeline, spark");
    }
}
