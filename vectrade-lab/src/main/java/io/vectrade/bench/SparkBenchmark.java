package io.vectrade.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code vectrade bench --type spark}: the Spark job of the vectrade-spark module on local[2] against the
 * single-JVM simd pipeline, on the panel workload's shape ({@code panel-daily} unless configured). The lab
 * does not compile against Spark (its 280 MB of jars stay in that module): this starts
 * {@code vectrade-spark}'s {@code spark bench --json} in a JVM of its own, with the flags of
 * {@code scripts/jvm.properties}, and reads its results file ({@code io.vectrade.spark.BenchJson},
 * version 1). Cells: {@code spark/<workload>/simd/{single-jvm, spark-parquet, spark-noop,
 * spark-parquet-month}}, wall time per
 * run in ns, with the process CPU time, the ratios to the single JVM and Spark's shuffle and output bytes as
 * metrics; the verdict {@code spark.overhead}: the Parquet run's wall time at most 3× the single JVM's end
 * to end (the same Parquet bars read, the simd pipeline, the frame written as one Parquet file), like with
 * like; the ratio to the pipeline on a panel already in memory is a metric.
 *
 * <p>Skipped with a note (no cells) on a machine with less than {@link #MIN_MEMORY_BYTES} of physical
 * memory (a local Spark run of panel-daily holds about 2.2 GB), or when the Spark module is not built
 * ({@code ./vectrade spark --help} builds it). Only run when named: {@code --type spark}.
 */
public final class SparkBenchmark implements Benchmark {
    /** Physical memory below which the type is skipped: the child JVM's heap plus Spark's off-heap buffers. */
    public static final long MIN_MEMORY_BYTES = 6L << 30;
    static final String TYPE = "spark";
    static final String SPARK_HEAP = "-Xmx3g";
    static final long TIMEOUT_MINUTES = 60;

    private final Path sparkTarget;
    private final long physicalMemoryBytes;

    /** The Spark module of this checkout, on this machine's memory. */
    public SparkBenchmark() {
        this(defaultSparkTarget(), physicalMemory());
    }

    /** Tests: another build directory of the Spark module, another memory size. */
    SparkBenchmark(Path sparkTarget, long physicalMemoryBytes) {
        this.sparkTarget = sparkTarget;
        this.physicalMemoryBytes = physicalMemoryBytes;
    }

    @Override
    public BenchType type() {
        return BenchType.SPARK;
    }

    @Override
    public int steps(BenchConfig config) {
        return 1;
    }

    @Override
    public Outcome run(BenchContext ctx) {
        BenchConfig c = ctx.config();
        String workload = c.panelWorkload();
        if (physicalMemoryBytes < MIN_MEMORY_BYTES) {
            return skipped(String.format(Locale.ROOT, "spark skipped: needs %s of physical memory, this machine has %s",
                    Units.formatBytes(MIN_MEMORY_BYTES), Units.formatBytes(physicalMemoryBytes)));
        }
        Path jar = sparkTarget == null ? null : sparkTarget.resolve("vectrade-spark.jar");
        if (jar == null || !Files.isRegularFile(jar) || !Files.isDirectory(sparkTarget.resolve("lib"))) {
            return skipped("spark skipped: the Spark module is not built (" + (sparkTarget == null ? "vectrade-spark/target"
                    : sparkTarget) + "); './vectrade spark --help' builds it");
        }
        int repeats = Math.max(1, Math.min(3, c.testIterations()));
        String shape = c.panelInstruments() + "x" + c.panelBars();
        ctx.progress().step("spark " + workload);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vectrade-bench-spark");
            Path json = dir.resolve("spark.json");
            Path log = dir.resolve("spark.log");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmFlags());
            cmd.add(SPARK_HEAP);
            cmd.add("-cp");
            cmd.add(jar + java.io.File.pathSeparator + sparkTarget.resolve("lib") + java.io.File.separator + "*");
            cmd.addAll(List.of("io.vectrade.spark.SparkMain", "bench", "--shape", shape, "--repeats",
                    Integer.toString(repeats), "--master", "local[2]", "--json", json.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return failed(workload, "spark bench did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0 || !Files.exists(json)) {
                return failed(workload, "spark bench exited with " + p.exitValue() + ": " + lastLine(log));
            }
            return parse(new ObjectMapper().readTree(json.toFile()), workload);
        } catch (IOException e) {
            return failed(workload, "spark bench: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(workload, "interrupted");
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The cells, verdict and notes of a {@code spark bench --json} file. */
    static Outcome parse(JsonNode root, String workload) {
        if (root.path("version").asInt() != 1) {
            return failed(workload, "spark bench results of an unknown version, version=" + root.path("version"));
        }
        long cells = root.path("instruments").asLong() * root.path("bars").asLong();
        JsonNode runs = root.path("runs");
        double singleWall = median(runs.path("single_jvm").path("wall_ms"));
        double singleCpu = median(runs.path("single_jvm").path("cpu_ms"));
        // single_jvm_end_to_end (Parquet bars in, pipeline, Parquet file out): in results since it was added, optional
        boolean endToEnd = runs.path("single_jvm_end_to_end").path("wall_ms").size() > 0;
        double e2eWall = median(runs.path("single_jvm_end_to_end").path("wall_ms"));
        double e2eCpu = median(runs.path("single_jvm_end_to_end").path("cpu_ms"));
        Map<String, String> subjects = new LinkedHashMap<>();
        subjects.put("single_jvm", "single-jvm");
        subjects.put("spark_parquet", "spark-parquet");
        subjects.put("spark_noop", "spark-noop");
        if (runs.has("spark_parquet_month")) {
            subjects.put("spark_parquet_month", "spark-parquet-month");
        }
        if (endToEnd) {
            subjects.put("single_jvm_end_to_end", "single-jvm-end-to-end");
        }
        List<Measurement> ms = new ArrayList<>();
        for (Map.Entry<String, String> e : subjects.entrySet()) {
            JsonNode run = runs.path(e.getKey());
            double[] wallNanos = values(run.path("wall_ms"), 1e6);
            if (wallNanos.length == 0) {
                ms.add(Measurement.failed(TYPE, workload, "simd", e.getValue(), "ns", false, "no runs in the results file"));
                continue;
            }
            double wall = median(run.path("wall_ms"));
            double cpu = median(run.path("cpu_ms"));
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("ns_per_cell", wall * 1e6 / cells);
            m.put("cpu_ms", cpu);
            m.put("wall_ratio_vs_single_jvm", wall / singleWall);
            m.put("cpu_ratio_vs_single_jvm", cpu / singleCpu);
            if (endToEnd) {
                m.put("wall_ratio_vs_single_jvm_end_to_end", wall / e2eWall);
                m.put("cpu_ratio_vs_single_jvm_end_to_end", cpu / e2eCpu);
            }
            double shuffle = 0;
            double output = 0;
            double taskCpu = 0;
            for (JsonNode s : run.path("stages")) {
                shuffle += s.path("shuffle_write_bytes").asDouble();
                output += s.path("output_bytes").asDouble();
                taskCpu += s.path("cpu_ms").asDouble();
            }
            if (run.path("stages").size() > 0) {
                m.put("shuffle_write_bytes", shuffle);
                m.put("output_bytes", output);
                m.put("task_cpu_ms", taskCpu);
            }
            ms.add(Measurement.of(TYPE, workload, "simd", e.getValue(), "ns", false, 1, wallNanos, m));
        }
        List<Verdict> verdicts = new ArrayList<>();
        Measurement parquet = ms.get(1);
        // like with like: both read the same Parquet bars and write the frame as Parquet; the in-memory
        // pipeline reads and writes nothing (its ratio stays a metric: reading the bars alone is several times it)
        String note = String.format(Locale.ROOT, "Spark (Parquet in, Parquet by date out, %s) against the single JVM end to end"
                + " (the same Parquet bars in, the simd pipeline, one Parquet file out), wall time, median of %d in one JVM",
                root.path("master").asText(), root.path("repeats").asInt());
        if (!parquet.ok()) {
            verdicts.add(Verdict.notMeasured("spark.overhead", "simd", "x", false, 3.0, parquet.error()));
        } else if (!endToEnd) {
            verdicts.add(Verdict.notMeasured("spark.overhead", "simd", "x", false, 3.0,
                    "the results have no single-JVM end-to-end run (a spark bench before it was added)"));
        } else {
            verdicts.add(Verdict.of("spark.overhead", "simd", workload, "x", false, 3.0,
                    parquet.metric("wall_ratio_vs_single_jvm_end_to_end"), note));
        }
        List<String> notes = List.of(String.format(Locale.ROOT, "spark: %s on %s, %d cores seen, load average %.1f at the end;"
                        + " cpu_ms is the whole process's CPU time (driver and executors), the load-independent cost",
                root.path("shape").asText(), root.path("master").asText(), root.path("cores").asInt(),
                root.path("load_average").asDouble()));
        return new Outcome(ms, List.of(), verdicts, notes);
    }

    private static Outcome skipped(String note) {
        return new Outcome(List.of(), List.of(), List.of(), List.of(note));
    }

    private static Outcome failed(String workload, String error) {
        List<Measurement> ms = new ArrayList<>();
        for (String subject : List.of("single-jvm", "spark-parquet", "spark-noop")) {
            ms.add(Measurement.failed(TYPE, workload, "simd", subject, "ns", false, error));
        }
        return new Outcome(ms, List.of(), List.of(Verdict.notMeasured("spark.overhead", "simd", "x", false, 3.0, error)),
                List.of());
    }

    private static double[] values(JsonNode array, double scale) {
        double[] v = new double[array.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = array.get(k).asDouble() * scale;
        }
        return v;
    }

    private static double median(JsonNode array) {
        double[] v = values(array, 1);
        if (v.length == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The flags of scripts/jvm.properties (copied into the jar by the build): the common ones and Spark's. */
    static List<String> jvmFlags() {
        Properties p = new Properties();
        try (InputStream in = SparkBenchmark.class.getResourceAsStream("/io/vectrade/cli/jvm.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no flags: the child JVM says what it misses
        }
        List<String> flags = new ArrayList<>();
        for (String key : List.of("vectrade.jvm.flags", "vectrade.spark.jvm.flags")) {
            for (String f : p.getProperty(key, "").trim().split("\\s+")) {
                if (!f.isEmpty()) {
                    flags.add(f);
                }
            }
        }
        return flags;
    }

    /** vectrade-spark/target of the checkout this lab runs from (its jar or classes are in vectrade-lab/target). */
    static Path defaultSparkTarget() {
        try {
            Path here = Path.of(SparkBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path labTarget = here.getParent();
            Path root = labTarget == null || labTarget.getParent() == null ? null : labTarget.getParent().getParent();
            return root == null ? null : root.resolve("vectrade-spark").resolve("target");
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    private static long physicalMemory() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
