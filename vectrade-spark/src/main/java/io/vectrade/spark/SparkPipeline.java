package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.model.Model;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * The vectrade pipeline on Spark: normalised bars ({@link BarInput#COLUMNS}) → the frame (one row per
 * bar that exists: symbol, timestamp, side, strength, weight, date; with features, every feature column
 * and the score too).
 *
 * <pre>
 *   bars ─ ids and bar indices (broadcast universe), chunks of arrays per block ─ shuffle: partition b = instrument block b
 *        ─ InstrumentStage (features + model per block, simd or cpu)
 *        ─ shuffle: partition b = bucket of bars b
 *        ─ SignalStage (the chain over every instrument of each bar) ─ Parquet partitioned by date
 *          (DateParquetFiles: each task its dates' files; month, year, none: Spark's writer)
 * </pre>
 *
 * Instruments are in symbol order ({@link String#compareTo}) and bars on the union calendar of all
 * bars: the frame equals the single-JVM {@code TradingPipeline}'s on that panel (features and scores
 * bit for bit on cpu and simd), whatever the block sizes. Not thread-safe (one job at a time per
 * instance); the session is the caller's.
 */
public final class SparkPipeline {
    private final SparkSession spark;

    public SparkPipeline(SparkSession spark) {
        this.spark = spark;
    }

    /** What to compute: backend (cpu or simd), model, policy chain, whether features and scores are written, block size. */
    public record Settings(Backend backend, Model model, String policy, boolean withFeatures, long cellsPerTask) {
        /** About a million cells (instruments × bars) per task: some 100 MB of columns with the default model. */
        public static final long DEFAULT_CELLS_PER_TASK = 1_000_000L;
    }

    /** A planned job: its spec, its universe and the frame (lazy until written or collected). */
    record Job(JobSpec spec, Universe universe, JavaRDD<InternalRow> rows, Dataset<Row> frame, TaskTimers timers) {
    }

    /** Plans the job for {@code bars} (collects the universe: two small aggregations over the input). */
    Job plan(Dataset<Row> bars, Settings settings) {
        Universe universe = Universe.of(bars);
        JobSpec spec = JobSpec.of(settings.backend(), settings.model(), settings.policy(), settings.withFeatures(),
                universe, settings.cellsPerTask(), spark.sparkContext().defaultParallelism());
        return plan(bars, spec, universe);
    }

    /** Plans the job with a given spec (tests: several block sizes over one universe). */
    Job plan(Dataset<Row> bars, JobSpec spec, Universe universe) {
        Broadcast<Universe> shared = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(universe);
        int ipb = spec.instrumentsPerBlock();
        int blocks = (universe.instruments() + ipb - 1) / ipb;
        int[] blockKeys = ExactPartitions.keys(blocks);
        TaskTimers timers = TaskTimers.on(spark.sparkContext());
        JavaRDD<InternalRow> chunks = Internals.rows(bars).mapPartitions(new BarChunks(spec, blockKeys, shared, timers));
        Dataset<Row> byInstrument = Internals.frame(spark, chunks, BarChunks.schema())
                .repartition(blocks, col(InstrumentStage.BLOCK_KEY));
        JavaRDD<InternalRow> scored = Internals.rows(byInstrument).mapPartitions(new InstrumentStage(spec, shared, timers));
        Dataset<Row> scores = Internals.frame(spark, scored, InstrumentStage.schema(spec));

        Dataset<Row> byBars = scores.repartition(spec.buckets(), col(InstrumentStage.BUCKET_KEY));
        JavaRDD<InternalRow> signals = Internals.rows(byBars).mapPartitions(new SignalStage(spec, shared, timers));
        return new Job(spec, universe, signals, Internals.frame(spark, signals, SignalStage.schema(spec)), timers);
    }

    /**
     * Runs the job and writes the frame to {@code out} as Parquet partitioned by {@code date} (each signal
     * task writes its dates' files itself, {@link DateParquetFiles}): into a
     * temporary sibling directory first, moved into place when complete, so {@code out} is never
     * half-written; refused when {@code out} exists.
     *
     * @return the universe's shape (instruments, bars) and the block sizes used
     * @throws IllegalArgumentException when {@code out} exists, or for bad bars (naming symbol, timestamp, field)
     */
    public Summary write(Dataset<Row> bars, Settings settings, Path out) throws IOException {
        return write(bars, settings, out, OutputPartitioning.DATE);
    }

    /** {@link #write(Dataset, Settings, Path)} with the output partitioned by {@code partitioning}. */
    Summary write(Dataset<Row> bars, Settings settings, Path out, OutputPartitioning partitioning) throws IOException {
        return write(bars, settings, out, partitioning, false);
    }

    /**
     * {@link #write(Dataset, Settings, Path, OutputPartitioning)}; by date through Spark's own Parquet writer
     * ({@code partitionBy("date")}, the layout's previous path) when {@code sparkWriter}, for the bench's
     * comparison.
     */
    Summary write(Dataset<Row> bars, Settings settings, Path out, OutputPartitioning partitioning, boolean sparkWriter)
            throws IOException {
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + ": already exists (--out must be a new directory)");
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + out.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Job job = plan(bars, settings);
            if (partitioning == OutputPartitioning.DATE && !sparkWriter) {  // one file per date and task, without Spark's writer
                Files.createDirectory(tmp);
                job.rows().mapPartitions(new DateParquetFiles(tmp.toString(), SignalStage.schema(job.spec()))).collect();
                Files.createFile(tmp.resolve("_SUCCESS"));
            } else {
                var writer = partitioning.prepare(job.frame()).write().mode(SaveMode.ErrorIfExists);
                if (partitioning.column() != null) {
                    writer = writer.partitionBy(partitioning.column());
                }
                writer.parquet(tmp.toString());
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(job.universe().instruments(), job.universe().bars(), job.spec().instrumentsPerBlock(),
                    job.spec().barsPerBucket(), job.timers().millis());
        } finally {
            deleteTree(tmp);
        }
    }

    /** What a written job covered, and the time vectrade's own code took in its tasks. */
    public record Summary(int instruments, int bars, int instrumentsPerBlock, int barsPerBucket, TaskTimers.Millis taskTimes) {
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
