package io.vectrade.spark;

import io.vectrade.data.Timestamps;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.unix_millis;

/**
 * Reads bars in long form ({@code symbol, timestamp, open, high, low, close, volume}; header names
 * case-insensitive, {@code date} for {@code timestamp} too) from Parquet or CSV files into the
 * normalised columns {@link #COLUMNS}: symbol (string), timestamp (long, epoch milliseconds), the five
 * values (double).
 *
 * <p>Timestamps: CSV text in every form {@link Timestamps#parseMillis} reads (the single-JVM reader's
 * forms); Parquet {@code timestamp}, {@code date}, integers (epoch seconds below
 * {@link Timestamps#EPOCH_SECONDS_LIMIT}, else milliseconds) or text. Numbers are read as Java's
 * {@link Double#parseDouble} reads them; an unparsable one becomes null here and is reported by
 * {@link InstrumentStage} with symbol, timestamp and field. A missing or unknown column is refused
 * here, before any job runs.
 */
final class BarInput {
    static final String SYMBOL = "symbol";
    static final String TIMESTAMP = "timestamp";
    static final List<String> VALUES = List.of("open", "high", "low", "close", "volume");
    static final List<String> COLUMNS = List.of(SYMBOL, TIMESTAMP, "open", "high", "low", "close", "volume");
    private static final String PARSE_UDF = "vectrade_parse_millis";

    private BarInput() {
    }

    /** The format of {@code data}: a file or a directory of {@code .parquet} or {@code .csv} files. */
    enum Format { PARQUET, CSV }

    /**
     * Reads {@code data} (a file, or a directory searched recursively for .parquet / .csv files).
     *
     * @throws IllegalArgumentException naming the path and the reason (no files, mixed formats, bad header)
     * @throws IOException              if the directory cannot be listed
     */
    static Dataset<Row> read(SparkSession spark, Path data) throws IOException {
        Format format = formatOf(data);
        Dataset<Row> raw = switch (format) {
            case PARQUET -> spark.read().option("recursiveFileLookup", "true").parquet(data.toString());
            case CSV -> spark.read().option("header", "true").option("recursiveFileLookup", "true")
                    .option("inferSchema", "false").option("mode", "FAILFAST").csv(data.toString());
        };
        return normalise(spark, raw, data);
    }

    static Format formatOf(Path data) throws IOException {
        if (!Files.exists(data)) {
            throw new IllegalArgumentException(data + ": no such file or directory (--data)");
        }
        List<Path> files;
        if (Files.isDirectory(data)) {
            try (Stream<Path> s = Files.walk(data)) {
                files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> !p.getFileName().toString().startsWith("_")).toList();
            }
        } else {
            files = List.of(data);
        }
        boolean parquet = files.stream().anyMatch(p -> name(p).endsWith(".parquet"));
        boolean csv = files.stream().anyMatch(p -> name(p).endsWith(".csv"));
        if (parquet == csv) {
            throw new IllegalArgumentException(data + ": " + (parquet ? "both .parquet and .csv files" : "no .parquet or .csv file")
                    + " (--data takes bars in long form, Parquet or CSV)");
        }
        return parquet ? Format.PARQUET : Format.CSV;
    }

    private static String name(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /** Renames, checks and casts the columns of a raw frame into {@link #COLUMNS}. */
    static Dataset<Row> normalise(SparkSession spark, Dataset<Row> raw, Path source) {
        Map<String, StructField> byName = new HashMap<>();
        for (StructField f : raw.schema().fields()) {
            String key = f.name().strip().toLowerCase(Locale.ROOT);
            if (key.equals("date")) {
                key = TIMESTAMP;
            }
            if (!COLUMNS.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown column '" + f.name() + "', expected "
                        + String.join(",", COLUMNS));
            }
            if (byName.put(key, f) != null) {
                throw new IllegalArgumentException(source + ": duplicate column '" + key + "'");
            }
        }
        for (String c : COLUMNS) {
            if (!byName.containsKey(c)) {
                throw new IllegalArgumentException(source + ": missing column '" + c + "', expected " + String.join(",", COLUMNS)
                        + " (long form)");
            }
        }
        List<Column> cols = new ArrayList<>();
        cols.add(col(quoted(byName.get(SYMBOL))).cast(DataTypes.StringType).as(SYMBOL));
        cols.add(millis(spark, byName.get(TIMESTAMP)).as(TIMESTAMP));
        for (String v : VALUES) {
            StructField f = byName.get(v);
            cols.add(f.dataType() instanceof org.apache.spark.sql.types.StringType
                    ? expr("try_cast(" + quoted(f) + " as double)").as(v)
                    : col(quoted(f)).cast(DataTypes.DoubleType).as(v));
        }
        return raw.select(cols.toArray(Column[]::new));
    }

    private static String quoted(StructField f) {
        return "`" + f.name().replace("`", "``") + "`";
    }

    private static Column millis(SparkSession spark, StructField f) {
        DataType t = f.dataType();
        Column c = col(quoted(f));
        if (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType)) {
            return unix_millis(c.cast(DataTypes.TimestampType));
        }
        if (t.equals(DataTypes.DateType)) {
            return c.cast(DataTypes.IntegerType).cast(DataTypes.LongType).multiply(86_400_000L);
        }
        // integer epochs go through Timestamps like the CSV readers: the unit by magnitude where it is unambiguous
        spark.udf().register(PARSE_UDF, (UDF1<String, Long>) BarInput::parseMillis, DataTypes.LongType);
        return callUDF(PARSE_UDF, c.cast(DataTypes.StringType));
    }

    private static Long parseMillis(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a bar has no timestamp (field timestamp is empty)");
        }
        try {
            return Timestamps.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field timestamp: " + e.getMessage(), e);
        }
    }
}
