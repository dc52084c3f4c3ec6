package io.vectrade.data;

import java.util.Arrays;
import java.util.List;

/**
 * Aligns instruments with different calendars into one {@link Panel}: the panel's timestamps
 * are the sorted union of every instrument's timestamps, and an instrument without a bar at a
 * union timestamp gets a missing bar (NaN in all five columns).
 *
 * <p>Memory: one temporary {@code long} per input bar for the union, then the panel itself
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
        long[] all = new long[(int) total];
        int k = 0;
        for (BarSeriesBuilder s : series) {
            for (int j = 0; j < s.size(); j++) {
                all[k++] = s.timestampMillis(j);
            }
        }
        if (n > 1) {
            Arrays.sort(all);
        }
        int t = 0;
        for (int j = 0; j < all.length; j++) {
            if (j == 0 || all[j] != all[t - 1]) {
                all[t++] = all[j];
            }
        }
        long[] times = Arrays.copyOf(all, t);
        long cells = (long) t * n;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("panel too large, instruments=" + n + " bars=" + t);
        }
        double[] o = new double[(int) cells];
        double[] h = new double[(int) cells];
        double[] l = new double[(int) cells];
        double[] c = new double[(int) cells];
        double[] v = new double[(int) cells];
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
}
