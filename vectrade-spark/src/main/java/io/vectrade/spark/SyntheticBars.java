package io.vectrade.spark;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The synthetic market as Parquet bars in long form ({@code symbol, timestamp} (epoch ms), the five
 * values), one Spark task per chunk of {@value #CHUNK} instruments: chunk {@code c} is
 * {@link SyntheticMarket#generate}{@code (CHUNK, bars, seed + c)} with its symbols renamed
 * {@code S000000, S000001, ...} in universe order. Equal to one call for the whole universe only when it
 * fits one chunk (each chunk has its own common factor). No object per bar.
 */
final class SyntheticBars {
    static final int CHUNK = 250;
    static final StructType SCHEMA = new StructType().add("symbol", DataTypes.StringType, false)
            .add("timestamp", DataTypes.LongType, false).add("open", DataTypes.DoubleType, false)
            .add("high", DataTypes.DoubleType, false).add("low", DataTypes.DoubleType, false)
            .add("close", DataTypes.DoubleType, false).add("volume", DataTypes.DoubleType, false);

    private SyntheticBars() {
    }

    static void write(SparkSession spark, int instruments, int bars, long seed, Path out) throws IOException {
        int chunks = (instruments + CHUNK - 1) / CHUNK;
        List<Integer> ids = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            ids.add(c);
        }
        JavaRDD<InternalRow> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ids, chunks)
                .mapPartitions(it -> chunkRows(it, instruments, bars, seed));
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + out.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Internals.frame(spark, rows, SCHEMA).write().mode(SaveMode.ErrorIfExists).parquet(tmp.toString());
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            SparkPipeline.deleteTree(tmp);
        }
    }

    private static Iterator<InternalRow> chunkRows(Iterator<Integer> chunkIds, int instruments, int bars, long seed) {
        if (!chunkIds.hasNext()) {
            return java.util.Collections.emptyIterator();
        }
        int c = chunkIds.next();
        int first = c * CHUNK;
        int n = Math.min(CHUNK, instruments - first);
        Panel p = SyntheticMarket.generate(n, bars, seed + c);
        SpecificInternalRow row = new SpecificInternalRow(SCHEMA);
        return new Iterator<>() {
            private int cell;
            private UTF8String symbol;

            @Override
            public boolean hasNext() {
                return cell < n * bars;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = cell / bars;
                int t = cell - i * bars;
                cell++;
                if (t == 0) {
                    symbol = UTF8String.fromString(String.format("S%06d", first + i));
                }
                row.update(0, symbol);
                row.setLong(1, p.timestampMillis(t));
                row.setDouble(2, p.open(t, i));
                row.setDouble(3, p.high(t, i));
                row.setDouble(4, p.low(t, i));
                row.setDouble(5, p.close(t, i));
                row.setDouble(6, p.volume(t, i));
                return row;
            }
        };
    }
}
