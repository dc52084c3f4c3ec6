package io.vectrade.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.trunc;

/**
 * How {@code spark run} lays out its Parquet output: one directory per UTC {@code date} (the default), per
 * {@code month} or {@code year} (the first day of the period, e.g. {@code month=2024-03-01}), or none. The
 * frame keeps its {@code date} column in every layout but {@code date}, where the directory holds it.
 * Daily bars partitioned by date make one small file per date and task (2,520 directories for
 * panel-daily): the signal tasks write those themselves ({@link DateParquetFiles}), since Spark's writer's
 * cost per file dominated; month, year and none go through Spark's writer, where by month the same frame
 * is 120 directories (docs/spark.md).
 */
enum OutputPartitioning {
    DATE, MONTH, YEAR, NONE;

    /** Parses {@code date|month|year|none}. */
    static OutputPartitioning parse(String text) {
        for (OutputPartitioning p : values()) {
            if (p.name().equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("--partition-by must be date, month, year or none, --partition-by=" + text);
    }

    /** The partition column's name, or null for none. */
    String column() {
        return this == NONE ? null : name().toLowerCase(Locale.ROOT);
    }

    /** {@code frame} with the partition column this layout needs (the frame has {@code date} already). */
    Dataset<Row> prepare(Dataset<Row> frame) {
        return switch (this) {
            case DATE, NONE -> frame;
            case MONTH, YEAR -> frame.withColumn(column(), periodStart(col(SignalStage.DATE)));
        };
    }

    private Column periodStart(Column date) {
        return trunc(date, this == MONTH ? "month" : "year");
    }
}
