package io.vectrade.data;

import java.util.Arrays;
import java.util.List;

/**
 * Aligns instruments with different calendars into one {@link Panel}: the panel's timestamps
 * are the sorted union of every instrument's timestamps, and an instrument without a bar at a
 * union timestamp gets a missing bar (NaN in all five columns).
 *
 * <p>Memory: one temporary {@code long} per input bar for the union (none when every instrument
 * has the same timestamps, the common case, which is also filled by a cache-friendly blocked
 * transpose), then the panel itself
 * (T<sub>union</sub> × N × 40 bytes + T<sub>union</sub> × 8 bytes). Stateless and thread-safe.
 */
public final class UnionCalendar {
    private UnionCalendar() {
    }

    /**
     * Builds the panel.
     *
     * @param symbols one per series, distinct
     * @param series  each with strictly increasing timestamps
     * @throws IllegalArgumentException if the lists differ in size, are empty, a series is empty or not strictly increasing
     */
    public static Panel align(List<String> symbols, List<BarSeriesBuilder> series) {
        int n = series.size();
        if (symbols.size() != n || n == 0) {
            throw new IllegalArgumentException("need one symbol per series, symbols=" + symbols.size() + " series=" + n);
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (series.get(i).size() == 0) {
                throw new IllegalArgumentException("instrument has no bars, symbol=" + symbols.get(i));
            }
            total += series.get(i).size();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many bars, bars=" + total);
        }
        boolean same = sameCalendar(series);
        long[] times = same ? series.getFirst().timestampsMillis() : union(series, (int) total);
        int t = times.length;
        long cells = (long) t * n;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("panel too large, instruments=" + n + " bars=" + t);
        }
        double[] o = new double[(int) cells];
        double[] h = new double[(int) cells];
        double[] l = new double[(int) cells];
        double[] c = new double[(int) cells];
        double[] v = new double[(int) cells];
        if (same) {
            // every instrument has a bar at every time: a blocked transpose, a few instruments at a
            // time, so that each row's writes share cache lines instead of striding over N
            fillDense(series, n, t, o, h, l, c, v);
            return Panel.of(symbols, times, o, h, l, c, v);
        }
        for (int i = 0; i < n; i++) {
            BarSeriesBuilder s = series.get(i);
            int j = 0;
            for (int r = 0; r < t; r++) {
                int x = r * n + i;
                if (j < s.size() && s.timestampMillis(j) == times[r]) {
                    o[x] = s.open(j);
                    h[x] = s.high(j);
                    l[x] = s.low(j);
                    c[x] = s.close(j);
                    v[x] = s.volume(j);
                    j++;
                } else {
                    o[x] = Double.NaN;
                    h[x] = Double.NaN;
                    l[x] = Double.NaN;
                    c[x] = Double.NaN;
                    v[x] = Double.NaN;
                }
            }
            if (j != s.size()) {
                throw new IllegalArgumentException("timestamps not strictly increasing, symbol=" + symbols.get(i));
            }
        }
        return Panel.of(symbols, times, o, h, l, c, v);
    }

    /** Whether every series has the first one's timestamps (the common case of one exchange calendar). */
    private static boolean sameCalendar(List<BarSeriesBuilder> series) {
        BarSeriesBuilder first = series.getFirst();
        for (int i = 1; i < series.size(); i++) {
            BarSeriesBuilder s = series.get(i);
            if (s.size() != first.size()) {
                return false;
            }
            for (int j = 0; j < s.size(); j++) {
                if (s.timestampMillis(j) != first.timestampMillis(j)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The sorted, distinct union of the series' timestamps. */
    private static long[] union(List<BarSeriesBuilder> series, int total) {
        long[] all = new long[total];
        int k = 0;
        for (BarSeriesBuilder s : series) {
            for (int j = 0; j < s.size(); j++) {
                all[k++] = s.timestampMillis(j);
            }
        }
        if (series.size() > 1) {
            Arrays.sort(all);
        }
        int t = 0;
        for (int j = 0; j < all.length; j++) {
            if (j == 0 || all[j] != all[t - 1]) {
                all[t++] = all[j];
            }
        }
        return Arrays.copyOf(all, t);
    }

    /** Instruments per block of the dense transpose: 16 doubles are two cache lines of each column's row. */
    private static final int BLOCK = 16;

    /** Bar r of series i to cell r * n + i when every series has the same t timestamps (a blocked transpose). */
    private static void fillDense(List<BarSeriesBuilder> series, int n, int t, double[] o, double[] h, double[] l,
                                  double[] c, double[] v) {
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            int i1 = Math.min(n, i0 + BLOCK);
            for (int r = 0; r < t; r++) {
                int row = r * n;
                for (int i = i0; i < i1; i++) {
                    BarSeriesBuilder s = series.get(i);
                    o[row + i] = s.open(r);
                    h[row + i] = s.high(r);
                    l[row + i] = s.low(r);
                    c[row + i] = s.close(r);
                    v[row + i] = s.volume(r);
                }
            }
        }
    }
}
