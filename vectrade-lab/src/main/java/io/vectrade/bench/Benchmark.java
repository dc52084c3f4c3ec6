package io.vectrade.bench;

import java.util.List;

/**
 * One benchmark type. Implementations measure through {@link BenchContext} (engines, workloads,
 * the harness, progress, the sink) and return their cells, curves and verdicts; a cell that fails
 * is recorded as {@link Measurement#failed failed} and the run goes on.
 *
 * <p>To add a type (or a stage to {@code pipeline}), implement this and register it in
 * {@link Benchmarks#create}.
 */
public interface Benchmark {

    /** The type this benchmark implements. */
    BenchType type();

    /** Progress steps {@link #run} will report for {@code config} (for the progress bar). */
    int steps(BenchConfig config);

    /** Runs the benchmark. Never throws for a failing cell; throws only for a broken environment. */
    Outcome run(BenchContext ctx);

    /**
     * What a benchmark type produced.
     *
     * @param measurements measured (or failed) cells
     * @param series       curves for plots
     * @param verdicts     target verdicts
     * @param notes        what the numbers cover, and what was not measured
     */
    record Outcome(List<Measurement> measurements, List<Series> series, List<Verdict> verdicts, List<String> notes) {
        public Outcome {
            measurements = List.copyOf(measurements);
            series = List.copyOf(series);
            verdicts = List.copyOf(verdicts);
            notes = List.copyOf(notes);
        }
    }
}
