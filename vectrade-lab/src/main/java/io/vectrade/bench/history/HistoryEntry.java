package io.vectrade.bench.history;

import io.vectrade.bench.Measurement;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.stats.Bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run in the history: one line of {@code history.jsonl}. Immutable.
 *
 * @param schema     format version of the line ({@value #SCHEMA})
 * @param commit     the build's full commit id, or null when unknown
 * @param dirty      true when the build had uncommitted changes, null when unknown
 * @param machine    the machine: CPU model, cores, GPU and JVM (runs on one machine compare)
 * @param time       when the run started, ISO-8601 UTC
 * @param run        the run's name
 * @param quick      true for a {@code --quick} smoke run
 * @param metrics    every measured cell by key, in the run's order
 */
public record HistoryEntry(int schema, String commit, Boolean dirty, String machine, String time, String run,
                           boolean quick, Map<String, Point> metrics) {

    /** Version of the line format. */
    public static final int SCHEMA = 1;

    public HistoryEntry {
        if (metrics == null || machine == null) {
            throw new IllegalArgumentException("a history entry needs machine and metrics");
        }
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * One metric of one run.
     *
     * @param unit           unit of the values ({@code ns}, {@code bytes}, {@code per_s})
     * @param higherIsBetter true for rates
     * @param n              samples
     * @param median         median of the samples
     * @param lower          lower bound of the 95% bootstrap interval of the median
     * @param upper          upper bound of that interval
     */
    public record Point(String unit, boolean higherIsBetter, int n, double median, double lower, double upper) {
    }

    /** The entry of a run (failed cells left out). */
    public static HistoryEntry of(RunResult r) {
        Map<String, Point> ms = new LinkedHashMap<>();
        for (Measurement m : r.measurements()) {
            if (!m.ok()) {
                continue;
            }
            double[] ci = Bootstrap.medianInterval(m.samples(), 0.95, 1000, Bootstrap.DEFAULT_SEED ^ m.key().hashCode());
            ms.put(m.key(), new Point(m.unit(), m.higherIsBetter(), m.samples().length, m.median(), ci[0], ci[1]));
        }
        var mi = r.machine();
        String machine = mi.cpuModel() + ", " + mi.cores() + " cores, GPU "
                + (mi.gpu() == null ? "none" : mi.gpu().name()) + ", JVM " + mi.jvmVersion();
        return new HistoryEntry(SCHEMA, mi.gitCommit(), mi.gitDirty(), machine, mi.time(), r.name(), r.quick(), ms);
    }

    /** {@code 0123456789ab}, with {@code *} when dirty, or {@code unknown}. */
    public String shortCommit() {
        String s = commit == null ? "unknown" : commit.length() > 12 ? commit.substring(0, 12) : commit;
        return Boolean.TRUE.equals(dirty) ? s + "*" : s;
    }
}
