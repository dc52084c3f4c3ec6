package io.vectrade.bench;

/** The registry of benchmark types. */
public final class Benchmarks {
    private Benchmarks() {
    }

    /** The benchmark implementing {@code type}. */
    public static Benchmark create(BenchType type) {
        return switch (type) {
            case FEATURES -> new FeaturesBenchmark();
            case MEMORY -> new MemoryBenchmark();
            case THROUGHPUT -> new ThroughputBenchmark();
            case PIPELINE -> new PipelineBenchmark();
            case SPARK -> new SparkBenchmark();
        };
    }
}
