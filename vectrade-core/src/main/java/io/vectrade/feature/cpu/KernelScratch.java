package io.vectrade.feature.cpu;

/**
 * Temporaries for the kernels of one series, sized for {@code capacity} bars and reused across
 * calls so that a kernel allocates nothing. Every kernel may overwrite every buffer: the content
 * is only valid inside one kernel call. Not thread-safe.
 */
final class KernelScratch {
    /** Two double series of {@code capacity} values (intermediate series, ring buffers). */
    final double[] a;
    final double[] b;
    /** Two index queues of {@code capacity} values (monotonic deques of highest/lowest). */
    final int[] qa;
    final int[] qb;
    /** Rolling moments for the own rolling features. */
    final RollingMoments moments = new RollingMoments();
    /** Running sums for the own rolling features. */
    final CompensatedSum sum1 = new CompensatedSum();
    final CompensatedSum sum2 = new CompensatedSum();
    final CompensatedSum sum3 = new CompensatedSum();

    KernelScratch(int capacity) {
        a = new double[capacity];
        b = new double[capacity];
        qa = new int[capacity];
        qb = new int[capacity];
    }

    int capacity() {
        return a.length;
    }
}
