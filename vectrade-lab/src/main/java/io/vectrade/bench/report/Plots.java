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

    static void memoryOverTime(RunResult r, List<Plot> out) {
        List<Series> ss = r.series().stream().filter(s -> s.name().equals("heap_used") && s.x().length > 0).toList();
        if (ss.isEmpty()) {
            return;
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Heap used over time (memory benchmark)")
                .xAxisTitle("time since start of backend run (ms)").yAxisTitle("heap used (MiB)").build();
        style(c);
        for (Series s : ss) {
            double[] y = s.y();
            for (int k = 0; k < y.length; k++) {
                y[k] /= 1 << 20;
            }
            c.addSeries(s.backend(), s.x(), y).setMarker(SeriesMarkers.NONE);
        }
        out.add(new Plot("memory_over_time.png", "Memory over time", png(c)));
    }

    static void throughputVsBatchSize(RunResult r, List<Plot> out) {
        List<Measurement> ms = ok(r, "throughput");
        if (ms.isEmpty()) {
            return;
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Throughput vs batch size (median)")
                .xAxisTitle("batch size (instruments)").yAxisTitle("millions per second (log)").build();
        style(c);
        c.getStyler().setXAxisLogarithmic(true);
        // live samples/s and batch feature values/s differ by an order of magnitude or more
        c.getStyler().setYAxisLogarithmic(true);
        // batch-N: feature values per second; live-tick-N: samples (instrument-ticks) per second
        for (var e : group(ms, m -> m.backend() + (m.subject().equals("samples_per_s") ? " live samples/s"
                : " batch feature values/s")).entrySet()) {
            List<Measurement> pts = new ArrayList<>(e.getValue());
            pts.sort((a, b) -> Double.compare(a.metric("instruments"), b.metric("instruments")));
            c.addSeries(e.getKey(), pts.stream().mapToDouble(m -> m.metric("instruments")).toArray(),
                    pts.stream().mapToDouble(m -> m.summary().median() / 1e6).toArray());
        }
        out.add(new Plot("throughput_vs_batch_size.png", "Throughput vs batch size", png(c)));
    }

    static void timeVsDataSize(RunResult r, List<Plot> out) {
        List<Measurement> ms = ok(r, "features");
        for (var byBackend : group(ms, Measurement::backend).entrySet()) {
            XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT + 100)
                    .title("Time per call vs data size, " + byBackend.getKey() + " (median, log-log)")
                    .xAxisTitle("instrument-bars per call").yAxisTitle("time per call (µs)").build();
            style(c);
            c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
                    .setLegendPosition(Styler.LegendPosition.OutsideE);
            for (var bySubject : group(byBackend.getValue(), Measurement::subject).entrySet()) {
                TreeMap<Double, Double> pts = new TreeMap<>();
                for (Measurement m : bySubject.getValue()) {
                    pts.put(m.metric("instruments") * m.metric("bars"), m.summary().median() / 1e3);
                }
                c.addSeries(bySubject.getKey(), pts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        pts.values().stream().mapToDouble(Double::doubleValue).toArray());
            }
            out.add(new Plot("time_vs_data_size_" + byBackend.getKey() + ".png",
                    "Time vs data size (" + byBackend.getKey() + ")", png(c)));
        }
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
