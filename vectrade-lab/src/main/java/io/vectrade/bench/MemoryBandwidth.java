package io.vectrade.bench;

/**
 * This machine's memory bandwidth, as {@link BandwidthProbe} measured it at the start of a run
 * (STREAM's kernels and byte counts: copy {@code a[i] = b[i]} moves 16 bytes per element, triad
 * {@code a[i] = b[i] + s·c[i]} 24; the write-allocate read of {@code a} is not counted, as in
 * STREAM). Each figure is the best of a few repetitions, in bytes per second. Immutable.
 *
 * @param arrayBytes          bytes of each of the three arrays
 * @param lastLevelCacheBytes the largest cache the OS reports for cpu0 (/sys), or -1 when unknown; a
 *                            virtual machine may report its host's whole cache
 * @param threads             threads of the all-cores figures (the available processors)
 * @param copyOneThread       copy, one thread
 * @param triadOneThread      triad, one thread
 * @param copyAllCores        copy, {@code threads} threads over disjoint parts of the arrays
 * @param triadAllCores       triad, {@code threads} threads
 */
public record MemoryBandwidth(long arrayBytes, long lastLevelCacheBytes, int threads, double copyOneThread,
                              double triadOneThread, double copyAllCores, double triadAllCores) {

    /**
     * The bandwidth a cell computing on {@code threads} threads is held against: the triad (two
     * streams read, one written, like most feature kernels) on one thread when {@code threads} is 1,
     * else on all cores.
     */
    public double floorBytesPerSecond(int threads) {
        return threads <= 1 ? triadOneThread : triadAllCores;
    }
}
