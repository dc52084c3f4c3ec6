package io.vectrade.cuda;

/**
 * Where the time of one {@link CudaFeatureEngine#computeInto} call went. Device stages are
 * measured with CUDA events (milliseconds, resolution about 0.5 µs); host stages with
 * {@link System#nanoTime()}.
 *
 * @param hostPackMillis    panel columns into pinned host buffers (conversion to float included)
 * @param uploadMillis      host-to-device copies (plus compaction of missing bars, if any), from the
 *                          first column's copy; the columns are packed one after another, each
 *                          copied as soon as it is packed, so this overlaps (and includes waits
 *                          for) the packing of the later columns
 * @param kernelMillis      from the end of the upload to the end of the last kernel
 * @param downloadTailMillis device-to-host copies still running after the last kernel (the rest
 *                          overlaps the kernels on a second stream)
 * @param deviceMillis      first upload to last download, on the device's clock
 * @param hostUnpackMillis  pinned host buffers into the feature table, the part after the last
 *                          download: the first half of the columns is unpacked while the second
 *                          half downloads, and only what is left of it then counts
 * @param kernelLaunches    kernels launched
 */
public record CudaStageTimings(double hostPackMillis, double uploadMillis, double kernelMillis,
                               double downloadTailMillis, double deviceMillis, double hostUnpackMillis,
                               int kernelLaunches) {
}
