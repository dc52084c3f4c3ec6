package io.vectrade.spark;

import io.vectrade.data.SyntheticMarket;
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
 * {@code vectrade spark synthetic --shape NxT --out DIR}: the built-in synthetic market as Parquet bars in
 * long form, generated inside Spark tasks in chunks of instruments (so a universe larger than one heap
 * can be written).
 */
@Command(name = "synthetic", mixinStandardHelpOptions = true,
        description = "Writes a synthetic market (instruments x bars) as Parquet bars in long form.")
final class SparkSyntheticCommand implements Callable<Integer> {
    @Option(names = "--shape", defaultValue = "100x2520", description = "instruments x bars (default: ${DEFAULT-VALUE}).")
    String shape;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output directory (must not exist).")
    Path out;

    @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public Integer call() throws IOException {
        SyntheticMarket.Shape s = SyntheticMarket.Shape.parse(shape);
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + ": already exists (--out must be a new directory)");
        }
        long t0 = System.nanoTime();
        SparkSession spark = LocalSessions.start(LocalSessions.master(master), Map.of());
        try {
            SyntheticBars.write(spark, s.instruments(), s.bars(), seed, out);
        } finally {
            spark.stop();
        }
        System.out.printf(Locale.ROOT, "vectrade spark: %d instruments x %d bars -> %s in %.1f s%n", s.instruments(), s.bars(),
                out, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
