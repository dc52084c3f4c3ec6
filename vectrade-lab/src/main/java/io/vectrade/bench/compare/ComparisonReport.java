package io.vectrade.bench.compare;

import io.vectrade.bench.Units;
import io.vectrade.bench.report.Markdown;
import io.vectrade.bench.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The terminal verdict, the Markdown report and the forest plot of a {@link Comparison}. Thread-safe (no state). */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    /**
     * The verdict in one line: REGRESSED / NO REGRESSION, the counts, the rule, and every caveat that
     * weakens it (quick runs, different machines or configs, metrics not judged).
     */
    public static String summaryLine(Comparison c) {
        StringBuilder b = new StringBuilder();
        if (c.quick()) {
            b.append("SMOKE RUN, NOT A MEASUREMENT: ");
        }
        b.append(c.regressed() ? "REGRESSED" : "NO REGRESSION");
        if (c.quick() && c.regressed()) {
            b.append(" (not failing: quick runs; --fail-on-quick to fail)");
        }
        long oneSided = c.count(Comparison.Verdict.ONLY_BASELINE) + c.count(Comparison.Verdict.ONLY_CURRENT);
        long notJudged = c.count(Comparison.Verdict.NOT_JUDGED);
        b.append(" (").append(c.count(Comparison.Verdict.REGRESSED)).append(" regressed, ")
                .append(c.count(Comparison.Verdict.IMPROVED)).append(" improved, ")
                .append(c.count(Comparison.Verdict.UNCHANGED)).append(" unchanged");
        if (notJudged > 0) {
            long single = c.singleSample();
            b.append(", ").append(notJudged).append(" not judged (");
            if (single > 0) {
                b.append(single).append(" single-sample");
            }
            if (notJudged - single > 0) {
                b.append(single > 0 ? ", " : "").append(notJudged - single).append(" with too few samples");
            }
            b.append(")");
        }
        if (oneSided > 0) {
            b.append(", ").append(oneSided).append(" on one side only");
        }
        if (c.count(Comparison.Verdict.NOT_COMPARABLE) > 0) {
            b.append(", ").append(c.count(Comparison.Verdict.NOT_COMPARABLE)).append(" not comparable");
        }
        b.append("; ").append(rule(c)).append(")");
        for (String w : c.warnings()) {
            if (w.startsWith("different machines")) {
                b.append("; DIFFERENT MACHINES");
            } else if (w.startsWith("different configs")) {
                b.append("; DIFFERENT CONFIGS");
            }
        }
        return b.toString();
    }

    private static String rule(Comparison c) {
        return "regressed = whole " + Math.round(c.level() * 100) + "% CI of the median ratio beyond "
                + pctAbs(c.threshold()) + " (CPU-time rows: " + pctAbs(c.settings().cpuThreshold())
                + ") and Holm-corrected rank test p < " + c.settings().alpha();
    }

    /** The Markdown text; {@code plotFile} is linked when not null. */
    public static String markdown(Comparison c, String baselineFile, String currentFile, String plotFile) {
        List<Report.Block> summary = new ArrayList<>();
        summary.add(new Report.Paragraph(summaryLine(c)));
        summary.add(new Report.Bullets(List.of("baseline: " + baselineFile, "current: " + currentFile)));
        if (!c.warnings().isEmpty()) {
            summary.add(new Report.Paragraph("Warnings:"));
            summary.add(new Report.Bullets(c.warnings()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            rows.add(List.of(r.key(), fmt(r.baseline(), r.unit()), fmt(r.current(), r.unit()),
                    r.nBaseline() + " / " + r.nCurrent(),
                    Double.isNaN(r.change()) ? "-" : pct(r.change()),
                    Double.isNaN(r.lower()) ? "-" : "[" + pct(r.lower()) + ", " + pct(r.upper()) + "]",
                    Double.isNaN(r.pWorse()) ? "-" : String.format(Locale.ROOT, "%.2g", r.pWorse()),
                    r.verdict().id(), r.note()));
        }
        List<Report.Section> s = new ArrayList<>();
        s.add(new Report.Section("Summary", summary));
        s.add(new Report.Section("Metrics", List.of(new Report.Table(List.of("metric", "baseline (median)",
                "current (median)", "samples", "change", Math.round(c.level() * 100) + "% CI",
                "p worse (Holm)", "verdict", "note"), rows))));
        if (plotFile != null) {
            s.add(new Report.Section("Plot", List.of(new Report.Paragraph("![change per metric](" + plotFile + ")"))));
        }
        return new Markdown().render(new Report("vectrade compare", s));
    }

    private static String fmt(double v, String unit) {
        return Double.isNaN(v) ? "-" : Units.format(v, unit);
    }

    static String pct(double f) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * f);
    }

    private static String pctAbs(double f) {
        return String.format(Locale.ROOT, "±%.3g%%", 100 * f);
    }

    /** The forest plot (see {@link ForestPlot}); null when nothing is comparable. */
    public static byte[] plot(Comparison c) {
        return ForestPlot.png(c);
    }
}
