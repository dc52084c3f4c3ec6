package io.vectrade.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;

/**
 * Where vectrade's own code in the tasks spends its time, in Spark accumulators (summed over the tasks of
 * a job, nanoseconds of CPU time of the task threads, so independent of the machine's load, comparable
 * with Spark's executor CPU time; a retried task counts twice): filling the
 * columns (which pulls the rows through Spark's reader, so it includes the shuffle read and
 * deserialisation of the input), computing, and encoding the feature stage's chunks. A few
 * {@link #cpuNanos} calls per task, none per bar. Thread-safe (accumulators).
 *
 * @param inputChunks  input stage: input rows read (Parquet or CSV, through Spark), given ids and bar
 *                     indices, and encoded as {@link BarChunks}
 * @param blockFill    feature stage: rows pulled from the input shuffle and scattered into the block's columns
 * @param blockCompute feature stage: features and model on the block
 * @param chunkEncode  feature stage: the block's chunks encoded as arrays (the shuffle writer pulls them)
 * @param bucketFill   signal stage: chunks pulled from the shuffle and copied into the bucket's columns
 * @param chainCompute signal stage: the policy chain over the bucket
 */
record TaskTimers(LongAccumulator inputChunks, LongAccumulator blockFill, LongAccumulator blockCompute, LongAccumulator chunkEncode,
                  LongAccumulator bucketFill, LongAccumulator chainCompute) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the calling thread, nanoseconds (user + system). */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** New accumulators registered on {@code sc}. */
    static TaskTimers on(SparkContext sc) {
        return new TaskTimers(sc.longAccumulator("vectrade.input_chunks_ns"), sc.longAccumulator("vectrade.block_fill_ns"), sc.longAccumulator("vectrade.block_compute_ns"),
                sc.longAccumulator("vectrade.chunk_encode_ns"), sc.longAccumulator("vectrade.bucket_fill_ns"),
                sc.longAccumulator("vectrade.chain_compute_ns"));
    }

    /** The values so far (on the driver, after the job), milliseconds of CPU. */
    Millis millis() {
        return new Millis(inputChunks.value() / 1e6, blockFill.value() / 1e6, blockCompute.value() / 1e6, chunkEncode.value() / 1e6,
                bucketFill.value() / 1e6, chainCompute.value() / 1e6);
    }

    /** {@link TaskTimers} read on the driver: milliseconds of CPU summed over the tasks. */
    record Millis(double inputChunks, double blockFill, double blockCompute, double chunkEncode, double bucketFill, double chainCompute) {
        static final Millis NONE = new Millis(0, 0, 0, 0, 0, 0);

        /** All of vectrade's timed task code. */
        double total() {
            return inputChunks + blockFill + blockCompute + chunkEncode + bucketFill + chainCompute;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CPU: input chunks %.0f ms, block fill %.0f ms, features+model %.0f ms, chunk encode %.0f ms, bucket fill %.0f ms,"
                    + " chain %.0f ms", inputChunks, blockFill, blockCompute, chunkEncode, bucketFill, chainCompute);
        }
    }
}
