package io.vectrade.spark;

import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * Keys that send rows to the partition of one's choice under Spark SQL's hash partitioning
 * ({@code repartition(n, col)}: partition = {@code pmod(murmur3(key, seed 42), n)} for an int column).
 * The job's shuffles put instrument block {@code b} (and bucket of bars {@code b}) in partition
 * {@code b} with {@code keys(n)[b]}: no sampling pass as range partitioning needs, no sort, one block per
 * task. The stages check every row's partition, so a change in Spark's hashing fails loudly rather than
 * silently mixing blocks.
 */
final class ExactPartitions {
    /** Spark's seed for {@code Murmur3Hash} in hash partitioning. */
    private static final int SEED = 42;

    private ExactPartitions() {
    }

    /** For each partition {@code p < n}, an int key that hash partitioning sends to {@code p}. */
    static int[] keys(int n) {
        int[] keys = new int[n];
        boolean[] found = new boolean[n];
        int left = n;
        for (int k = 0; left > 0; k++) {
            int p = partition(k, n);
            if (!found[p]) {
                found[p] = true;
                keys[p] = k;
                left--;
            }
            if (k == Integer.MAX_VALUE) {
                throw new IllegalStateException("no key for every partition, partitions=" + n);
            }
        }
        return keys;
    }

    /** The partition Spark's hash partitioning gives an int key among {@code n}. */
    static int partition(int key, int n) {
        int h = Murmur3_x86_32.hashInt(key, SEED);
        int m = h % n;
        return m < 0 ? m + n : m;
    }
}
