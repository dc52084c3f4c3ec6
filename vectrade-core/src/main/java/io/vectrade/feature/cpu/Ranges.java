package io.vectrade.feature.cpu;

/**
 * Oscillators over the high-low range of a window, with TA-Lib's arithmetic: {@code stoch(k,sk,d)},
 * {@code willr(n)}, {@code cci(n)}. Highest high and lowest low come from monotonic deques (O(1)
 * amortised per bar; the extremes are exact, so they equal TA-Lib's rescanning approach).
 * Stateless; thread-safe.
 */
final class Ranges {
    private Ranges() {
    }

    /**
     * Slow stochastic as TA-Lib STOCH with SMA smoothing: fastK = (c - LL) / ((HH - LL) / 100) over
     * {@code k} bars (0 when HH = LL), .k = SMA(sk) of fastK, .d = SMA(d) of .k; percent in
     * [0, 100]. Writes {@code [k + sk + d - 3, length)}.
     */
    static void stoch(double[] high, double[] low, double[] close, int length, int k, int sk, int d,
                      double[] outK, double[] outD, KernelScratch s) {
        int lookback = (k - 1) + (sk - 1) + (d - 1);
        if (lookback >= length) {
            return;
        }
        // fastK in place over the highest highs (a), reading the lowest lows (b)
        double[] fastK = s.a;
        double[] lowest = s.b;
        highestLowest(high, low, length, k, fastK, lowest, s);
        for (int t = k - 1; t < length; t++) {
            double diff = (fastK[t] - lowest[t]) / 100.0;
            fastK[t] = diff != 0.0 ? (close[t] - lowest[t]) / diff : 0.0;
        }
        double[] slowK = s.b;
        Averages.sma(fastK, k - 1, length, sk, slowK);
        Averages.sma(slowK, k + sk - 2, length, d, outD);
        System.arraycopy(slowK, lookback, outK, lookback, length - lookback);
    }

    /**
     * Williams %R as TA-Lib WILLR: (HH - c) / ((HH - LL) / -100) over {@code n} bars, in
     * [-100, 0]; 0 when HH = LL. Writes {@code [n - 1, length)}.
     */
    static void willr(double[] high, double[] low, double[] close, int length, int n, double[] out,
                      KernelScratch s) {
        if (n - 1 >= length) {
            return;
        }
        double[] highest = s.a;
        double[] lowest = s.b;
        highestLowest(high, low, length, n, highest, lowest, s);
        for (int t = n - 1; t < length; t++) {
            double diff = (highest[t] - lowest[t]) / (-100.0);
            out[t] = diff != 0.0 ? (highest[t] - close[t]) / diff : 0.0;
        }
    }

    /**
     * Highest high and lowest low of the {@code n} bars ending at t, into {@code highest[t]} and
     * {@code lowest[t]} for t in {@code [n - 1, length)}, from monotonic deques in the scratch's
     * index queues (amortised O(1) per bar).
     */
    private static void highestLowest(double[] high, double[] low, int length, int n, double[] highest,
                                      double[] lowest, KernelScratch s) {
        int[] maxQ = s.qa;
        int[] minQ = s.qb;
        int maxHead = 0;
        int maxTail = 0;
        int minHead = 0;
        int minTail = 0;
        for (int t = 0; t < length; t++) {
            while (maxTail > maxHead && high[maxQ[maxTail - 1]] <= high[t]) {
                maxTail--;
            }
            maxQ[maxTail++] = t;
            while (minTail > minHead && low[minQ[minTail - 1]] >= low[t]) {
                minTail--;
            }
            minQ[minTail++] = t;
            if (t < n - 1) {
                continue;
            }
            if (maxQ[maxHead] <= t - n) {
                maxHead++;
            }
            if (minQ[minHead] <= t - n) {
                minHead++;
            }
            highest[t] = high[maxQ[maxHead]];
            lowest[t] = low[minQ[minHead]];
        }
    }

    /**
     * Commodity channel index as TA-Lib CCI: typical price tp = (h + l + c) / 3,
     * (tp - mean) / (0.015 * mean absolute deviation) over {@code n} bars; 0 when either is zero.
     * The mean absolute deviation needs the whole window, so this kernel is O(length * n) like
     * TA-Lib's; it sums a ring buffer in slot order exactly as TA-Lib does. Writes
     * {@code [n - 1, length)}.
     */
    static void cci(double[] high, double[] low, double[] close, int length, int n, double[] out,
                    KernelScratch s) {
        if (n - 1 >= length) {
            return;
        }
        double[] ring = s.a;
        int slot = 0;
        for (int t = 0; t < length; t++) {
            double last = (high[t] + low[t] + close[t]) / 3;
            ring[slot] = last;
            if (++slot == n) {
                slot = 0;
            }
            if (t < n - 1) {
                continue;
            }
            double average = 0;
            for (int j = 0; j < n; j++) {
                average += ring[j];
            }
            average /= n;
            double deviation = 0;
            for (int j = 0; j < n; j++) {
                deviation += Math.abs(ring[j] - average);
            }
            double distance = last - average;
            out[t] = distance != 0.0 && deviation != 0.0 ? distance / (0.015 * (deviation / n)) : 0.0;
        }
    }
}
