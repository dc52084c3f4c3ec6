package io.vectrade.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * N instruments × T bars of open, high, low, close and volume, stored column by column and
 * time-major: the value of instrument {@code i} at bar {@code t} sits at
 * {@code offset() + t * stride() + i} of each column array.
 *
 * <pre>
 *   column array (stride = N of the base panel)
 *   t=0: | i0 | i1 | ... | iN-1 |
 *   t=1: | i0 | i1 | ... | iN-1 |
 *   ...
 * </pre>
 *
 * <p>A <em>missing bar</em> (an instrument that did not trade at a timestamp of the union
 * calendar) has NaN in all five columns. Timestamps are epoch milliseconds, shared by all
 * instruments and strictly increasing.
 *
 * <p>{@link #instruments(int, int)} and {@link #bars(int, int)} return views that share the
 * arrays: no copy. A panel is immutable by contract (its arrays are never written after
 * construction) and safe to share between threads.
 */
public final class Panel {
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final long[] timestampsMillis;
    private final String[] symbols;
    private final int offset;
    private final int stride;
    private final int bars;
    private final int instruments;
    private final int timeOffset;
    private final int symbolOffset;

    private Panel(double[] open, double[] high, double[] low, double[] close, double[] volume,
                  long[] timestampsMillis, String[] symbols, int offset, int stride, int bars,
                  int instruments, int timeOffset, int symbolOffset) {
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.timestampsMillis = timestampsMillis;
        this.symbols = symbols;
        this.offset = offset;
        this.stride = stride;
        this.bars = bars;
        this.instruments = instruments;
        this.timeOffset = timeOffset;
        this.symbolOffset = symbolOffset;
    }

    /**
     * Wraps time-major columns of length {@code T * N} (no copy: the caller hands them over).
     *
     * @throws IllegalArgumentException if lengths disagree or timestamps are not strictly increasing
     */
    public static Panel of(List<String> symbols, long[] timestampsMillis,
                           double[] open, double[] high, double[] low, double[] close, double[] volume) {
        Objects.requireNonNull(symbols, "symbols");
        int n = symbols.size();
        int t = timestampsMillis.length;
        if (n == 0) {
            throw new IllegalArgumentException("a panel needs at least one instrument");
        }
        long cells = (long) n * t;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("panel too large, instruments=" + n + " bars=" + t);
        }
        for (double[] c : new double[][] {open, high, low, close, volume}) {
            if (c.length != cells) {
                throw new IllegalArgumentException(
                        "column length must be bars*instruments, length=" + c.length + " expected=" + cells);
            }
        }
        for (int k = 1; k < t; k++) {
            if (timestampsMillis[k] <= timestampsMillis[k - 1]) {
                throw new IllegalArgumentException("timestamps must be strictly increasing, index=" + k);
            }
        }
        return new Panel(open, high, low, close, volume, timestampsMillis,
                symbols.toArray(String[]::new), 0, n, t, n, 0, 0);
    }

    /** Number of bars T (rows). */
    public int bars() {
        return bars;
    }

    /** Number of instruments N (columns). */
    public int instruments() {
        return instruments;
    }

    /** Index of the first cell of this view in the column arrays. */
    public int offset() {
        return offset;
    }

    /** Distance between bar t and bar t+1 of one instrument in the column arrays. */
    public int stride() {
        return stride;
    }

    /** Index into the column arrays of instrument {@code i} at bar {@code t}. */
    public int index(int t, int i) {
        return offset + t * stride + i;
    }

    /** Backing open column (time-major, shared: do not write). */
    public double[] openColumn() {
        return open;
    }

    /** Backing high column (time-major, shared: do not write). */
    public double[] highColumn() {
        return high;
    }

    /** Backing low column (time-major, shared: do not write). */
    public double[] lowColumn() {
        return low;
    }

    /** Backing close column (time-major, shared: do not write). */
    public double[] closeColumn() {
        return close;
    }

    /** Backing volume column (time-major, shared: do not write). */
    public double[] volumeColumn() {
        return volume;
    }

    public double open(int t, int i) {
        return open[index(t, i)];
    }

    public double high(int t, int i) {
        return high[index(t, i)];
    }

    public double low(int t, int i) {
        return low[index(t, i)];
    }

    public double close(int t, int i) {
        return close[index(t, i)];
    }

    public double volume(int t, int i) {
        return volume[index(t, i)];
    }

    /** True when instrument {@code i} has no bar at {@code t} (NaN close). */
    public boolean isMissing(int t, int i) {
        return Double.isNaN(close[index(t, i)]);
    }

    /**
     * Copies bar {@code t} of every instrument into length-N arrays (one tick of a replay);
     * a missing bar copies as NaN. Allocates nothing.
     */
    public void copyBar(int t, double[] open, double[] high, double[] low, double[] close, double[] volume) {
        int from = index(t, 0);
        System.arraycopy(this.open, from, open, 0, instruments);
        System.arraycopy(this.high, from, high, 0, instruments);
        System.arraycopy(this.low, from, low, 0, instruments);
        System.arraycopy(this.close, from, close, 0, instruments);
        System.arraycopy(this.volume, from, volume, 0, instruments);
    }

    /** Timestamp of bar {@code t} in epoch milliseconds. */
    public long timestampMillis(int t) {
        return timestampsMillis[timeOffset + t];
    }

    /** Symbol of instrument {@code i}. */
    public String symbol(int i) {
        return symbols[symbolOffset + i];
    }

    /** Symbols of this view, in column order (a copy). */
    public List<String> symbols() {
        return List.of(Arrays.copyOfRange(symbols, symbolOffset, symbolOffset + instruments));
    }

    /** Timestamps of this view in epoch milliseconds (a copy). */
    public long[] timestampsMillis() {
        return Arrays.copyOfRange(timestampsMillis, timeOffset, timeOffset + bars);
    }

    /** True when this view covers whole rows of its arrays, so row t starts at {@code t * instruments}. */
    public boolean isDense() {
        return offset == 0 && stride == instruments;
    }

    /** The instruments {@code [from, from + count)}, all bars; shares the arrays. */
    public Panel instruments(int from, int count) {
        Objects.checkFromIndexSize(from, count, instruments);
        if (count == 0) {
            throw new IllegalArgumentException("a panel needs at least one instrument");
        }
        return new Panel(open, high, low, close, volume, timestampsMillis, symbols,
                offset + from, stride, bars, count, timeOffset, symbolOffset + from);
    }

    /** The bars {@code [from, from + count)}, all instruments; shares the arrays. */
    public Panel bars(int from, int count) {
        Objects.checkFromIndexSize(from, count, bars);
        return new Panel(open, high, low, close, volume, timestampsMillis, symbols,
                offset + from * stride, stride, count, instruments, timeOffset + from, symbolOffset);
    }

    /** A dense copy of this view (offset 0, stride = instruments). */
    public Panel compact() {
        if (isDense() && open.length == (long) bars * instruments) {
            return this;
        }
        int n = instruments;
        double[][] out = new double[5][bars * n];
        double[][] in = {open, high, low, close, volume};
        for (int c = 0; c < 5; c++) {
            for (int t = 0; t < bars; t++) {
                System.arraycopy(in[c], index(t, 0), out[c], t * n, n);
            }
        }
        return of(symbols(), timestampsMillis(), out[0], out[1], out[2], out[3], out[4]);
    }

    @Override
    public String toString() {
        return "Panel[instruments=" + instruments + ", bars=" + bars + "]";
    }
}
