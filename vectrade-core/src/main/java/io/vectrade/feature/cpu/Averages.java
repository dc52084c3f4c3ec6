package io.vectrade.feature.cpu;

/**
 * Moving averages with TA-Lib's arithmetic (the same operations in the same order, so results agree
 * with TA-Lib Java to the last bit or close to it): {@code sma(n)}, {@code ema(n)},
 * {@code macd(fast,slow,signal)}. Inputs and outputs are full-length series indexed by bar; only the
 * documented ranges are written. Stateless; thread-safe.
 */
final class Averages {
    private Averages() {
    }

    /**
     * TA-Lib's SMA (INT_SMA): a running total, {@code out[t] = (x[t-n+1] + ... + x[t]) / n} for
     * {@code t in [from + n - 1, length)}. For {@code n == 1} copies the input, as TA-Lib's MA does.
     * {@code out} may be {@code in}.
     */
    static void sma(double[] in, int from, int length, int n, double[] out) {
        if (n == 1) {
            System.arraycopy(in, from, out, from, Math.max(0, length - from));
            return;
        }
        int first = from + n - 1;
        if (first >= length) {
            return;
        }
        double total = 0;
        for (int i = from; i < first; i++) {
            total += in[i];
        }
        int trailing = from;
        for (int i = first; i < length; i++) {
            total += in[i];
            double sum = total;
            total -= in[trailing++];
            out[i] = sum / n;
        }
    }

    /**
     * TA-Lib's INT_EMA seeded at bar {@code seedEnd}: {@code out[seedEnd]} is the mean of the
     * {@code n} values ending there, then {@code e = (x - e) * k + e} for every later bar.
     * Requires {@code seedEnd - n + 1 >= 0}; writes {@code [seedEnd, length)}.
     */
    static void ema(double[] in, int seedEnd, int length, int n, double k, double[] out) {
        if (seedEnd >= length) {
            return;
        }
        double sum = 0;
        for (int i = seedEnd - n + 1; i <= seedEnd; i++) {
            sum += in[i];
        }
        double e = sum / n;
        out[seedEnd] = e;
        for (int t = seedEnd + 1; t < length; t++) {
            e = ((in[t] - e) * k) + e;
            out[t] = e;
        }
    }

    /** TA-Lib's smoothing factor {@code 2 / (n + 1)}. */
    static double k(int n) {
        return 2.0 / (n + 1);
    }

    /**
     * TA-Lib MACD. The slow and the fast EMA are both seeded at bar {@code slow - 1} (TA-Lib seeds
     * the fast EMA with the SMA of the {@code fast} closes ending there, not at bar
     * {@code fast - 1}); line = fast - slow; signal = EMA(signal) of the line, seeded with the mean
     * of its first {@code signal} values; hist = line - signal. Periods are swapped when
     * {@code slow < fast}, as TA-Lib does. Writes {@code [slow + signal - 2, length)}.
     */
    static void macd(double[] close, int length, int fast, int slow, int signal,
                     double[] line, double[] sig, double[] hist, KernelScratch s) {
        if (slow < fast) {
            int x = slow;
            slow = fast;
            fast = x;
        }
        int start = slow - 1;
        int lookback = start + signal - 1;
        if (lookback >= length) {
            return;
        }
        double[] slowEma = s.a;
        double[] fastEma = s.b;
        ema(close, start, length, slow, k(slow), slowEma);
        ema(close, start, length, fast, k(fast), fastEma);
        for (int t = start; t < length; t++) {
            fastEma[t] = fastEma[t] - slowEma[t];
        }
        ema(fastEma, lookback, length, signal, k(signal), sig);
        for (int t = lookback; t < length; t++) {
            line[t] = fastEma[t];
            hist[t] = line[t] - sig[t];
        }
    }
}
