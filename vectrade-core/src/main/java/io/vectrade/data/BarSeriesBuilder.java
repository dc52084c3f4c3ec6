package io.vectrade.data;

import java.util.Arrays;

/**
 * Growable primitive columns for the bars of one instrument, in the order they are added:
 * 8 bytes of timestamp and 5 × 8 bytes of OHLCV, 48 bytes per bar (plus at most 50% growth
 * slack). No object per bar. Checks nothing itself: readers validate before adding.
 * Not thread-safe.
 */
public final class BarSeriesBuilder {
    private static final int INITIAL_CAPACITY = 256;

    private final double[] scratch = new double[5];
    private long[] timestampsMillis = new long[INITIAL_CAPACITY];
    private double[] open = new double[INITIAL_CAPACITY];
    private double[] high = new double[INITIAL_CAPACITY];
    private double[] low = new double[INITIAL_CAPACITY];
    private double[] close = new double[INITIAL_CAPACITY];
    private double[] volume = new double[INITIAL_CAPACITY];
    private int size;

    /** An empty builder. */
    public BarSeriesBuilder() {
    }

    /** Appends one bar. */
    public void add(long timestampMillis, double o, double h, double l, double c, double v) {
        if (size == timestampsMillis.length) {
            grow();
        }
        timestampsMillis[size] = timestampMillis;
        open[size] = o;
        high[size] = h;
        low[size] = l;
        close[size] = c;
        volume[size] = v;
        size++;
    }

    /**
     * Makes room for {@code more} bars beyond the current size at once (a reader that knows how many
     * are coming saves the copies of repeated growth).
     */
    public void ensureRoomFor(int more) {
        long need = (long) size + more;
        if (need > timestampsMillis.length) {
            resize((int) Math.min(Integer.MAX_VALUE - 8, need));
        }
    }

    private void grow() {
        resize(size + (size >> 1) + 1);
    }

    private void resize(int cap) {
        timestampsMillis = Arrays.copyOf(timestampsMillis, cap);
        open = Arrays.copyOf(open, cap);
        high = Arrays.copyOf(high, cap);
        low = Arrays.copyOf(low, cap);
        close = Arrays.copyOf(close, cap);
        volume = Arrays.copyOf(volume, cap);
    }

    /** A five-slot scratch array for readers that parse one bar before adding it (not part of the data). */
    public double[] scratch() {
        return scratch;
    }

    /** Bars added so far. */
    public int size() {
        return size;
    }

    /** Timestamp of the last bar added, or {@link Long#MIN_VALUE} when empty. */
    public long lastTimestampMillis() {
        return size == 0 ? Long.MIN_VALUE : timestampsMillis[size - 1];
    }

    /** A copy of the timestamps of the bars added, in order. */
    public long[] timestampsMillis() {
        return Arrays.copyOf(timestampsMillis, size);
    }

    public long timestampMillis(int k) {
        return timestampsMillis[k];
    }

    public double open(int k) {
        return open[k];
    }

    public double high(int k) {
        return high[k];
    }

    public double low(int k) {
        return low[k];
    }

    public double close(int k) {
        return close[k];
    }

    public double volume(int k) {
        return volume[k];
    }
}
