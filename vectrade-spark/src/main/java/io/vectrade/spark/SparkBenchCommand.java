package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;

/**
 * {@code vectrade spark bench}: the same synthetic market through the single-JVM simd pipeline
 * ({@link TradingPipeline#run}, in memory; and end to end, {@link SingleJvmEndToEnd}: the same Parquet
 * bars read, the frame written as one Parquet file, as {@code ./vectrade run} does) and through the Spark job on this session's master, in one
 * JVM and one run, so the ratio is measured under the same load. Spark is timed four ways: Parquet in to
 * Parquet by date (what {@code spark run} does), the same through Spark's own writer ({@code partitionBy},
 * the previous path), by month ({@code --partition-by month}), and Parquet in to Spark's no-op sink (no
 * output files). Deleting a run's output is not timed.
 * Prints the medians of wall time and of the process's CPU time (every thread: the load-independent
 * cost), their ratios and Spark's per-stage metrics of the last run of each kind; with {@code --json}
 * also writes them as {@link BenchJson} for {@code vectrade bench --type spark}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times the Spark job against the single-JVM simd pipeline on the same synthetic market.")
final class SparkBenchCommand implements Callable<Integer> {
    @Option(names = "--shape", defaultValue = "1000x2520", description = "instruments x bars (default: ${DEFAULT-VALUE}: panel-daily).")
    String shape;

    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs of each (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--work", description = "Scratch directory (default: a new temporary directory, deleted after).")
    Path work;

    @Option(names = "--json", description = "Also write the runs and Spark's stage metrics to this JSON file "
            + "(what vectrade bench --type spark reads).")
    Path json;

    @Override
    public Integer call() throws IOException {
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, --repeats=" + repeats);
        }
        io.vectrade.data.SyntheticMarket.Shape s = io.vectrade.data.SyntheticMarket.Shape.parse(shape);
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("vectrade-spark-bench");
        Model model = Models.defaultModel();
        String policy = SparkRunCommand.DEFAULT_POLICY;
        long s0 = System.nanoTime();
        SparkSession spark = LocalSessions.start(master, Map.of());
        double sessionStartMillis = (System.nanoTime() - s0) / 1e6;
        try {
            Path bars = dir.resolve("bars");
            SparkPipeline.deleteTree(bars);
            SyntheticBars.write(spark, s.instruments(), s.bars(), 42, bars);
            Dataset<Row> input = BarInput.read(spark, bars);
            Panel panel = collectPanel(spark, input);

            double[] single = new double[repeats];
            double[] singleCpu = new double[repeats];
            try (TradingPipeline p = TradingPipeline.create(model, SignalChain.parse(policy), Backend.SIMD)) {
                Panel inMemory = panel;
                for (int k = 0; k < 2; k++) {
                    p.run(inMemory);  // warm-up
                }
                for (int k = 0; k < repeats; k++) {
                    double[] r = perRun(() -> p.run(inMemory));
                    single[k] = r[0];
                    singleCpu[k] = r[1];
                }
            }
            panel = null;

            double[] endToEnd = new double[repeats];
            double[] endToEndCpu = new double[repeats];
            SingleJvmEndToEnd.Result[] lastEndToEnd = new SingleJvmEndToEnd.Result[1];
            int[] file = {0};
            Run endToEndRun = () -> {
                Path out = dir.resolve("single-" + file[0]++ + ".parquet");
                lastEndToEnd[0] = SingleJvmEndToEnd.run(bars, out, model, policy, Backend.SIMD);
                Files.delete(out);
            };
            endToEndRun.run();  // warm-up
            for (int k = 0; k < repeats; k++) {
                double[] r = perRun(endToEndRun);
                endToEnd[k] = r[0];
                endToEndCpu[k] = r[1];
            }

            StageMetrics metrics = StageMetrics.on(spark);
            SparkPipeline pipeline = new SparkPipeline(spark);
            SparkPipeline.Settings settings = new SparkPipeline.Settings(Backend.SIMD, model, policy, false,
                    SparkPipeline.Settings.DEFAULT_CELLS_PER_TASK);
            pipeline.write(input, settings, dir.resolve("warm-up"));
            SparkPipeline.deleteTree(dir.resolve("warm-up"));
            Kind byDate = time(spark, metrics, repeats, k -> pipeline.write(input, settings, dir.resolve("out-" + k)).taskTimes(),
                    k -> SparkPipeline.deleteTree(dir.resolve("out-" + k)));
            Kind bySparkWriter = time(spark, metrics, repeats, k -> pipeline.write(input, settings, dir.resolve("out-sw-" + k),
                    OutputPartitioning.DATE, true).taskTimes(), k -> SparkPipeline.deleteTree(dir.resolve("out-sw-" + k)));
            Kind byMonth = time(spark, metrics, repeats, k -> pipeline.write(input, settings, dir.resolve("out-month-" + k),
                    OutputPartitioning.MONTH).taskTimes(), k -> SparkPipeline.deleteTree(dir.resolve("out-month-" + k)));
            Kind noopKind = time(spark, metrics, repeats, k -> {
                SparkPipeline.Job job = pipeline.plan(input, settings);
                job.frame().write().format("noop").mode(SaveMode.Overwrite).save();
                return job.timers().millis();
            }, k -> { });
            double[] parquet = byDate.wall();
            double[] parquetCpu = byDate.cpu();
            List<StageMetrics.Stage> parquetStages = byDate.stages();
            double[] month = byMonth.wall();
            double[] monthCpu = byMonth.cpu();
            List<StageMetrics.Stage> monthStages = byMonth.stages();
            double[] noop = noopKind.wall();
            double[] noopCpu = noopKind.cpu();
            List<StageMetrics.Stage> noopStages = noopKind.stages();
            double sj = median(single);
            double sp = median(parquet);
            double sn = median(noop);
            long cells = (long) s.instruments() * s.bars();
            System.out.printf(Locale.ROOT, "vectrade spark bench: %s, %s, %d cores seen by the JVM, median of %d%n", shape,
                    spark.sparkContext().master(), Runtime.getRuntime().availableProcessors(), repeats);
            double cj = median(singleCpu);
            double cp = median(parquetCpu);
            double cn = median(noopCpu);
            double sm = median(month);
            double cm = median(monthCpu);
            double se = median(endToEnd);
            double ce = median(endToEndCpu);
            System.out.printf(Locale.ROOT, "  %-44s %9s %12s %7s %7s %11s %7s %7s%n", "", "wall ms", "wall ns/cell", "/ mem",
                    "/ e2e", "process CPU", "/ mem", "/ e2e");
            String row = "  %-44s %9.1f %12.1f %6.1fx %6.1fx %8.0f ms %6.1fx %6.1fx%n";
            System.out.printf(Locale.ROOT, row, "single JVM simd pipeline (in memory)", sj, sj * 1e6 / cells, 1.0, sj / se, cj, 1.0,
                    cj / ce);
            System.out.printf(Locale.ROOT, row, "single JVM simd, Parquet in -> Parquet file", se, se * 1e6 / cells, se / sj, 1.0, ce,
                    ce / cj, 1.0);
            System.out.printf(Locale.ROOT, row, "Spark, Parquet in -> Parquet by date", sp, sp * 1e6 / cells, sp / sj, sp / se, cp,
                    cp / cj, cp / ce);
            double sw = median(bySparkWriter.wall());
            double cw = median(bySparkWriter.cpu());
            System.out.printf(Locale.ROOT, row, "Spark, Parquet in -> by date, Spark's writer", sw, sw * 1e6 / cells, sw / sj, sw / se,
                    cw, cw / cj, cw / ce);
            System.out.printf(Locale.ROOT, row, "Spark, Parquet in -> Parquet by month", sm, sm * 1e6 / cells, sm / sj, sm / se, cm,
                    cm / cj, cm / ce);
            System.out.printf(Locale.ROOT, row, "Spark, Parquet in -> no-op sink", sn, sn * 1e6 / cells, sn / sj, sn / se, cn,
                    cn / cj, cn / ce);
            System.out.println("  (/ mem: ratio to the single JVM's pipeline on the panel in memory; / e2e: to the single JVM"
                    + " end to end, reading the same Parquet bars and writing the frame as one Parquet file, as ./vectrade run does)");
            System.out.printf(Locale.ROOT, "  single JVM end to end, last run (wall ms): read %.0f, pipeline %.0f, write %.0f (%d rows)%n",
                    lastEndToEnd[0].readMillis(), lastEndToEnd[0].pipelineMillis(), lastEndToEnd[0].writeMillis(), lastEndToEnd[0].rows());
            System.out.printf(Locale.ROOT, "  runs (wall ms): single %s, single end to end %s, parquet %s, by date with Spark's writer %s,"
                    + " by month %s, noop %s%n", Arrays.toString(single), Arrays.toString(endToEnd), Arrays.toString(parquet),
                    Arrays.toString(bySparkWriter.wall()), Arrays.toString(month), Arrays.toString(noop));
            System.out.printf(Locale.ROOT, "  load average %.1f at the end (process CPU: every thread of this JVM, Spark's driver"
                    + " and executors included)%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "  session start (cold, once per JVM) %.0f ms%n", sessionStartMillis);
            System.out.println("Cost of the last run of each kind, itemised (CPU summed over threads and tasks; from Spark's"
                    + " task metrics and vectrade's task timers):");
            System.out.print(Overhead.table(List.of(
                    Overhead.of("Parquet by date", byDate.wall()[repeats - 1], byDate.cpu()[repeats - 1], byDate.stages(),
                            byDate.timers()),
                    Overhead.of("by date, Spark wr", bySparkWriter.wall()[repeats - 1], bySparkWriter.cpu()[repeats - 1],
                            bySparkWriter.stages(), bySparkWriter.timers()),
                    Overhead.of("Parquet by month", byMonth.wall()[repeats - 1], byMonth.cpu()[repeats - 1], byMonth.stages(),
                            byMonth.timers()),
                    Overhead.of("no-op sink", noopKind.wall()[repeats - 1], noopKind.cpu()[repeats - 1], noopKind.stages(),
                            noopKind.timers()))));
            System.out.println("Spark stages, last Parquet run:");
            System.out.print(StageMetrics.table(parquetStages));
            System.out.println("Spark stages, last run by date with Spark's writer:");
            System.out.print(StageMetrics.table(bySparkWriter.stages()));
            System.out.println("Spark stages, last run by month:");
            System.out.print(StageMetrics.table(monthStages));
            System.out.println("Spark stages, last no-op run:");
            System.out.print(StageMetrics.table(noopStages));
            if (json != null) {
                BenchJson.write(json, new BenchJson.Result(shape, s.instruments(), s.bars(), spark.sparkContext().master(),
                        Runtime.getRuntime().availableProcessors(), repeats,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Map.of(BenchJson.SINGLE_JVM, new BenchJson.Runs(single, singleCpu, List.of(), TaskTimers.Millis.NONE),
                                BenchJson.SINGLE_JVM_END_TO_END, new BenchJson.Runs(endToEnd, endToEndCpu, List.of(),
                                        TaskTimers.Millis.NONE),
                                BenchJson.SPARK_PARQUET, new BenchJson.Runs(parquet, parquetCpu, parquetStages, byDate.timers()),
                                BenchJson.SPARK_PARQUET_MONTH, new BenchJson.Runs(month, monthCpu, monthStages, byMonth.timers()),
                                BenchJson.SPARK_NOOP, new BenchJson.Runs(noop, noopCpu, noopStages, noopKind.timers()))));
                System.out.println("results: " + json);
            }
            return 0;
        } finally {
            spark.stop();
            if (work == null) {
                SparkPipeline.deleteTree(dir);
            }
        }
    }

    /** One timed Spark run; returns vectrade's task timers of it. */
    @FunctionalInterface
    interface SparkRun {
        TaskTimers.Millis run(int repeat) throws IOException;
    }

    /** The repeats of one kind of Spark run: wall and process CPU of each, stages and task timers of the last. */
    record Kind(double[] wall, double[] cpu, List<StageMetrics.Stage> stages, TaskTimers.Millis timers) {
    }

    /** Deletes what a timed run wrote, after its timing. */
    @FunctionalInterface
    interface Cleanup {
        void clean(int repeat) throws IOException;
    }

    private static Kind time(SparkSession spark, StageMetrics metrics, int repeats, SparkRun run, Cleanup cleanup) throws IOException {
        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        List<StageMetrics.Stage> stages = List.of();
        TaskTimers.Millis timers = TaskTimers.Millis.NONE;
        for (int k = 0; k < repeats; k++) {
            metrics.clear(spark);
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            timers = run.run(k);
            wall[k] = (System.nanoTime() - t0) / 1e6;
            cpu[k] = (processCpuNanos() - c0) / 1e6;
            stages = metrics.stages(spark);
            cleanup.clean(k);
        }
        return new Kind(wall, cpu, stages, timers);
    }

    /** One timed run of a single-JVM row. */
    private interface Run {
        void run() throws IOException;
    }

    /**
     * Runs {@code body} until at least 50 ms have passed (once at least) and returns the mean wall and
     * process CPU milliseconds per run: the process CPU clock moves in 10 ms steps here, so a small
     * panel's single run could read 0 ms. panel-daily's runs are longer and run once.
     */
    private static double[] perRun(Run body) throws IOException {
        int runs = 0;
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        long t1;
        do {
            body.run();
            runs++;
            t1 = System.nanoTime();
        } while (t1 - t0 < 50_000_000L);
        return new double[] {(t1 - t0) / 1e6 / runs, (processCpuNanos() - c0) / 1e6 / runs};
    }

    /** CPU time of every thread of this JVM so far, nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The bars as one panel in the driver (bench set-up, not timed): the universe's order and calendar. */
    static Panel collectPanel(SparkSession spark, Dataset<Row> bars) {
        Universe u = Universe.of(bars);
        List<Row> ids = new ArrayList<>();
        for (int k = 0; k < u.instruments(); k++) {
            ids.add(org.apache.spark.sql.RowFactory.create(u.symbols()[k], k));
        }
        Dataset<Row> idFrame = spark.createDataFrame(ids, new org.apache.spark.sql.types.StructType()
                .add("symbol", "string").add("id", "int"));
        Dataset<Row> rows = bars.join(org.apache.spark.sql.functions.broadcast(idFrame), "symbol")
                .select(col("id"), col("timestamp"), col("open"), col("high"), col("low"), col("close"), col("volume"));
        BlockBuilder b = new BlockBuilder(u);
        b.start(0, u.instruments());
        Iterator<InternalRow> it = Internals.rows(rows).map(InternalRow::copy).toLocalIterator();  // Spark reuses a row object
        while (it.hasNext()) {
            InternalRow r = it.next();
            b.add(r.getInt(0), r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6), false);
        }
        return b.panel();
    }
}
