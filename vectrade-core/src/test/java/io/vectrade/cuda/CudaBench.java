package io.vectrade.cuda;

import io.vectrade.backend.DevicePipelineTimings;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.io.AtomicFiles;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.feature.simd.SimdFeatureEngine;
import io.vectrade.testdata.RandomMarket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The timing half of {@code scripts/gpu-check}: the full standard feature set on panel-daily
 * (1,000 instruments × 2,520 bars) and series-100k (one instrument, 100,000 bars) with cuda
 * (double and float), simd (when the simd backend is on the classpath) and cpu. Wall time per
 * {@code computeInto} call (table allocated once), after warm-up; cuda also reports its CUDA-event
 * stage timings. Writes {@code OUT/cuda-bench.json} and prints a short table last. Not a JMH
 * benchmark: one process, few iterations, meant for a 15-minute device lease.
 *
 * <pre>java ... io.vectrade.cuda.CudaBench OUT_DIR [iterations]</pre>
 */
public final class CudaBench {
    private CudaBench() {
    }

    record Workload(String name, Panel panel) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "results");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Files.createDirectories(out);
        FeatureSet fs = FeatureSet.standard();
        CudaProbe probe = Cuda.probe();
        List<Workload> workloads = List.of(
                new Workload("panel-daily", RandomMarket.panel(20_251_127L, 1000, 2520, 0.0)),
                new Workload("series-100k", RandomMarket.panel(20_251_128L, 1, 100_000, 0.0)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Workload w : workloads) {
            FeatureTable reference = null;
            for (String backend : List.of("cuda-double", "cuda-float", "simd", "cpu")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("workload", w.name());
                row.put("backend", backend);
                rows.add(row);
                FeatureEngine engine;
                try {
                    engine = open(backend);
                } catch (RuntimeException e) {
                    row.put("status", "unavailable: " + e.getMessage());
                    continue;
                }
                try {
                    FeatureTable table = FeatureTable.allocate(fs, w.panel());
                    int n = backend.equals("cpu") ? Math.max(2, iterations / 4) : iterations;
                    double[] ms = time(engine, w.panel(), fs, table, 3, n);
                    Arrays.sort(ms);
                    row.put("status", "ok");
                    row.put("iterations", n);
                    row.put("median_ms", ms[ms.length / 2]);
                    row.put("min_ms", ms[0]);
                    row.put("max_ms", ms[ms.length - 1]);
                    long values = (long) w.panel().bars() * w.panel().instruments() * fs.columns();
                    row.put("feature_values_per_s", values / (ms[ms.length / 2] / 1e3));
                    if (engine instanceof CudaFeatureEngine gpu) {
                        row.put("stages", gpu.lastTimings());
                        row.put("memory", gpu.memoryStats());
                    }
                    if (backend.equals("cuda-double")) {
                        reference = table;
                    } else if (reference != null && backend.equals("cpu")) {
                        row.put("max_abs_diff_vs_cuda_double", maxAbsDiff(table, reference));
                    }
                } catch (RuntimeException e) {
                    row.put("status", "failed: " + e);
                } finally {
                    if (engine instanceof AutoCloseable c) {
                        c.close();
                    }
                }
            }
        }
        List<Map<String, Object>> perFeature = perFeature(workloads.get(0).panel(), iterations);
        List<Map<String, Object>> pipelineRows = pipelines(iterations);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("created", Instant.now().toString());
        doc.put("gpu", probe.describe());
        doc.put("java", Runtime.version().toString());
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("features", fs.toString());
        doc.put("results", rows);
        doc.put("per_feature_panel_daily", perFeature);
        doc.put("pipeline", pipelineRows);
        Path json = out.resolve("cuda-bench.json");
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        AtomicFiles.writeBytes(json, o -> mapper.writeValue(o, doc));
        printTable(probe, fs, rows);
        System.out.printf(Locale.ROOT, "%npanel-daily, one feature at a time: kernel ms (CUDA events, median), double / float%n");
        for (Map<String, Object> r : perFeature) {
            System.out.printf(Locale.ROOT, "  %-16s %8.3f %8.3f%n", r.get("feature"), r.get("double_kernel_ms"),
                    r.get("float_kernel_ms"));
        }
        System.out.printf(Locale.ROOT, "%n%-14s %-12s %10s %10s  %s%n", "pipeline", "backend", "median ms", "min ms",
                "cuda (ms): pack / upload / features / model / signals / download / unpack");
        for (Map<String, Object> r : pipelineRows) {
            if (!"ok".equals(r.get("status"))) {
                System.out.printf(Locale.ROOT, "%-14s %-12s %s%n", r.get("model"), r.get("backend"), r.get("status"));
                continue;
            }
            String stages = "";
            if (r.get("stages") instanceof DevicePipelineTimings t) {
                stages = String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f / %.2f / %.2f / %.2f", t.hostPackMillis(),
                        t.uploadMillis(), t.featureMillis(), t.modelMillis(), t.signalMillis(), t.downloadMillis(),
                        t.hostUnpackMillis());
            }
            System.out.printf(Locale.ROOT, "%-14s %-12s %10.2f %10.2f  %s%n", r.get("model"), r.get("backend"),
                    (double) r.get("median_ms"), (double) r.get("min_ms"), stages);
        }
    }

    /** Each feature of the standard set alone on {@code panel}: median kernel time (CUDA events) per precision. */
    private static List<Map<String, Object>> perFeature(Panel panel, int iterations) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Cuda.probe().available()) {
            return rows;
        }
        for (var spec : FeatureSet.standard().specs()) {
            FeatureSet one = FeatureSet.of(List.of(spec));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("feature", spec.canonical());
            for (CudaFeatureEngine.Precision p : CudaFeatureEngine.Precision.values()) {
                try (CudaFeatureEngine e = CudaFeatureEngine.open(p)) {
                    FeatureTable t = FeatureTable.allocate(one, panel);
                    double[] ms = new double[iterations];
                    for (int k = -2; k < iterations; k++) {
                        e.computeInto(panel, one, t);
                        if (k >= 0) {
                            ms[k] = e.lastTimings().kernelMillis();
                        }
                    }
                    Arrays.sort(ms);
                    row.put(p == CudaFeatureEngine.Precision.DOUBLE ? "double_kernel_ms" : "float_kernel_ms", ms[ms.length / 2]);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The whole pipeline ({@link TradingPipeline#run}: fused on the device for cuda) on panel-daily
     * with the default model and the benchmark MLP, policy {@code rank(quantile=0.1) | caps(max=0.05,gross=1)}.
     */
    private static List<Map<String, Object>> pipelines(int iterations) {
        Panel panel = RandomMarket.panel(20_251_129L, 1000, 2520, 0.0);
        String policy = "rank(quantile=0.1) | caps(max=0.05,gross=1)";
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String modelName : List.of("default", "benchmark-mlp")) {
            Model model = modelName.equals("default") ? Models.defaultModel()
                    : Models.benchmarkMlp(FeatureSet.standard().columnNames(), 42);
            for (String backend : List.of("cuda-double", "cuda-float", "simd")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("workload", "panel-daily");
                row.put("model", modelName);
                row.put("backend", backend);
                row.put("policy", policy);
                rows.add(row);
                FeatureEngine engine;
                try {
                    engine = open(backend);
                } catch (RuntimeException e) {
                    row.put("status", "unavailable: " + e.getMessage());
                    continue;
                }
                try (engine; TradingPipeline p = TradingPipeline.borrowing(model, SignalChain.parse(policy), engine)) {
                    for (int k = 0; k < 3; k++) {
                        p.run(panel);
                    }
                    double[] ms = new double[iterations];
                    for (int k = 0; k < iterations; k++) {
                        long t0 = System.nanoTime();
                        p.run(panel);
                        ms[k] = (System.nanoTime() - t0) / 1e6;
                    }
                    Arrays.sort(ms);
                    row.put("status", "ok");
                    row.put("iterations", iterations);
                    row.put("median_ms", ms[ms.length / 2]);
                    row.put("min_ms", ms[0]);
                    if (p.lastDeviceTimings() != null) {
                        row.put("stages", p.lastDeviceTimings());
                    }
                } catch (RuntimeException e) {
                    row.put("status", "failed: " + e);
                }
            }
        }
        return rows;
    }

    private static FeatureEngine open(String backend) {
        return switch (backend) {
            case "cuda-double" -> CudaFeatureEngine.open(CudaFeatureEngine.Precision.DOUBLE);
            case "cuda-float" -> CudaFeatureEngine.open(CudaFeatureEngine.Precision.FLOAT);
            case "simd" -> new SimdFeatureEngine();
            default -> new CpuFeatureEngine();
        };
    }

    private static double[] time(FeatureEngine e, Panel p, FeatureSet fs, FeatureTable t, int warmup, int n) {
        for (int k = 0; k < warmup; k++) {
            e.computeInto(p, fs, t);
        }
        double[] ms = new double[n];
        for (int k = 0; k < n; k++) {
            long t0 = System.nanoTime();
            e.computeInto(p, fs, t);
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static double maxAbsDiff(FeatureTable a, FeatureTable b) {
        double m = 0;
        for (int c = 0; c < a.features().columns(); c++) {
            double[] x = a.column(c);
            double[] y = b.column(c);
            for (int k = 0; k < x.length; k++) {
                if (Double.isNaN(x[k]) != Double.isNaN(y[k])) {
                    return Double.POSITIVE_INFINITY;
                }
                if (!Double.isNaN(x[k])) {
                    m = Math.max(m, Math.abs(x[k] - y[k]) / Math.max(1, Math.abs(y[k])));
                }
            }
        }
        return m;
    }

    private static void printTable(CudaProbe probe, FeatureSet fs, List<Map<String, Object>> rows) {
        System.out.println();
        System.out.println("gpu: " + probe.describe());
        System.out.printf(Locale.ROOT, "standard feature set: %d features, %d columns%n", fs.size(), fs.columns());
        System.out.printf(Locale.ROOT, "%-12s %-12s %10s %10s %14s  %s%n", "workload", "backend", "median ms",
                "min ms", "values/s", "cuda stages (ms): upload / kernels / download tail");
        for (Map<String, Object> r : rows) {
            if (!"ok".equals(r.get("status"))) {
                System.out.printf(Locale.ROOT, "%-12s %-12s %s%n", r.get("workload"), r.get("backend"), r.get("status"));
                continue;
            }
            String stages = "";
            if (r.get("stages") instanceof CudaStageTimings s) {
                stages = String.format(Locale.ROOT, "%.2f / %.2f / %.2f", s.uploadMillis(), s.kernelMillis(),
                        s.downloadTailMillis());
            }
            System.out.printf(Locale.ROOT, "%-12s %-12s %10.2f %10.2f %14.3g  %s%n", r.get("workload"), r.get("backend"),
                    (double) r.get("median_ms"), (double) r.get("min_ms"), (double) r.get("feature_values_per_s"), stages);
        }
    }

}
