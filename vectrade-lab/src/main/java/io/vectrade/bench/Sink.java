package io.vectrade.bench;

import io.vectrade.feature.FeatureTable;

/**
 * Where measured outputs go so the JIT cannot prove them dead: after each timed sample (outside
 * the timer) a few cells of every output column are folded into a checksum that is reported with
 * the results. Single-threaded: the harness calls it from the measuring thread only.
 */
public final class Sink {
    private long checksum = 0x9E3779B97F4A7C15L;
    private long folded;

    /** Folds one value (its raw bits, so NaN counts too). */
    public void consume(double v) {
        checksum = Long.rotateLeft(checksum ^ Double.doubleToRawLongBits(v), 23) * 0x9E3779B97F4A7C15L;
        folded++;
    }

    /** Folds a number. */
    public void consume(long v) {
        checksum = Long.rotateLeft(checksum ^ v, 23) * 0x9E3779B97F4A7C15L;
        folded++;
    }

    /** Folds the last row, the middle row and a strided sample of every column of {@code table}. */
    public void consume(FeatureTable table) {
        int cells = table.bars() * table.instruments();
        int step = Math.max(1, cells / 16);
        for (int c = 0; c < table.features().columns(); c++) {
            double[] col = table.column(c);
            for (int k = cells - 1; k >= 0; k -= step) {
                consume(col[k]);
            }
            consume(col[cells / 2]);
        }
    }

    /** Folds the last cell, the middle cell and a strided sample of {@code values} (scores, weights). */
    public void consume(double[] values) {
        int step = Math.max(1, values.length / 16);
        for (int k = values.length - 1; k >= 0; k -= step) {
            consume(values[k]);
        }
        if (values.length > 0) {
            consume(values[values.length / 2]);
        }
    }

    /** The checksum as 16 hex digits. */
    public String hex() {
        return String.format("%016x", checksum);
    }

    /** Values folded so far. */
    public long folded() {
        return folded;
    }
}
