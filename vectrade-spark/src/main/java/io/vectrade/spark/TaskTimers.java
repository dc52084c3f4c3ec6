package io.vectrade.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;

/**
 * Where vectrade's own code in the tasks spends its time, in Spark accumulators (summed over the tasks of
 * a job, nanoseconds of wall time of the task threads; a retried task counts twice): filling the
 * columns (which pulls the rows through Spark's reader, so it includes the shuffle read and
 * deserialisation of the input), computing, and encoding the feature stage's chunks. A few
 * {@link System#nanoTime} calls per task, none per bar. Thread-safe (accumulators).
 *
 * @param blockFill    feature stage: rows pulled from the input shuffle and scattered into the block's columns
 * @param blockCompute feature stage: features and model on the block
 * @param chunkEncode  feature stage: the block's chunks encoded as arrays (the shuffle writer pulls them)
 * @param bucketFill   signal stage: chunks pulled from the shuffle and copied into the bucket's columns
 * @param chainCompute signal stage: the policy chain over the bucket
 */
record TaskTimers(LongAccumulator blockFill, LongAccumulator blockCompute, LongAccumulator chunkEncode,
                  LongAccumulator bucketFill, LongAccumulator chainCompute) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** New accumulators registered on {@code sc}. */
    static TaskTimers on(SparkContext sc) {
        return new TaskTimers(sc.longAccumulator("vectrade.block_fill_ns"), sc.longAccumulator("vectrade.block_compute_ns"),
                sc.longAccumulator("vectrade.chunk_encode_ns"), sc.longAccumulator("vectrade.bucket_fill_ns"),
                sc.longAccumulator("vectrade.chain_compute_ns"));
    }

    /** The values so far (on the driver, after the job), milliseconds. */
    Millis millis() {
        return new Millis(blockFill.value() / 1e6, blockCompute.value() / 1e6, chunkEncode.value() / 1e6,
                bucketFill.value() / 1e6, chainCompute.value() / 1e6);
    }

    /** {@link TaskTimers} read on the driver: milliseconds summed over the tasks. */
    record Millis(double blockFill, double blockCompute, double chunkEncode, double bucketFill, double chainCompute) {
        static final Millis NONE = new Millis(0, 0, 0, 0, 0);

        /** Features, model and chain: the pipeline's own computation. */
        double compute() {
            return blockCompute + chainCompute;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "block fill %.0f ms, features+model %.0f ms, chunk encode %.0f ms, bucket fill %.0f ms,"
                    + " chain %.0f ms", blockFill, blockCompute, chunkEncode, bucketFill, chainCompute);
        }
    }
}
