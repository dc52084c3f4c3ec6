package io.vectrade.bench.report;

import io.vectrade.bench.BenchConfig;
import io.vectrade.bench.MachineInfo;
import io.vectrade.bench.Measurement;
import io.vectrade.bench.MemoryBandwidth;
import io.vectrade.bench.MemoryFloor;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.Units;
import io.vectrade.bench.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the report document and the console summary of a run. Thread-safe (no state). */
public final class RunReport {
    private RunReport() {
    }

    /**
     * One line: all targets met, or how many missed; a {@code --quick} run says first that it is a
     * smoke run, not a measurement (its numbers come from small workloads and few iterations).
     */
    public static String verdictLine(RunResult r) {
        long fail = r.verdicts().stream().filter(v -> v.status() == Verdict.Status.FAIL).count();
        long pass = r.verdicts().stream().filter(v -> v.status() == Verdict.Status.PASS).count();
        long nj = r.verdicts().stream().filter(v -> v.status() == Verdict.Status.NOT_JUDGED).count();
        long nm = r.verdicts().size() - fail - pass - nj;
        String counts = pass + " passed, " + fail + " failed, " + nm + " not measured"
                + (nj > 0 ? ", " + nj + " not judged (measured on " + r.config().panelWorkload() + ", not panel-daily)" : "");
        return (r.quick() ? "SMOKE RUN, NOT A MEASUREMENT (--quick): " : "")
                + (fail == 0 ? "TARGETS MET" : "TARGETS MISSED") + " (" + counts + ")";
    }

    /** The report; {@code plotFiles} are the plots with the file names they are written under. */
    public static Report build(RunResult r, Map<String, Plot> plotFiles) {
        return build(r, plotFiles, null);
    }

    /** As {@link #build(RunResult, Map)}, with the reason the plots are missing (null when drawn). */
    public static Report build(RunResult r, Map<String, Plot> plotFiles, String plotProblem) {
        List<Report.Section> s = new ArrayList<>();
        s.add(new Report.Section("Summary", List.of(
                new Report.Paragraph(verdictLine(r)),
                new Report.Bullets(summaryItems(r)))));
        s.add(new Report.Section("Targets", List.of(targetsTable(r))));
        for (String type : r.types()) {
            List<Measurement> ms = r.measurements().stream().filter(m -> m.type().equals(type)).toList();
            List<Report.Block> blocks = new ArrayList<>();
            blocks.add(resultsTable(ms, r.machine().memoryBandwidth()));
            String errors = errors(ms);
            if (!errors.isEmpty()) {
                blocks.add(new Report.Paragraph("Cells that did not run:"));
                blocks.add(new Report.Bullets(errors.lines().toList()));
            }
            s.add(new Report.Section("Results: " + type, blocks));
        }
        if (plotProblem != null) {
            s.add(new Report.Section("Plots", List.of(new Report.Paragraph(plotProblem))));
        } else if (!plotFiles.isEmpty()) {
            List<Report.Block> imgs = new ArrayList<>();
            plotFiles.forEach((file, p) -> imgs.add(new Report.Image(file, p)));
            s.add(new Report.Section("Plots", imgs));
        }
        if (!r.notes().isEmpty()) {
            s.add(new Report.Section("Notes", List.of(new Report.Bullets(r.notes()))));
        }
        s.add(new Report.Section("Details", List.of(new Report.Bullets(details(r)))));
        return new Report("vectrade bench: " + r.name(), s);
    }

    private static List<String> summaryItems(RunResult r) {
        MachineInfo m = r.machine();
        List<String> items = new ArrayList<>();
        if (r.config().panelData() != null) {
            items.add(dataLine(r));
        }
        items.add("types: " + String.join(", ", r.types()) + "; backends: "
                + r.config().backends().stream().map(b -> b.id()).collect(Collectors.joining(", ")));
        items.add("started " + m.time() + ", took " + String.format(Locale.ROOT, "%.1f s", r.durationSeconds())
                + "; " + r.measurements().size() + " cells, " + r.measurements().stream().filter(x -> !x.ok()).count()
                + " did not run");
        items.add("machine: " + m.cpuModel() + ", " + m.cores() + " cores, "
                + (m.memoryBytes() > 0 ? Units.formatBytes(m.memoryBytes()) : "memory unknown") + ", SIMD "
                + m.simdBits() + "-bit, GPU " + (m.gpu() == null ? "none" : m.gpu().name()));
        items.add("JVM " + m.jvmVersion() + ", max heap " + Units.formatBytes(m.maxHeapBytes()) + "; commit "
                + (m.gitCommit() == null ? "unknown" : m.gitCommit())
                + (Boolean.TRUE.equals(m.gitDirty()) ? " (dirty: uncommitted changes)" : ""));
        MemoryBandwidth bw = m.memoryBandwidth();
        items.add(bw == null ? "memory bandwidth: not measured (no floor column)"
                : String.format(Locale.ROOT, "memory bandwidth: triad %.1f GB/s on 1 thread, %.1f GB/s on %d threads"
                + " (copy %.1f / %.1f GB/s; arrays of %s): the floor of the \"of floor\" column",
                bw.triadOneThread() / 1e9, bw.triadAllCores() / 1e9, bw.threads(), bw.copyOneThread() / 1e9,
                bw.copyAllCores() / 1e9, Units.formatBytes(bw.arrayBytes())));
        items.add("sink checksum " + r.sink() + " (every measured output was folded into it)");
        return items;
    }

    /** The targets table: target, backend, workload, target value, actual, margin, status, note. */
    public static Report.Table targetsTable(RunResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (Verdict v : r.verdicts()) {
            rows.add(List.of(v.target(), v.backend(), v.workload(),
                    (v.higherIsBetter() ? ">= " : "<= ") + Units.format(v.limit(), v.unit()),
                    v.actual() == null ? "-" : Units.format(v.actual(), v.unit()),
                    v.marginText(), v.status().name(), v.note() == null ? "" : v.note()));
        }
        return new Report.Table(List.of("target", "backend", "workload", "target value", "actual", "margin",
                "status", "note"), rows);
    }

    /**
     * One row per measured cell; a panel cell with {@link MemoryFloor#BYTES_MOVED} also gets its bytes
     * per call, the bandwidth it achieved and the fraction of {@code bw}'s floor (empty when
     * {@code bw} is null, e.g. a file of schema &lt; 4).
     */
    public static Report.Table resultsTable(List<Measurement> ms, MemoryBandwidth bw) {
        List<List<String>> rows = new ArrayList<>();
        for (Measurement m : ms) {
            if (!m.ok()) {
                continue;
            }
            var s = m.summary();
            String perBar = Double.isNaN(m.metric("ns_per_bar")) ? "" : String.format(Locale.ROOT, "%.3g", m.metric("ns_per_bar"));
            double alloc = m.metric("alloc_bytes_per_call_all_threads");
            double added = m.metric("memory_added_bytes");
            rows.add(List.of(m.workload(), m.backend(), m.subject(), Units.format(s.median(), m.unit()),
                    Units.format(s.mean(), m.unit()) + " ± " + Units.format(s.stddev(), m.unit()),
                    Units.format(s.min(), m.unit()), Units.format(s.p90(), m.unit()), Units.format(s.p99(), m.unit()),
                    perBar, Double.isNaN(alloc) || alloc < 0 ? "" : Units.formatBytes(alloc),
                    Double.isNaN(added) ? "" : Units.formatBytes(added),
                    s.count() + " × " + m.callsPerSample(), bytesMoved(m), achieved(m), percent(MemoryFloor.fraction(m, bw))));
        }
        return new Report.Table(List.of("workload", "backend", "subject", "median", "mean ± sd", "min", "p90", "p99",
                "ns/bar", "alloc/call", "mem added", "samples × calls", "bytes moved", "GB/s", "of floor"), rows);
    }

    /**
     * The panel cells against the memory floor: workload, backend, subject, median, bytes moved per
     * call, the bandwidth achieved, its fraction of the floor; no rows when no cell counts bytes.
     */
    public static Report.Table floorTable(RunResult r) {
        List<List<String>> rows = new ArrayList<>();
        MemoryBandwidth bw = r.machine().memoryBandwidth();
        for (Measurement m : r.measurements()) {
            if (m.ok() && !Double.isNaN(m.metric(MemoryFloor.BYTES_MOVED))) {
                rows.add(List.of(m.workload(), m.backend(), m.subject(), Units.format(m.median(), m.unit()),
                        bytesMoved(m), achieved(m), percent(MemoryFloor.fraction(m, bw))));
            }
        }
        return new Report.Table(List.of("workload", "backend", "subject", "median", "bytes moved", "GB/s", "of floor"),
                rows);
    }

    private static String bytesMoved(Measurement m) {
        double b = m.metric(MemoryFloor.BYTES_MOVED);
        return Double.isNaN(b) ? "" : Units.formatBytes(b);
    }

    private static String achieved(Measurement m) {
        double v = MemoryFloor.achievedBytesPerSecond(m.metric(MemoryFloor.BYTES_MOVED), m.median());
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3g", v / 1e9);
    }

    /** {@code 0.372} → {@code 37.2%}; empty for NaN. */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, "%.3g%%", fraction * 100);
    }

    /** Failed cells grouped by error: one line per distinct error. */
    static String errors(List<Measurement> ms) {
        Map<String, List<String>> byError = new LinkedHashMap<>();
        for (Measurement m : ms) {
            if (!m.ok()) {
                byError.computeIfAbsent(m.error(), e -> new ArrayList<>())
                        .add(m.workload() + "/" + m.backend() + "/" + m.subject());
            }
        }
        StringBuilder b = new StringBuilder();
        byError.forEach((e, cells) -> b.append(cells.size()).append(" cell(s): ").append(e).append(" [")
                .append(cells.size() <= 4 ? String.join(", ", cells) : String.join(", ", cells.subList(0, 4)) + ", …")
                .append("]\n"));
        return b.toString();
    }

    private static List<String> details(RunResult r) {
        BenchConfig c = r.config();
        MachineInfo m = r.machine();
        List<String> d = new ArrayList<>();
        d.add("schema_version " + r.schemaVersion() + "; raw samples in " + r.name() + "_raw.json");
        d.add("batch_sizes " + c.batchSizes() + ", data_sizes " + c.dataSizes() + ", panel "
                + c.panelInstruments() + " × " + c.panelBars() + " (" + c.panelWorkload() + ")");
        d.add("warmup_iterations " + c.warmupIterations() + ", test_iterations " + c.testIterations()
                + ", memory_threshold " + Units.formatBytes(c.memoryThresholdBytes()) + ", max_latency "
                + Units.formatNanos(c.maxLatencyNanos()));
        d.add("OS " + m.os() + "; JVM flags " + String.join(" ", m.jvmFlags()));
        if (m.gpu() != null) {
            d.add("GPU " + m.gpu().name() + ", driver " + m.gpu().driver() + ", memory "
                    + (m.gpu().memoryBytes() > 0 ? Units.formatBytes(m.gpu().memoryBytes()) : "unknown"));
        }
        return d;
    }

    /** What a run on the user's data measured, and what of it is still synthetic. */
    static String dataLine(RunResult r) {
        return "measured on your data: " + r.config().panelWorkload() + " (the panel workload of every type, one input, "
                + "not rotated; the features type skips its synthetic single-series workloads, the throughput type's "
                + "batches stay synthetic; latency and memory targets, defined for "
                + "panel-daily, are reported, not judged)";
    }

    /** Appends {@code header} and {@code rows} as left-aligned columns, each line starting with {@code indent}. */
    private static void aligned(StringBuilder b, List<String> header, List<List<String>> rows, String indent) {
        int[] w = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int k = 0; k < w.length; k++) {
                w[k] = Math.max(w[k], row.get(k).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder(indent);
            for (int k = 0; k < w.length; k++) {
                line.append(String.format(Locale.ROOT, "%-" + (w[k] + 2) + "s", row.get(k)));
            }
            b.append(line.toString().stripTrailing()).append("\n");
        }
    }

    /** A plain-text summary for the console: one line per target and one per failed-cell group. */
    public static String console(RunResult r) {
        StringBuilder b = new StringBuilder();
        if (r.config().panelData() != null) {
            b.append(dataLine(r)).append("\n\n");
        }
        Report.Table t = targetsTable(r);
        int[] w = new int[7];
        List<List<String>> all = new ArrayList<>();
        all.add(t.header().subList(0, 7));
        t.rows().forEach(row -> all.add(row.subList(0, 7)));
        for (List<String> row : all) {
            for (int k = 0; k < 7; k++) {
                w[k] = Math.max(w[k], row.get(k).length());
            }
        }
        for (List<String> row : all) {
            for (int k = 0; k < 7; k++) {
                b.append(String.format(Locale.ROOT, "%-" + (w[k] + 2) + "s", row.get(k)));
            }
            b.setLength(b.length() - 2);
            b.append("\n");
        }
        Report.Table floor = floorTable(r);
        if (!floor.rows().isEmpty()) {
            MemoryBandwidth bw = r.machine().memoryBandwidth();
            b.append("\npanel cells against the memory floor (bytes: inputs read once, outputs written once; floor: ")
                    .append(bw == null ? "bandwidth not measured"
                            : String.format(Locale.ROOT, "triad %.1f GB/s on 1 thread for cpu, %.1f GB/s on %d threads"
                            + " for simd", bw.triadOneThread() / 1e9, bw.triadAllCores() / 1e9, bw.threads()))
                    .append("):\n");
            aligned(b, floor.header(), floor.rows(), "  ");
        }
        String errors = errors(r.measurements());
        if (!errors.isEmpty()) {
            b.append("\ncells that did not run:\n").append(errors.lines().map(l -> "  " + l + "\n").collect(Collectors.joining()));
        }
        return b.append("\n").append(verdictLine(r)).append("\n").toString();
    }
}
