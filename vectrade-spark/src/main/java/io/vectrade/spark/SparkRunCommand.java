package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code vectrade spark run --data DIR --out DIR}: the pipeline over bars in long form (Parquet or CSV)
 * on Spark, the frame written as Parquet partitioned by date; prints the shape, the wall time of each
 * phase and Spark's per-stage metrics.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Features, model scores and signals on Spark; the frame as Parquet partitioned by date.")
final class SparkRunCommand implements Callable<Integer> {
    /** The default chain: the lab's cross-sectional default (rank, voltarget, caps), bar by bar. */
    static final String DEFAULT_POLICY = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";

    @Option(names = "--data", required = true, description = "Bars in long form (symbol,timestamp,open,high,low,close,volume): "
            + "a Parquet or CSV file, or a directory of them.")
    Path data;

    @Option(names = "--out", required = true, description = "Output directory (must not exist): Parquet, partitioned by date.")
    Path out;

    @Option(names = "--backend", defaultValue = "simd", description = "cpu or simd inside the tasks (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--model", defaultValue = Models.DEFAULT, description = "Model directory or 'default' (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--policy", defaultValue = DEFAULT_POLICY, description = "Signal chain (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--features", description = "Also write every feature column and the model score.")
    boolean features;

    @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*]: embedded, every core).")
    String master;

    @Option(names = "--cells-per-task", defaultValue = "1000000",
            description = "About how many cells (instruments x bars) one task holds in each stage (default: ${DEFAULT-VALUE}).")
    long cellsPerTask;

    @Option(names = "--partition-by", defaultValue = "date", description = "Output directories per date, month, year or none "
            + "(default: ${DEFAULT-VALUE}; month for daily bars: far fewer, larger files).")
    String partitionBy;

    @Option(names = "--conf", description = "Extra Spark setting KEY=VALUE (repeatable).")
    Map<String, String> conf = Map.of();

    @Override
    public Integer call() throws IOException {
        Backend b = Backend.parse(backend);
        if (b != Backend.CPU && b != Backend.SIMD) {
            throw new IllegalArgumentException("--backend must be cpu or simd on Spark, --backend=" + backend);
        }
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + ": already exists (--out must be a new directory)");
        }
        OutputPartitioning partitioning = OutputPartitioning.parse(partitionBy);
        Model m = Models.load(model);
        io.vectrade.signal.SignalChain.parse(policy);  // a bad chain is refused before Spark starts
        BarInput.formatOf(data);
        long t0 = System.nanoTime();
        SparkSession spark = LocalSessions.start(LocalSessions.master(master), conf);
        try {
            StageMetrics metrics = StageMetrics.on(spark);
            long t1 = System.nanoTime();
            Dataset<Row> bars = BarInput.read(spark, data);
            SparkPipeline.Summary s = new SparkPipeline(spark).write(bars,
                    new SparkPipeline.Settings(b, m, policy, features, cellsPerTask), out, partitioning);
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "vectrade spark: %d instruments x %d bars -> %s (Parquet by %s)%n",
                    s.instruments(), s.bars(), out, partitioning.name().toLowerCase(Locale.ROOT));
            System.out.printf(Locale.ROOT, "  master %s, backend %s, %d instruments per feature task, %d bars per signal task%n",
                    spark.sparkContext().master(), b.id(), s.instrumentsPerBlock(), s.barsPerBucket());
            System.out.printf(Locale.ROOT, "  session start %.2f s, job %.2f s (universe, features and model, signals, write)%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            System.out.println("  vectrade's code in the tasks, " + s.taskTimes());
            System.out.print(StageMetrics.table(metrics.stages(spark)));
            return 0;
        } finally {
            spark.stop();
        }
    }
}
