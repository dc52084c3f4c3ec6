package io.vectrade.bench;

import io.vectrade.feature.FeatureSet;
import io.vectrade.model.Model;
import io.vectrade.model.Models;

import java.io.IOException;

/**
 * The model the pipeline, memory and throughput benchmarks run: {@code default} (the logistic
 * model shipped in the jar, 4 features), {@code benchmark-mlp} (the seeded benchmark MLP
 * F → 64 → 64 → 1 over the whole standard feature set, F = 22 columns) or a model directory.
 *
 * @param name  as given on the command line
 * @param model the loaded model
 */
public record BenchModel(String name, Model model) {
    /** The benchmark MLP's name on the command line. */
    public static final String BENCHMARK_MLP = "benchmark-mlp";
    /** The signal policy of the benchmarks unless {@code --policy} says otherwise. */
    public static final String DEFAULT_POLICY = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";

    /** Loads {@code default}, {@code benchmark-mlp} or a model directory. */
    public static BenchModel load(String name) throws IOException {
        if (BENCHMARK_MLP.equals(name.strip())) {
            return new BenchModel(BENCHMARK_MLP, Models.benchmarkMlp(FeatureSet.standard().columnNames(), 42));
        }
        return new BenchModel(name.strip(), Models.load(name));
    }

    /** A short description for notes, e.g. {@code default (logistic, 4 inputs)}. */
    public String describe() {
        return name + " (" + model.typeId() + ", " + model.inputs() + " inputs)";
    }
}
