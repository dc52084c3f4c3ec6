package io.vectrade.feature;

import io.vectrade.data.Panel;

/**
 * Feature values for a panel: one time-major {@code double[T * N]} column per output column of a
 * {@link FeatureSet} (value of instrument {@code i} at bar {@code t} at {@code t * N + i}).
 * NaN marks warm-up bars and missing bars.
 *
 * <p>Allocate once with {@link #allocate} and pass to
 * {@link FeatureEngine#computeInto} again and again: repeated runs then pay for no allocation.
 * Not thread-safe while being written.
 */
public final class FeatureTable {
    private final FeatureSet features;
    private final int bars;
    private final int instruments;
    private final double[][] columns;

    private FeatureTable(FeatureSet features, int bars, int instruments, double[][] columns) {
        this.features = features;
        this.bars = bars;
        this.instruments = instruments;
        this.columns = columns;
    }

    /** A table of NaN-free zeroed columns for {@code bars × instruments}. */
    public static FeatureTable allocate(FeatureSet features, int bars, int instruments) {
        long cells = (long) bars * instruments;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("feature table too large, bars=" + bars + " instruments=" + instruments);
        }
        double[][] cols = new double[features.columns()][(int) cells];
        return new FeatureTable(features, bars, instruments, cols);
    }

    /** A table shaped for {@code panel}. */
    public static FeatureTable allocate(FeatureSet features, Panel panel) {
        return allocate(features, panel.bars(), panel.instruments());
    }

    public FeatureSet features() {
        return features;
    }

    public int bars() {
        return bars;
    }

    public int instruments() {
        return instruments;
    }

    /** Column {@code c} (time-major, live: written by engines, read by callers). */
    public double[] column(int c) {
        return columns[c];
    }

    /** Column by name, e.g. {@code "rsi(14)"} or {@code "macd(12,26,9).hist"}. */
    public double[] column(String name) {
        int c = features.columnIndex(name);
        if (c < 0) {
            throw new IllegalArgumentException("no such column, name=" + name + " columns=" + features.columnNames());
        }
        return columns[c];
    }

    /** Value of column {@code c} for instrument {@code i} at bar {@code t}. */
    public double value(int c, int t, int i) {
        return columns[c][t * instruments + i];
    }

    /** True when this table can hold the features of {@code panel}. */
    public boolean fits(FeatureSet set, Panel panel) {
        return features.equals(set) && bars == panel.bars() && instruments == panel.instruments();
    }
}
