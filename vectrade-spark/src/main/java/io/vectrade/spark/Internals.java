package io.vectrade.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * The places the job uses Spark's internal rows instead of {@link Row}: a frame's rows as
 * {@link InternalRow}s (Spark's own binary rows, read field by field, one reused object), and a frame
 * made from {@link InternalRow}s without a conversion per row, draining the listener bus
 * before reading metrics, and a task's output metrics set by a writer of vectrade's own. Both are Spark's {@code private[sql]} API,
 * public in bytecode; kept here so that a Spark upgrade that moves them breaks one class.
 */
final class Internals {
    private Internals() {
    }

    static JavaRDD<InternalRow> rows(Dataset<Row> frame) {
        return ((org.apache.spark.sql.classic.Dataset<Row>) frame).queryExecution().toRdd().toJavaRDD();
    }

    /** Waits until Spark's listener bus has delivered every event posted so far (at most 10 s). */
    static void drainListeners(SparkSession spark) {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        } catch (java.util.concurrent.TimeoutException e) {
            // a slow bus: the metrics seen so far
        }
    }

    /** Sets {@code task}'s output metrics (bytes and records written), as Spark's file writers do. */
    static void reportOutput(org.apache.spark.TaskContext task, long bytes, long records) {
        task.taskMetrics().outputMetrics().setBytesWritten(bytes);
        task.taskMetrics().outputMetrics().setRecordsWritten(records);
    }

    static Dataset<Row> frame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
    }
}
