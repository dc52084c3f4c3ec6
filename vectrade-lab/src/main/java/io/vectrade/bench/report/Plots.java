package io.vectrade.bench.report;

import io.vectrade.bench.Measurement;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.Series;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PNG plots of a run with XChart, only for the types that ran: latency by stage (pipeline),
 * memory over time (memory), throughput vs batch size (throughput), time vs data size per feature,
 * one log-log plot per backend (features). Headless; thread-safe (no state).
 */
public final class Plots {
    static final int WIDTH = 1000;
    static final int HEIGHT = 600;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /** Every plot the run's data supports. */
    public static List<Plot> of(RunResult r) {
        List<Plot> out = new ArrayList<>();
        latencyByStage(r, out);
        memoryOverTime(r, out);
        throughputVsBatchSize(r, out);
        timeVsDataSize(r, out);
        gpuOverTime(r, out);
        return out;
    }

    private static List<Measurement> ok(RunResult r, String type) {
        return r.measurements().stream().filter(m -> m.ok() && m.type().equals(type)).toList();
    }

    static void latencyByStage(RunResult r, List<Plot> out) {
        StagePlot.of(r).ifPresent(out::add);
    }

    /**
     * Memory, two panels. Top: the memory table's own samples, per measured pipeline run and
     * backend: peak heap (the sum of the heap pools' peaks, the table's {@code peak_heap}) and live
     * heap after GC ({@code steady_state_heap}), with the {@code memory.peak} target dashed, so the
     * plot and the table read the same numbers. Bottom: heap used over the whole memory cell
     * (sampled), which also covers the feature-retained phase and so can exceed the table's peak.
     */
    static void memoryOverTime(RunResult r, List<Plot> out) {
        List<XYChart> panels = new ArrayList<>();
        List<Measurement> peaks = ok(r, "memory").stream().filter(m -> m.subject().equals("peak_heap")
                || m.subject().equals("steady_state_heap")).toList();
        if (!peaks.isEmpty()) {
            double maxMiB = peaks.stream().flatMapToDouble(m -> java.util.Arrays.stream(m.samples())).max().orElse(0)
                    / (1 << 20);
            var target = r.verdicts().stream().filter(v -> v.target().equals("memory.peak")).findFirst();
            // a target far above the data would flatten it: then it is named in the title instead
            boolean drawTarget = target.isPresent() && target.get().limit() / (1 << 20) <= 3 * maxMiB;
            String offScale = target.isPresent() && !drawTarget ? "; target memory.peak "
                    + io.vectrade.bench.Units.format(target.get().limit(), "bytes") + " is off the scale" : "";
            XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2 + 40)
                    .title("Heap per measured pipeline run (the memory table's samples" + offScale + ")")
                    .xAxisTitle("measured run").yAxisTitle("MiB").build();
            style(c);
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            c.getStyler().setYAxisMin(0.0);
            int n = 0;
            for (Measurement m : peaks) {
                double[] y = m.samples();
                double[] x = new double[y.length];
                for (int k = 0; k < y.length; k++) {
                    x[k] = k + 1;
                    y[k] /= 1 << 20;
                }
                n = Math.max(n, y.length);
                var s = c.addSeries(m.backend() + (m.subject().equals("peak_heap") ? " peak" : " live after GC"), x, y);
                if (!m.subject().equals("peak_heap")) {
                    s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                            java.awt.BasicStroke.JOIN_MITER, 10, new float[] {2, 3}, 0));
                }
            }
            final int runs = Math.max(2, n);
            target.filter(v -> drawTarget).ifPresent(v -> {
                var t = c.addSeries("target memory.peak " + io.vectrade.bench.Units.format(v.limit(), v.unit()),
                        new double[] {1, runs}, new double[] {v.limit() / (1 << 20), v.limit() / (1 << 20)});
                t.setMarker(SeriesMarkers.NONE);
                t.setLineColor(java.awt.Color.BLACK);
                t.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                        10, new float[] {6, 4}, 0));
            });
            panels.add(c);
        }
        List<Series> ss = r.series().stream().filter(s -> s.name().equals("heap_used") && s.x().length > 0).toList();
        if (!ss.isEmpty()) {
            XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2 + 40)
                    .title("Heap used over the whole memory cell (sampled; includes the feature-retained phase)")
                    .xAxisTitle("time since start of backend run (ms)").yAxisTitle("MiB").build();
            style(c);
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            for (Series s : ss) {
                double[] y = s.y();
                for (int k = 0; k < y.length; k++) {
                    y[k] /= 1 << 20;
                }
                c.addSeries(s.backend(), s.x(), y).setMarker(SeriesMarkers.NONE);
            }
            panels.add(c);
        }
        if (!panels.isEmpty()) {
            out.add(new Plot("memory_over_time.png", "Memory", stack(panels, 1)));
        }
    }

    /**
     * Throughput vs batch size, one panel per unit: batch feature values per second and live-engine
     * samples per second, each with its target (dashed) where the run has one; the median per batch
     * size as a marker on the line, and a whisker (error bar) from p10 to p90 of the samples.
     */
    static void throughputVsBatchSize(RunResult r, List<Plot> out) {
        List<XYChart> panels = throughputPanels(r);
        if (!panels.isEmpty()) {
            out.add(new Plot("throughput_vs_batch_size.png", "Throughput vs batch size", stack(panels, 1)));
        }
    }

    /** The panels of {@link #throughputVsBatchSize}: none when the throughput type did not run. */
    static List<XYChart> throughputPanels(RunResult r) {
        List<Measurement> ms = ok(r, "throughput");
        List<XYChart> panels = new ArrayList<>();
        if (ms.isEmpty()) {
            return panels;
        }
        for (String[] kind : new String[][] {{"features_per_s", "Batch: feature values per second", "throughput.features"},
                {"samples_per_s", "Live engine: samples (instrument-ticks) per second", "throughput.samples"}}) {
            List<Measurement> sel = ms.stream().filter(m -> kind[0].equals("samples_per_s")
                    == m.subject().equals("samples_per_s")).toList();
            if (sel.isEmpty()) {
                continue;
            }
            XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2 + 40)
                    .title(kind[1] + " (line: median; whisker: p10-p90 of the samples)")
                    .xAxisTitle("batch size (instruments)").yAxisTitle("millions per second").build();
            style(c);
            // linear axes: a decade or less on each, where XChart's log axes print no tick labels
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            double xmin = Double.POSITIVE_INFINITY;
            double xmax = 0;
            int backendIndex = 0;
            for (var e : group(sel, Measurement::backend).entrySet()) {
                List<Measurement> pts = new ArrayList<>(e.getValue());
                pts.sort((a, b) -> Double.compare(a.metric("instruments"), b.metric("instruments")));
                double[] x = pts.stream().mapToDouble(m -> m.metric("instruments")).toArray();
                xmin = Math.min(xmin, x[0]);
                xmax = Math.max(xmax, x[x.length - 1]);
                var line = c.addSeries(e.getKey(), x, pts.stream().mapToDouble(m -> m.median() / 1e6).toArray());
                java.awt.Color col = SERIES_COLOURS[backendIndex++ % SERIES_COLOURS.length];
                line.setLineColor(col);
                line.setMarkerColor(col);
                for (Measurement m : pts) {
                    whisker(c, e.getKey() + " p10-p90 " + m.workload(), m.metric("instruments"), m.samples(), 1e6, col,
                            x.length > 1 ? (x[x.length - 1] - x[0]) / 80 : m.metric("instruments") / 40);
                }
            }
            r.verdicts().stream().filter(v -> v.target().equals(kind[2])).findFirst().ifPresent(v -> {
                if (c.getSeriesMap().isEmpty()) {
                    return;
                }
                double[] xs = c.getSeriesMap().values().iterator().next().getXData();
                double lo = java.util.Arrays.stream(xs).min().orElse(1);
                double hi = java.util.Arrays.stream(xs).max().orElse(1);
                var t = c.addSeries("target " + io.vectrade.bench.Units.format(v.limit(), v.unit()),
                        new double[] {lo, Math.max(hi, lo * 1.01)}, new double[] {v.limit() / 1e6, v.limit() / 1e6});
                t.setMarker(SeriesMarkers.NONE);
                t.setLineColor(java.awt.Color.BLACK);
                t.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                        10, new float[] {6, 4}, 0));
            });
            panels.add(c);
        }
        return panels;
    }

    /** Distinct colours of a chart's data series (the targets are black). */
    static final java.awt.Color[] SERIES_COLOURS = {new java.awt.Color(0x09, 0x69, 0xda),
            new java.awt.Color(0xbf, 0x87, 0x00), new java.awt.Color(0x82, 0x50, 0xdf),
            new java.awt.Color(0x1a, 0x7f, 0x37)};

    /** Colour {@code k} of the data series (cycling). */
    public static java.awt.Color seriesColour(int k) {
        return SERIES_COLOURS[Math.floorMod(k, SERIES_COLOURS.length)];
    }

    /**
     * An error bar at {@code x}: a vertical line from p10 to p90 of {@code samples} (divided by
     * {@code div}) with caps {@code cap} wide, in {@code colour}, not in the legend.
     */
    static void whisker(XYChart c, String name, double x, double[] samples, double div, java.awt.Color colour,
                        double cap) {
        double[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        double p10 = io.vectrade.bench.stats.Percentiles.ofSorted(sorted, 10) / div;
        double p90 = io.vectrade.bench.stats.Percentiles.ofSorted(sorted, 90) / div;
        // one series: lower cap, the bar, upper cap (NaN breaks the line between the parts)
        var s = c.addSeries(name, new double[] {x - cap, x + cap, x, x, x, x, x - cap, x + cap},
                new double[] {p10, p10, Double.NaN, p10, p90, Double.NaN, p90, p90});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(new java.awt.BasicStroke(1.5f));
        s.setShowInLegend(false);
    }

    /**
     * Time per call vs data size as small multiples: one panel per feature, the backends as series
     * (same colour for a backend in every panel), medians, log-log, one unit (µs).
     */
    static void timeVsDataSize(RunResult r, List<Plot> out) {
        List<Measurement> ms = ok(r, "features");
        if (ms.isEmpty()) {
            return;
        }
        List<String> backends = ms.stream().map(Measurement::backend).distinct().toList();
        java.awt.Color[] colours = {new java.awt.Color(0x09, 0x69, 0xda), new java.awt.Color(0xbf, 0x87, 0x00),
                new java.awt.Color(0x82, 0x50, 0xdf)};
        List<XYChart> panels = new ArrayList<>();
        for (var bySubject : group(ms, Measurement::subject).entrySet()) {
            XYChart c = new XYChartBuilder().width(WIDTH / 3).height(240).title(bySubject.getKey())
                    .xAxisTitle("instrument-bars per call").yAxisTitle("µs per call").build();
            style(c);
            c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
                    .setLegendPosition(Styler.LegendPosition.InsideNW).setChartTitleFont(new java.awt.Font(
                            java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12));
            for (var byBackend : group(bySubject.getValue(), Measurement::backend).entrySet()) {
                TreeMap<Double, Double> pts = new TreeMap<>();
                for (Measurement m : byBackend.getValue()) {
                    pts.put(m.metric("instruments") * m.metric("bars"), m.median() / 1e3);
                }
                var s = c.addSeries(byBackend.getKey(), pts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        pts.values().stream().mapToDouble(Double::doubleValue).toArray());
                java.awt.Color col = colours[backends.indexOf(byBackend.getKey()) % colours.length];
                s.setLineColor(col);
                s.setMarkerColor(col);
            }
            panels.add(c);
        }
        out.add(new Plot("time_vs_data_size.png", "Time vs data size, per feature", stack(panels, 3)));
    }

    /** Charts laid out in a grid of {@code columns}, as one PNG. */
    static byte[] stack(List<XYChart> charts, int columns) {
        List<java.awt.image.BufferedImage> imgs = charts.stream().map(BitmapEncoder::getBufferedImage).toList();
        int cw = imgs.stream().mapToInt(java.awt.image.BufferedImage::getWidth).max().orElse(1);
        int ch = imgs.stream().mapToInt(java.awt.image.BufferedImage::getHeight).max().orElse(1);
        int rows = (imgs.size() + columns - 1) / columns;
        java.awt.image.BufferedImage all = new java.awt.image.BufferedImage(Math.max(WIDTH, cw * columns),
                Math.max(1, ch * rows), java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = all.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int k = 0; k < imgs.size(); k++) {
            g.drawImage(imgs.get(k), (k % columns) * cw, (k / columns) * ch, null);
        }
        g.dispose();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(all, "png", bytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode plot: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * NVML's samples over the run (type {@code gpu}): utilisation (GPU and memory controller, %),
     * memory used (MiB), SM clock (MHz) and power (W), one panel per unit, stacked.
     */
    static void gpuOverTime(RunResult r, List<Plot> out) {
        Map<String, Series> byName = new LinkedHashMap<>();
        r.series().stream().filter(s -> s.type().equals("gpu") && s.x().length > 0).forEach(s -> byName.put(s.name(), s));
        if (!byName.containsKey("gpu_util")) {
            return;
        }
        record Panel(String title, String yTitle, List<String> names, double div) {
        }
        List<Panel> panels = List.of(new Panel("GPU utilisation (NVML)", "%", List.of("gpu_util", "mem_util"), 1),
                new Panel("GPU memory used", "MiB", List.of("gpu_memory_used"), 1 << 20),
                new Panel("SM clock", "MHz", List.of("sm_clock"), 1), new Panel("Power", "W", List.of("power"), 1));
        List<java.awt.image.BufferedImage> imgs = new ArrayList<>();
        for (Panel p : panels) {
            XYChart c = new XYChartBuilder().width(WIDTH).height(220).title(p.title())
                    .xAxisTitle("time since start of run (s)").yAxisTitle(p.yTitle()).build();
            style(c);
            for (String n : p.names()) {
                Series s = byName.get(n);
                if (s == null) {
                    continue;
                }
                double[] x = s.x();
                double[] y = s.y();
                for (int k = 0; k < x.length; k++) {
                    x[k] /= 1e3;
                    y[k] /= p.div();
                }
                c.addSeries(n.equals("gpu_util") ? "GPU" : n.equals("mem_util") ? "memory controller" : n, x, y)
                        .setMarker(SeriesMarkers.NONE);
            }
            if (!c.getSeriesMap().isEmpty()) {
                imgs.add(BitmapEncoder.getBufferedImage(c));
            }
        }
        java.awt.image.BufferedImage all = new java.awt.image.BufferedImage(WIDTH,
                imgs.stream().mapToInt(java.awt.image.BufferedImage::getHeight).sum(), java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = all.createGraphics();
        int y = 0;
        for (var img : imgs) {
            g.drawImage(img, 0, y, null);
            y += img.getHeight();
        }
        g.dispose();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(all, "png", bytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode plot: " + e.getMessage(), e);
        }
        out.add(new Plot("gpu_over_time.png", "GPU over time (NVML)", bytes.toByteArray()));
    }

    private static <K> Map<K, List<Measurement>> group(List<Measurement> ms, java.util.function.Function<Measurement, K> key) {
        Map<K, List<Measurement>> g = new LinkedHashMap<>();
        for (Measurement m : ms) {
            g.computeIfAbsent(key.apply(m), k -> new ArrayList<>()).add(m);
        }
        return g;
    }

    public static void style(Chart<?, ?> c) {
        Styler s = c.getStyler();
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setPlotBackgroundColor(java.awt.Color.WHITE);
        s.setLegendVisible(true);
        s.setAntiAlias(true);
    }

    /** Encodes a chart as PNG bytes. */
    public static byte[] png(Chart<?, ?> c) {
        try {
            return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode plot: " + e.getMessage(), e);
        }
    }
}
