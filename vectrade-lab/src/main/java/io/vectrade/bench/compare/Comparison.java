package io.vectrade.bench.compare;

import io.vectrade.bench.BenchConfig;
import io.vectrade.bench.Measurement;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.stats.Bootstrap;
import io.vectrade.bench.stats.RankTest;
import io.vectrade.bench.stats.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two runs metric by metric (matched on {@link Measurement#key()}): both medians, the
 * change {@code current/baseline - 1}, its bootstrap confidence interval and a verdict.
 *
 * <p>The rule (docs/benchmarking.md, "vectrade compare"). A metric is judged only when both sides
 * have at least {@link Settings#minSamples()} samples; single-sample metrics (memory peaks) and
 * metrics with fewer samples are reported with their change and verdict {@code not_judged}. A
 * judged metric <em>regressed</em> when both hold:
 * <ol>
 *   <li>its whole confidence interval lies beyond the noise threshold on the worse side (time or
 *       bytes: lower bound &gt; +threshold; rate: upper bound &lt; &minus;threshold), and</li>
 *   <li>a one-sided Mann&ndash;Whitney test that the current samples are worse than the baseline's
 *       samples moved by the threshold rejects at {@code alpha} after Holm's correction over all
 *       judged metrics (family-wise error rate &le; alpha for the whole comparison).</li>
 * </ol>
 * <em>Improved</em> symmetrically; otherwise <em>unchanged</em>. A time metric whose cells carry
 * CPU-time samples on both sides (schema 3) gets a second row, {@code <key> (CPU time)}, judged
 * the same way on the process's CPU time per call against {@link Settings#cpuThreshold()}:
 * descheduling by other processes stretches wall time but not CPU time, so that row can use a
 * tighter threshold on a shared machine (docs/benchmarking.md, "Calibration"). Metrics on one side only, failed
 * cells, different machines or configs and quick runs are reported, never thrown. Immutable.
 *
 * @param rows     one per metric: baseline's order, then metrics new in current
 * @param warnings differences that make the comparison less meaningful (quick runs, machine, config, schema)
 * @param settings the rule's parameters
 * @param quick    true when either run was a quick smoke run ({@code bench --quick})
 */
public record Comparison(List<Row> rows, List<String> warnings, Settings settings, boolean quick) {

    public Comparison {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }

    /**
     * The rule's parameters.
     *
     * @param threshold  noise threshold as a fraction (0.1 = 10%), in [0, 10)
     * @param level      confidence level of the intervals, in (0, 1)
     * @param alpha      family-wise error rate of the Holm-corrected tests, in (0, 1)
     * @param minSamples fewest samples per side for a metric to be judged (&ge; 2)
     * @param resamples  bootstrap resamples (&ge; 100)
     * @param seed       bootstrap seed
     * @param cpuThreshold noise threshold of the CPU-time rows (a fraction, in [0, 10))
     */
    public record Settings(double threshold, double level, double alpha, int minSamples, int resamples, long seed,
                           double cpuThreshold) {
        /** Default noise threshold of wall times and rates: see docs/benchmarking.md for the calibration behind it. */
        public static final double DEFAULT_THRESHOLD = 1.5;
        /** Default noise threshold of CPU times: see docs/benchmarking.md for the calibration behind it. */
        public static final double DEFAULT_CPU_THRESHOLD = 0.5;
        /** Default fewest samples per side to judge a metric. */
        public static final int DEFAULT_MIN_SAMPLES = 5;

        public Settings {
            if (!(threshold >= 0) || threshold >= 10 || !(cpuThreshold >= 0) || cpuThreshold >= 10) {
                throw new IllegalArgumentException("thresholds must be in [0, 1000%), threshold=" + threshold
                        + " cpuThreshold=" + cpuThreshold);
            }
            if (!(level > 0 && level < 1) || !(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("level and alpha must be in (0, 1), level=" + level + " alpha=" + alpha);
            }
            if (minSamples < 2 || resamples < 100) {
                throw new IllegalArgumentException("minSamples must be >= 2 and resamples >= 100, minSamples="
                        + minSamples + " resamples=" + resamples);
            }
        }

        /** The defaults with this (wall-time) threshold. */
        public static Settings of(double threshold) {
            return new Settings(threshold, 0.95, 0.05, DEFAULT_MIN_SAMPLES, Bootstrap.DEFAULT_RESAMPLES,
                    Bootstrap.DEFAULT_SEED, DEFAULT_CPU_THRESHOLD);
        }

        /** The defaults with these thresholds of wall times (and rates) and of CPU times. */
        public static Settings of(double threshold, double cpuThreshold) {
            return new Settings(threshold, 0.95, 0.05, DEFAULT_MIN_SAMPLES, Bootstrap.DEFAULT_RESAMPLES,
                    Bootstrap.DEFAULT_SEED, cpuThreshold);
        }

        /** The threshold that applies to {@code row}: the CPU one for a CPU-time row. */
        public double thresholdOf(Row row) {
            return row.cpuTime() ? cpuThreshold : threshold;
        }

        private Settings withThreshold(double t) {
            return new Settings(t, level, alpha, minSamples, resamples, seed, cpuThreshold);
        }
    }

    /** Verdict of one metric. */
    public enum Verdict {
        IMPROVED, REGRESSED, UNCHANGED,
        /** Compared but not judged: a single sample or too few samples (the note says which). */
        NOT_JUDGED,
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
     * @param key       the measurement key
     * @param unit      unit of the values
     * @param higherIsBetter true for rates
     * @param baseline  baseline median, NaN when absent
     * @param current   current median, NaN when absent
     * @param nBaseline baseline samples
     * @param nCurrent  current samples
     * @param change    {@code current/baseline - 1}, NaN when not comparable
     * @param lower     lower bound of the change's interval, NaN when not computed
     * @param upper     upper bound of the change's interval, NaN when not computed
     * @param pWorse    Holm-adjusted p-value of "worse by more than the threshold", NaN when not judged
     * @param verdict   the verdict
     * @param note      why not judged or not comparable, or empty
     */
    public record Row(String key, String unit, boolean higherIsBetter, double baseline, double current,
                      int nBaseline, int nCurrent, double change, double lower, double upper, double pWorse,
                      Verdict verdict, String note) {

        /** True for the CPU-time row of a time metric (its key ends with {@value #CPU_TIME}). */
        public boolean cpuTime() {
            return key.endsWith(CPU_TIME);
        }
    }

    /** Suffix of the key of a CPU-time row: {@code pipeline/panel-daily/cpu/model_inference (CPU time)}. */
    public static final String CPU_TIME = " (CPU time)";

    /** Compares with the default settings and {@code threshold} (kept for callers of the first version). */
    public static Comparison of(RunResult baseline, RunResult current, double threshold, int resamples, long seed) {
        Settings d = Settings.of(threshold);
        return of(baseline, current, new Settings(threshold, d.level(), d.alpha(), d.minSamples(), resamples, seed,
                d.cpuThreshold()));
    }

    /** Compares {@code current} with {@code baseline}. */
    public static Comparison of(RunResult baseline, RunResult current, Settings s) {
        List<String> warnings = new ArrayList<>();
        boolean quick = isQuick(baseline) || isQuick(current);
        if (quick) {
            warnings.add("quick runs (" + (isQuick(baseline) ? "baseline" : "") + (isQuick(baseline) && isQuick(current)
                    ? " and " : "") + (isQuick(current) ? "current" : "")
                    + " ran with --quick): a smoke run, not a measurement; a regression here does not fail"
                    + " unless --fail-on-quick is given");
        }
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
        List<double[]> tests = new ArrayList<>(); // per row: {pWorse, pBetter} or null when not judged
        for (Measurement b : baseline.measurements()) {
            Measurement c = cur.remove(b.key());
            if (c == null) {
                rows.add(oneSided(b, Verdict.ONLY_BASELINE));
                tests.add(null);
            } else {
                rows.add(row(b, c, s));
                tests.add(rows.getLast().verdict() == Verdict.UNCHANGED ? pValues(b, c, s.threshold()) : null);
                if (b.ok() && c.ok() && b.hasCpuSamples() && c.hasCpuSamples() && b.unit().equals("ns")
                        && c.unit().equals("ns") && !b.higherIsBetter() && !c.higherIsBetter()) {
                    Measurement bc = cpuView(b);
                    Measurement cc = cpuView(c);
                    rows.add(row(bc, cc, s.withThreshold(s.cpuThreshold())));
                    tests.add(rows.getLast().verdict() == Verdict.UNCHANGED ? pValues(bc, cc, s.cpuThreshold()) : null);
                }
            }
        }
        cur.values().forEach(c -> {
            rows.add(oneSided(c, Verdict.ONLY_CURRENT));
            tests.add(null);
        });
        return new Comparison(judge(rows, tests, s), warnings, s, quick);
    }

    /** The CPU-time samples of a time cell as a cell of their own, keyed {@code <key> (CPU time)}. */
    static Measurement cpuView(Measurement m) {
        return Measurement.of(m.type(), m.workload(), m.backend(), m.subject() + CPU_TIME, m.unit(), false,
                m.callsPerSample(), m.cpuSamples(), Map.of());
    }

    /** True when {@code r} was a {@code bench --quick} run (its notes say so). */
    public static boolean isQuick(RunResult r) {
        return r.quick();
    }

    /** Holm over the judged rows, then the verdict of each. */
    private static List<Row> judge(List<Row> rows, List<double[]> tests, Settings s) {
        List<Integer> judged = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (tests.get(i) != null) {
                judged.add(i);
            }
        }
        double[] worse = new double[judged.size()];
        double[] better = new double[judged.size()];
        for (int k = 0; k < judged.size(); k++) {
            worse[k] = tests.get(judged.get(k))[0];
            better[k] = tests.get(judged.get(k))[1];
        }
        double[] worseAdj = RankTest.holm(worse);
        double[] betterAdj = RankTest.holm(better);
        List<Row> out = new ArrayList<>(rows);
        for (int k = 0; k < judged.size(); k++) {
            Row r = rows.get(judged.get(k));
            Verdict v = verdict(r, worseAdj[k], betterAdj[k], s);
            out.set(judged.get(k), new Row(r.key(), r.unit(), r.higherIsBetter(), r.baseline(), r.current(),
                    r.nBaseline(), r.nCurrent(), r.change(), r.lower(), r.upper(), worseAdj[k], v, r.note()));
        }
        return out;
    }

    /** The verdict rule (see the class comment) for a row with its interval and Holm-adjusted p-values. */
    static Verdict verdict(Row r, double pWorseAdj, double pBetterAdj, Settings s) {
        double th = s.thresholdOf(r);
        boolean ciWorse = r.higherIsBetter() ? r.upper() < -th : r.lower() > th;
        boolean ciBetter = r.higherIsBetter() ? r.lower() > th : r.upper() < -th;
        if (ciWorse && pWorseAdj < s.alpha()) {
            return Verdict.REGRESSED;
        }
        if (ciBetter && pBetterAdj < s.alpha()) {
            return Verdict.IMPROVED;
        }
        return Verdict.UNCHANGED;
    }

    /**
     * One-sided p-values {worse, better}: a time (or size) is worse when the current samples exceed
     * the baseline's scaled by {@code 1 + threshold}; a rate when they fall below the baseline's
     * scaled by {@code 1 - threshold}.
     */
    static double[] pValues(Measurement b, Measurement c, double threshold) {
        double[] bs = b.samples();
        double[] cs = c.samples();
        double[] up = scale(bs, 1 + threshold);
        double[] down = scale(bs, 1 - threshold);
        double pUp = RankTest.greaterPValue(cs, up);
        double pDown = RankTest.greaterPValue(down, cs);
        return b.higherIsBetter() ? new double[] {pDown, pUp} : new double[] {pUp, pDown};
    }

    private static double[] scale(double[] x, double f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * f;
        }
        return y;
    }

    /** The config fields that differ, {@code name baseline -> current}, comma-separated. */
    static String configDiff(BenchConfig a, BenchConfig b) {
        List<String> d = new ArrayList<>();
        if (a == null || b == null) {
            return "a config is missing";
        }
        for (var c : BenchConfig.class.getRecordComponents()) {
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
        double med = m.ok() ? m.median() : Double.NaN;
        int n = m.samples().length;
        return new Row(m.key(), m.unit(), m.higherIsBetter(), v == Verdict.ONLY_BASELINE ? med : Double.NaN,
                v == Verdict.ONLY_CURRENT ? med : Double.NaN, v == Verdict.ONLY_BASELINE ? n : 0,
                v == Verdict.ONLY_CURRENT ? n : 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, v,
                m.ok() ? "" : "cell failed: " + m.error());
    }

    /** The row before judging: UNCHANGED when it is to be judged, else its final verdict. */
    static Row row(Measurement b, Measurement c, Settings s) {
        double bMed = b.ok() ? Summary.exactMedian(b.samples()) : Double.NaN;
        double cMed = c.ok() ? Summary.exactMedian(c.samples()) : Double.NaN;
        int nb = b.samples().length;
        int nc = c.samples().length;
        String why = !b.ok() ? "baseline cell failed: " + b.error()
                : !c.ok() ? "current cell failed: " + c.error()
                : !b.unit().equals(c.unit()) || b.higherIsBetter() != c.higherIsBetter()
                ? "units differ: " + b.unit() + " vs " + c.unit()
                : !(bMed > 0) ? "baseline median is not positive" : null;
        if (why != null) {
            return new Row(b.key(), b.unit(), b.higherIsBetter(), bMed, cMed, nb, nc, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Verdict.NOT_COMPARABLE, why);
        }
        double change = cMed / bMed - 1;
        if (nb < 2 || nc < 2) {
            return new Row(b.key(), b.unit(), b.higherIsBetter(), bMed, cMed, nb, nc, change, Double.NaN, Double.NaN,
                    Double.NaN, Verdict.NOT_JUDGED, "single sample: reported, not judged");
        }
        Bootstrap.Interval ci = Bootstrap.medianChange(b.samples(), c.samples(), s.level(), s.resamples(),
                s.seed() ^ b.key().hashCode());
        if (nb < s.minSamples() || nc < s.minSamples()) {
            return new Row(b.key(), b.unit(), b.higherIsBetter(), bMed, cMed, nb, nc, change, ci.lower(), ci.upper(),
                    Double.NaN, Verdict.NOT_JUDGED, "too few samples (" + nb + " and " + nc + "; judged from "
                    + s.minSamples() + "): reported, not judged");
        }
        return new Row(b.key(), b.unit(), b.higherIsBetter(), bMed, cMed, nb, nc, change, ci.lower(), ci.upper(),
                Double.NaN, Verdict.UNCHANGED, "");
    }

    /** True when any metric regressed. */
    public boolean regressed() {
        return rows.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSED);
    }

    /**
     * True when this comparison should fail a CI job: a metric regressed, and the runs were not quick
     * smoke runs unless {@code failOnQuick}.
     */
    public boolean failsCi(boolean failOnQuick) {
        return regressed() && (!quick || failOnQuick);
    }

    /** Number of rows with verdict {@code v}. */
    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    /** Number of not-judged rows with a single sample. */
    public long singleSample() {
        return rows.stream().filter(r -> r.verdict() == Verdict.NOT_JUDGED && r.note().startsWith("single")).count();
    }

    /** The threshold (kept for the first version's callers). */
    public double threshold() {
        return settings.threshold();
    }

    /** The confidence level. */
    public double level() {
        return settings.level();
    }
}
