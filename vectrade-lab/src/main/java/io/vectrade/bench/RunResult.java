package io.vectrade.bench;

import java.util.List;

/**
 * Everything one {@code vectrade bench} run measured: the tree run → measurement → sample, plus
 * curves, target verdicts and the machine. Serialised as {@code <name>_raw.json} (schema
 * {@value #SCHEMA_VERSION}; a format change bumps it and updates the golden file). Immutable.
 *
 * @param schemaVersion format version of the JSON
 * @param name          run name (file prefix)
 * @param types         benchmark types that ran, in order
 * @param config        the effective config
 * @param machine       where it ran
 * @param durationSeconds wall time of the run
 * @param sink          checksum folded from every measured output (proves the work was done)
 * @param measurements  every measured cell
 * @param series        curves for plots
 * @param verdicts      the targets table
 * @param notes         what the run could not do, and what its numbers cover
 */
public record RunResult(int schemaVersion, String name, List<String> types, BenchConfig config,
                        MachineInfo machine, double durationSeconds, String sink, List<Measurement> measurements,
                        List<Series> series, List<Verdict> verdicts, List<String> notes) {

    /** Version of the JSON format written by this code. */
    public static final int SCHEMA_VERSION = 4;

    /** How a {@code bench --quick} run's note begins; {@code compare} and the verdict look for it. */
    public static final String QUICK_NOTE = "quick run (--quick)";

    public RunResult {
        types = List.copyOf(types);
        measurements = List.copyOf(measurements);
        series = List.copyOf(series);
        verdicts = List.copyOf(verdicts);
        notes = List.copyOf(notes);
    }

    /** True when no target failed (NOT_MEASURED does not count). */
    public boolean targetsMet() {
        return verdicts.stream().noneMatch(v -> v.status() == Verdict.Status.FAIL);
    }

    /** True when this was a {@code bench --quick} smoke run (its notes say so). */
    public boolean quick() {
        return notes.stream().anyMatch(n -> n.startsWith(QUICK_NOTE));
    }
}
