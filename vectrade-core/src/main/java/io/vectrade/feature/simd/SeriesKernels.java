package io.vectrade.feature.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fast kernels over one contiguous series (the N = 1 path). Lanes across instruments do not help
 * a single series, so these break the recurrences' dependency chains instead: a linear recurrence
 * {@code y[t] = a * y[t-1] + x[t]} is advanced four bars per step
 * ({@code y[t+4] = a^4 * y[t] + (a^3 x[t+1] + a^2 x[t+2] + a x[t+3] + x[t+4])}, the bracket off the
 * chain), and the non-recursive parts (log returns, divisions, square roots) run as vectors over
 * time. The arithmetic order differs from TA-Lib's, so results agree with the cpu reference to
 * rounding (about 1e-14 relative), not bit for bit. Stateless and thread-safe; the caller owns the
 * scratch arrays.
 */
final class SeriesKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SeriesKernels() {
    }

    private static void nan(double[] o, int from, int to) {
        java.util.Arrays.fill(o, from, Math.max(from, to), Double.NaN);
    }

    /** EMA(n) of {@code c[off, off + len)} into {@code o[0, len)}; TA-Lib seed (SMA of the first n). */
    static void ema(double[] c, int off, int len, int n, double[] o) {
        nan(o, 0, Math.min(len, n - 1));
        if (len < n) {
            return;
        }
        double s = 0.0;
        for (int t = 0; t < n; t++) {
            s += c[off + t];
        }
        double e = s / n;
        o[n - 1] = e;
        double k = 2.0 / (n + 1);
        double a = 1.0 - k;
        double a2 = a * a;
        double a3 = a2 * a;
        double a4 = a2 * a2;
        int t = n;
        for (; t + 7 < len; t += 8) {
            // the partial sums p and q do not depend on e: only two fma per 8 bars are on the chain
            double p1 = c[off + t] * k;
            double p2 = Math.fma(a, p1, c[off + t + 1] * k);
            double p3 = Math.fma(a, p2, c[off + t + 2] * k);
            double p4 = Math.fma(a, p3, c[off + t + 3] * k);
            double q1 = c[off + t + 4] * k;
            double q2 = Math.fma(a, q1, c[off + t + 5] * k);
            double q3 = Math.fma(a, q2, c[off + t + 6] * k);
            double q4 = Math.fma(a, q3, c[off + t + 7] * k);
            o[t] = Math.fma(a, e, p1);
            o[t + 1] = Math.fma(a2, e, p2);
            o[t + 2] = Math.fma(a3, e, p3);
            double e4 = Math.fma(a4, e, p4);
            o[t + 3] = e4;
            o[t + 4] = Math.fma(a, e4, q1);
            o[t + 5] = Math.fma(a2, e4, q2);
            o[t + 6] = Math.fma(a3, e4, q3);
            e = Math.fma(a4, e4, q4);
            o[t + 7] = e;
        }
        for (; t < len; t++) {
            e = Math.fma(a, e, c[off + t] * k);
            o[t] = e;
        }
    }

    /**
     * Wilder RSI(n) into {@code o[0, len)}; {@code loss} is scratch of length &ge; len. Gains and
     * losses are carried as {@code U = d + |d|} and {@code W = |d| - d} (twice the gain/loss, no
     * branch), summed with weight a = (n - 1) / n; the ratio 100 G / (G + W) is scale-free.
     */
    static void rsi(double[] c, int off, int len, int n, double[] o, double[] loss) {
        nan(o, 0, Math.min(len, n));
        if (len <= n) {
            return;
        }
        double g = 0.0;
        double l = 0.0;
        for (int t = 1; t <= n; t++) {
            double d = c[off + t] - c[off + t - 1];
            double ad = Math.abs(d);
            g += d + ad;
            l += ad - d;
        }
        o[n] = g;
        loss[n] = l;
        double a = (n - 1) / (double) n;
        double a2 = a * a;
        double a3 = a2 * a;
        double a4 = a2 * a2;
        int t = n + 1;
        double prev = c[off + n];
        for (; t + 3 < len; t += 4) {
            double c1 = c[off + t];
            double c2 = c[off + t + 1];
            double c3 = c[off + t + 2];
            double c4 = c[off + t + 3];
            double d1 = c1 - prev;
            double d2 = c2 - c1;
            double d3 = c3 - c2;
            double d4 = c4 - c3;
            prev = c4;
            double m1 = Math.abs(d1);
            double m2 = Math.abs(d2);
            double m3 = Math.abs(d3);
            double m4 = Math.abs(d4);
            double pg1 = d1 + m1;
            double pg2 = Math.fma(a, pg1, d2 + m2);
            double pg3 = Math.fma(a, pg2, d3 + m3);
            double pg4 = Math.fma(a, pg3, d4 + m4);
            double pl1 = m1 - d1;
            double pl2 = Math.fma(a, pl1, m2 - d2);
            double pl3 = Math.fma(a, pl2, m3 - d3);
            double pl4 = Math.fma(a, pl3, m4 - d4);
            o[t] = Math.fma(a, g, pg1);
            o[t + 1] = Math.fma(a2, g, pg2);
            o[t + 2] = Math.fma(a3, g, pg3);
            g = Math.fma(a4, g, pg4);
            o[t + 3] = g;
            loss[t] = Math.fma(a, l, pl1);
            loss[t + 1] = Math.fma(a2, l, pl2);
            loss[t + 2] = Math.fma(a3, l, pl3);
            l = Math.fma(a4, l, pl4);
            loss[t + 3] = l;
        }
        for (; t < len; t++) {
            double ct = c[off + t];
            double d = ct - prev;
            prev = ct;
            double m = Math.abs(d);
            g = Math.fma(a, g, d + m);
            l = Math.fma(a, l, m - d);
            o[t] = g;
            loss[t] = l;
        }
        // |avgGain + avgLoss| < 1e-8 (TA-Lib's zero test) is G + W < 2n * 1e-8
        double zero = 2.0 * n * 1e-8;
        int u = n;
        for (; u + L <= len; u += L) {
            DoubleVector gv = DoubleVector.fromArray(S, o, u);
            DoubleVector sv = gv.add(DoubleVector.fromArray(S, loss, u));
            gv.mul(100.0).div(sv).blend(0.0, sv.compare(VectorOperators.LT, zero)).intoArray(o, u);
        }
        for (; u < len; u++) {
            double sv = o[u] + loss[u];
            o[u] = sv < zero ? 0.0 : o[u] * 100.0 / sv;
        }
    }

    /**
     * Sample standard deviation of the last n log returns into {@code o[0, len)}; {@code r} is
     * scratch of length &ge; len. Two passes over each window, as vectors over time (8 bars at a
     * time, each lane its own window: sum, mean, then the squared deviations from it), on vector
     * {@code LOG} returns; 0 for n identical returns (a flat stretch), as cpu. Not cpu's rolling
     * arithmetic: agrees with cpu within cpu's own accuracy (a few 1e-12 relative, see
     * docs/design.md) plus 1e-14 of the window's largest return.
     */
    static void volatility(double[] c, int off, int len, int n, double[] o, double[] r) {
        nan(o, 0, Math.min(len, n));
        if (len <= n) {
            return;
        }
        logReturns(c, off, len, 1, r);
        double dn = n;
        double dn1 = n - 1;
        int t = n;
        for (; t + L <= len; t += L) {
            DoubleVector sum = DoubleVector.zero(S);
            for (int j = 0; j < n; j++) {
                sum = sum.add(DoubleVector.fromArray(S, r, t - j));
            }
            DoubleVector mean = sum.div(dn);
            DoubleVector squares = DoubleVector.zero(S);
            for (int j = 0; j < n; j++) {
                DoubleVector d = DoubleVector.fromArray(S, r, t - j).sub(mean);
                squares = d.fma(d, squares);
            }
            squares.div(dn1).lanewise(VectorOperators.SQRT).intoArray(o, t);
        }
        for (; t < len; t++) {
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                sum += r[t - j];
            }
            double mean = sum / dn;
            double squares = 0.0;
            for (int j = 0; j < n; j++) {
                double d = r[t - j] - mean;
                squares = Math.fma(d, d, squares);
            }
            o[t] = Math.sqrt(squares / dn1);
        }
        // n identical returns (a flat stretch): exactly 0, as the cpu reference
        int same = 0;
        for (int u = 2; u < len; u++) {
            same = r[u] == r[u - 1] ? same + 1 : 0;
            if (same >= n - 1 && u >= n) {
                o[u] = 0.0;
            }
        }
    }

    /** ln(c[t] / c[t-n]) into {@code o[n, len)} (vector log over time), NaN before. */
    static void logReturns(double[] c, int off, int len, int n, double[] o) {
        nan(o, 0, Math.min(len, n));
        int t = n;
        for (; t + L <= len; t += L) {
            DoubleVector.fromArray(S, c, off + t).div(DoubleVector.fromArray(S, c, off + t - n))
                    .lanewise(VectorOperators.LOG).intoArray(o, t);
        }
        if (t < len) {
            VectorMask<Double> m = S.indexInRange(t, len);
            DoubleVector.fromArray(S, c, off + t, m).div(DoubleVector.fromArray(S, c, off + t - n, m))
                    .lanewise(VectorOperators.LOG).intoArray(o, t, m);
        }
    }

    /** close[t] - close[t-n] into {@code o[n, len)}, NaN before. */
    static void momentum(double[] c, int off, int len, int n, double[] o) {
        nan(o, 0, Math.min(len, n));
        int t = n;
        for (; t + L <= len; t += L) {
            DoubleVector.fromArray(S, c, off + t).sub(DoubleVector.fromArray(S, c, off + t - n)).intoArray(o, t);
        }
        for (; t < len; t++) {
            o[t] = c[off + t] - c[off + t - n];
        }
    }
}
