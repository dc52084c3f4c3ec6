package io.vectrade.bench.compare;

import io.vectrade.bench.Units;
import io.vectrade.bench.report.Markdown;
import io.vectrade.bench.report.Plots;
import io.vectrade.bench.report.Report;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The Markdown report and PNG plot of a {@link Comparison}. Thread-safe (no state). */
public final class ComparisonReport {
    /** Most metrics drawn in the plot (the largest changes). */
    static final int MAX_PLOTTED = 40;

    private ComparisonReport() {
    }

    /** One line: counts of each verdict. */
    public static String summaryLine(Comparison c) {
        return (c.regressed() ? "REGRESSED" : "NO REGRESSION") + " (" + c.count(Comparison.Verdict.REGRESSED)
                + " regressed, " + c.count(Comparison.Verdict.IMPROVED) + " improved, "
                + c.count(Comparison.Verdict.UNCHANGED) + " unchanged, "
                + (c.count(Comparison.Verdict.ONLY_BASELINE) + c.count(Comparison.Verdict.ONLY_CURRENT))
                + " on one side only, " + c.count(Comparison.Verdict.NOT_COMPARABLE) + " not comparable; threshold "
                + pct(c.threshold()) + ", " + Math.round(c.level() * 100) + "% bootstrap CI of the median ratio)";
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
                    Double.isNaN(r.change()) ? "-" : pct(r.change()),
                    Double.isNaN(r.lower()) ? "-" : "[" + pct(r.lower()) + ", " + pct(r.upper()) + "]",
                    r.verdict().id(), r.note()));
        }
        List<Report.Section> s = new ArrayList<>();
        s.add(new Report.Section("Summary", summary));
        s.add(new Report.Section("Metrics", List.of(new Report.Table(List.of("metric", "baseline (median)",
                "current (median)", "change", Math.round(c.level() * 100) + "% CI", "verdict", "note"), rows))));
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

    /** Change (%) with its interval per metric, the largest changes first; null when nothing is comparable. */
    public static byte[] plot(Comparison c) {
        List<Comparison.Row> rows = new ArrayList<>(c.rows().stream().filter(r -> !Double.isNaN(r.change())).toList());
        if (rows.isEmpty()) {
            return null;
        }
        rows.sort(Comparator.comparingDouble((Comparison.Row r) -> -Math.abs(r.change())));
        rows = rows.subList(0, Math.min(MAX_PLOTTED, rows.size()));
        XYChart chart = new XYChartBuilder().width(1000).height(650)
                .title("Change per metric (current vs baseline), " + Math.round(c.level() * 100) + "% CI")
                .xAxisTitle("metric (see comparison.md, largest changes first)").yAxisTitle("change of median (%)").build();
        Plots.style(chart);
        chart.getStyler().setLegendVisible(false);
        double[] xs = new double[rows.size()];
        double[] ys = new double[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            Comparison.Row r = rows.get(k);
            xs[k] = k + 1;
            ys[k] = 100 * r.change();
            Color col = switch (r.verdict()) {
                case REGRESSED -> new Color(0xcf, 0x22, 0x2e);
                case IMPROVED -> new Color(0x1a, 0x7f, 0x37);
                default -> Color.GRAY;
            };
            XYSeries ci = chart.addSeries("ci" + k, new double[] {k + 1, k + 1},
                    new double[] {100 * r.lower(), 100 * r.upper()});
            ci.setLineColor(col);
            ci.setMarker(SeriesMarkers.NONE);
        }
        XYSeries points = chart.addSeries("change", xs, ys);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(new Color(0x09, 0x69, 0xda));
        double th = 100 * c.threshold();
        for (double level : new double[] {th, -th}) {
            XYSeries line = chart.addSeries("threshold" + level, new double[] {0.5, rows.size() + 0.5},
                    new double[] {level, level});
            line.setLineColor(Color.LIGHT_GRAY);
            line.setMarker(SeriesMarkers.NONE);
        }
        return Plots.png(chart);
    }
}
