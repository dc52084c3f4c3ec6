package io.vectrade.bench.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.List;

/**
 * A latency percentile distribution as HdrHistogram's own plotter draws it: latency (µs) against
 * the percentile on an axis of {@code log10(1 / (1 - p))}, so 90 %, 99 %, 99.9 % and 99.99 % are
 * equally spaced and the tail is as wide as the body. The points are those of
 * {@link Histogram#outputPercentileDistribution} (5 steps per halving of the remaining tail), so the
 * plot and the {@code live --histogram} text file show the same values. Thread-safe (no state).
 */
public final class PercentilePlot {
    /** Percentiles ticked on the x axis: 0, 90, 99, ... up to the deepest the data reaches. */
    static final int MAX_NINES = 7;

    private PercentilePlot() {
    }

    /**
     * One curve: a name and the (percentile in %, latency in µs) points.
     *
     * @param name        legend text
     * @param percentiles percentile levels in [0, 100], ascending
     * @param micros      latency at each level, µs
     */
    public record Curve(String name, double[] percentiles, double[] micros) {
        public Curve {
            if (percentiles.length != micros.length || percentiles.length == 0) {
                throw new IllegalArgumentException("a curve needs as many latencies as percentiles, and at least one");
            }
            percentiles = percentiles.clone();
            micros = micros.clone();
        }

        /** The curve of a histogram of nanoseconds, at HdrHistogram's percentile-distribution points. */
        public static Curve of(String name, Histogram ns) {
            List<double[]> pts = new ArrayList<>();
            for (HistogramIterationValue v : ns.percentiles(5)) {
                pts.add(new double[] {v.getPercentileLevelIteratedTo(), ns.highestEquivalentValue(v.getValueIteratedTo()) / 1e3});
            }
            return new Curve(name, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray());
        }
    }

    /** {@code log10(1 / (1 - p/100))}, the x position of percentile {@code p}; the 100th is put one step past the deepest. */
    static double x(double p, double deepest) {
        return p >= 100 ? deepest : -Math.log10(1 - p / 100);
    }

    /** "90%", "99.9%" for x = 1, 3; blank between the integer positions. */
    static String label(double x) {
        double r = Math.rint(x);
        if (Math.abs(x - r) > 1e-9 || r < 0) {
            return " ";
        }
        if (r <= 1) {
            return r == 0 ? "0%" : "90%";
        }
        StringBuilder b = new StringBuilder("9");
        for (int k = 1; k < r; k++) {
            b.append(k == 1 ? "9." : "9");
        }
        String s = b.toString();
        return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s) + "%";
    }

    /** The PNG: one line per curve, the title and a note under it. */
    public static byte[] png(String title, String note, List<Curve> curves) {
        double deepest = 1;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Curve c : curves) {
            for (int k = 0; k < c.percentiles().length; k++) {
                if (c.percentiles()[k] < 100) {
                    deepest = Math.max(deepest, x(c.percentiles()[k], 0));
                }
                lo = Math.min(lo, c.micros()[k]);
                hi = Math.max(hi, c.micros()[k]);
            }
        }
        double end = Math.min(MAX_NINES, Math.ceil(deepest + 1e-9));
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title(title)
                .xAxisTitle("percentile (" + note + ")").yAxisTitle("latency (µs)").build();
        Plots.style(chart);
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(end).setxAxisTickLabelsFormattingFunction(PercentilePlot::label)
                .setXAxisTickMarkSpacingHint(Plots.WIDTH / (int) Math.max(1, end + 1) - 10);
        // a tail far above the median: log latency (decades are labelled); else linear from 0
        if (lo > 0 && hi / lo > 50) {
            chart.getStyler().setYAxisLogarithmic(true).setYAxisDecimalPattern("#,##0.#");
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        int i = 0;
        for (Curve c : curves) {
            double[] xs = new double[c.percentiles().length];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = Math.min(end, x(c.percentiles()[k], end));
            }
            var series = chart.addSeries(c.name(), xs, c.micros());
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(Plots.SERIES_COLOURS[i++ % Plots.SERIES_COLOURS.length]);
            series.setLineStyle(new java.awt.BasicStroke(2f));
        }
        return Plots.png(chart);
    }
}
