package io.vectrade.bench.compare;

import io.vectrade.bench.Measurement;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.stats.Bootstrap;
import io.vectrade.bench.stats.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two runs metric by metric (matched on {@link Measurement#key()}): both medians, the
 * change {@code current/baseline - 1}, its bootstrap confidence interval (resampling each side's
 * samples) and a verdict. A metric <em>regressed</em> when it got worse by more than the
 * threshold and the interval excludes zero; <em>improved</em> symmetrically; otherwise
 * <em>unchanged</em>. Metrics on one side only, failed cells and different machines or configs are
 * reported, never thrown. Immutable.
 *
 * @param rows     one per metric: baseline's order, then metrics new in current
 * @param warnings differences that make the comparison less meaningful (machine, config, schema)
 * @param threshold noise threshold as a fraction
 * @param level    confidence level of the intervals
 */
public record Comparison(List<Row> rows, List<String> warnings, double threshold, double level) {

    public Comparison {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }

    /** Verdict of one metric. */
    public enum Verdict {
        IMPROVED, REGRESSED, UNCHANGED,
        /** Present only in the baseline. */
        ONLY_BASELINE,
        /** Present only in the current run. */
        ONLY_CURRENT,
        /** Present on both sides but not comparable (a failed cell, different units). */
        NOT_COMPARABLE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One metric.
     *
     * @param key      the measurement key
     * @param unit     unit of the values
     * @param higherIsBetter true for rates
     * @param baseline baseline median, NaN when absent
     * @param current  current median, NaN when absent
     * @param change   {@code current/baseline - 1}, NaN when not comparable
     * @param lower    lower bound of the change's interval
     * @param upper    upper bound of the change's interval
     * @param verdict  the verdict
     * @param note     why not comparable, or empty
     */
    public record Row(String key, String unit, boolean higherIsBetter, double baseline, double current, double change,
                      double lower, double upper, Verdict verdict, String note) {
    }

    /**
     * Compares {@code current} with {@code baseline}.
     *
     * @param threshold noise threshold as a fraction (0.02 = 2%), &ge; 0
     * @param resamples bootstrap resamples (&ge; 100)
     * @param seed      bootstrap seed
     */
    public static Comparison of(RunResult baseline, RunResult current, double threshold, int resamples, long seed) {
        if (!(threshold >= 0) || threshold >= 10) {
            throw new IllegalArgumentException("threshold must be in [0, 1000%), threshold=" + threshold);
        }
        double level = 0.95;
        List<String> warnings = new ArrayList<>();
        if (!baseline.machine().sameHardware(current.machine())) {
            warnings.add("different machines: baseline " + describe(baseline) + "; current " + describe(current));
        }
        if (!Objects.equals(baseline.config(), current.config())) {
            warnings.add("different configs: " + configDiff(baseline.config(), current.config()));
        }
        if (baseline.schemaVersion() != current.schemaVersion()) {
            warnings.add("different schema versions: baseline " + baseline.schemaVersion() + ", current "
                    + current.schemaVersion());
        }
        Map<String, Measurement> cur = new LinkedHashMap<>();
        current.measurements().forEach(m -> cur.put(m.key(), m));
        List<Row> rows = new ArrayList<>();
        for (Measurement b : baseline.measurements()) {
            Measurement c = cur.remove(b.key());
            rows.add(c == null ? oneSided(b, Verdict.ONLY_BASELINE) : row(b, c, threshold, level, resamples, seed));
        }
        cur.values().forEach(c -> rows.add(oneSided(c, Verdict.ONLY_CURRENT)));
        return new Comparison(rows, warnings, threshold, level);
    }

    /** The config fields that differ, {@code name baseline -> current}, comma-separated. */
    static String configDiff(io.vectrade.bench.BenchConfig a, io.vectrade.bench.BenchConfig b) {
        List<String> d = new ArrayList<>();
        if (a == null || b == null) {
            return "a config is missing";
        }
        for (var c : io.vectrade.bench.BenchConfig.class.getRecordComponents()) {
            try {
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                if (!Objects.equals(x, y)) {
                    d.add(c.getName() + " " + x + " -> " + y);
                }
            } catch (ReflectiveOperationException e) {
                d.add(c.getName() + " (unreadable)");
            }
        }
        return String.join(", ", d);
    }

    private static String describe(RunResult r) {
        var m = r.machine();
        return m.cpuModel() + ", " + m.cores() + " cores, GPU " + (m.gpu() == null ? "none" : m.gpu().name())
                + ", JVM " + m.jvmVersion();
    }

    private static Row oneSided(Measurement m, Verdict v) {
        double med = m.ok() ? m.summary().median() : Double.NaN;
        return new Row(m.key(), m.unit(), m.higherIsBetter(), v == Verdict.ONLY_BASELINE ? med : Double.NaN,
                v == Verdict.ONLY_CURRENT ? med : Double.NaN, Double.NaN, Double.NaN, Double.NaN, v,
                m.ok() ? "" : "cell failed: " + m.error());
    }

    static Row row(Measurement b, Measurement c, double threshold, double level, int resamples, long seed) {
        double bMed = b.ok() ? Summary.exactMedian(b.samples()) : Double.NaN;
        double cMed = c.ok() ? Summary.exactMedian(c.samples()) : Double.NaN;
        String why = !b.ok() ? "baseline cell failed: " + b.error()
                : !c.ok() ? "current cell failed: " + c.error()
                : !b.unit().equals(c.unit()) || b.higherIsBetter() != c.higherIsBetter()
                ? "units differ: " + b.unit() + " vs " + c.unit()
                : !(bMed > 0) ? "baseline median is not positive" : null;
        if (why != null) {
            return new Row(b.key(), b.unit(), b.higherIsBetter(), bMed, cMed, Double.NaN, Double.NaN, Double.NaN,
                    Verdict.NOT_COMPARABLE, why);
        }
        Bootstrap.Interval ci = Bootstrap.medianChange(b.samples(), c.samples(), level, resamples,
                seed ^ b.key().hashCode());
        return new Row(b.key(), b.unit(), b.higherIsBetter(), bMed, cMed, ci.change(), ci.lower(), ci.upper(),
                verdict(ci, b.higherIsBetter(), threshold), "");
    }

    /** The verdict rule (see the class comment). */
    static Verdict verdict(Bootstrap.Interval ci, boolean higherIsBetter, double threshold) {
        double worse = higherIsBetter ? -ci.change() : ci.change();
        boolean up = ci.lower() > 0;
        boolean down = ci.upper() < 0;
        boolean worseSure = higherIsBetter ? down : up;
        boolean betterSure = higherIsBetter ? up : down;
        if (worse > threshold && worseSure) {
            return Verdict.REGRESSED;
        }
        if (-worse > threshold && betterSure) {
            return Verdict.IMPROVED;
        }
        return Verdict.UNCHANGED;
    }

    /** True when any metric regressed. */
    public boolean regressed() {
        return rows.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSED);
    }

    /** Number of rows with verdict {@code v}. */
    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }
}
