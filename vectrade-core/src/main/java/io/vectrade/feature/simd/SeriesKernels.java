package io.vectrade.feature.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fast kernels over one contiguous series (the N = 1 path). Lanes across instruments do not help
 * a single series, so these break the recurrences' dependency chains instead: a linear recurrence
 * {@code y[t] = a * y[t-1] + x[t]} is advanced a vector of L bars per step
 * ({@code y[t+j] = a^(j+1) * y[t-1] + scan[j]}, the in-vector scan of the bars' own terms off the
 * chain; four bars per step in scalar code where L is not 2, 4 or 8), and the non-recursive parts (log returns, divisions, square roots) run as vectors over
 * time. The arithmetic order differs from TA-Lib's, so results agree with the cpu reference to
 * rounding (about 1e-14 relative), not bit for bit. Stateless and thread-safe; the caller owns the
 * scratch arrays.
 *
 * <p><b>Input check in the same pass.</b> Each kernel returns whether every close it was given,
 * {@code c[off, off + len)}, is positive and finite (not NaN: not missing), tracking the minimum and
 * maximum raw bits of the closes it loads (see {@link #validCloses}); when it returns false its
 * output is undefined and the caller must compute the series another way (the N = 1 path then runs
 * the reference path). This saves the separate read of the close column that a check before the
 * kernels costs (at 1M bars the column no longer fits the caches).
 */
final class SeriesKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SeriesKernels() {
    }

    /** Raw bits of +infinity: a positive finite double's bits lie in (0, this) as a signed long. */
    private static final long INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

    /**
     * True when every {@code c[off + t * stride]}, t in [0, len), is positive and finite (not NaN,
     * not missing): the N = 1 path's kernels may run. With {@code stride} 1 the raw bits are
     * compared as signed longs, a vector at a time (integer min and max: one instruction each, where
     * the double min/max with Java's NaN and -0.0 rules take several): positive finite doubles are
     * exactly the bit patterns in (0, bits of +infinity); -0.0 and negatives are negative longs,
     * +0.0 is 0, NaN and +infinity at or above the bound.
     */
    static boolean validCloses(double[] c, int off, int stride, int len) {
        if (stride != 1) {
            for (int t = 0; t < len; t++) {
                double v = c[off + t * stride];
                if (!(v > 0.0 && v < Double.POSITIVE_INFINITY)) {
                    return false;
                }
            }
            return true;
        }
        int t = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        if (len >= L) {
            LongVector mn = DoubleVector.fromArray(S, c, off).reinterpretAsLongs();
            LongVector mx = mn;
            for (t = L; t + L <= len; t += L) {
                LongVector v = DoubleVector.fromArray(S, c, off + t).reinterpretAsLongs();
                mn = mn.min(v);
                mx = mx.max(v);
            }
            min = mn.reduceLanes(VectorOperators.MIN);
            max = mx.reduceLanes(VectorOperators.MAX);
        }
        for (; t < len; t++) {
            long bits = Double.doubleToRawLongBits(c[off + t]);
            min = Math.min(min, bits);
            max = Math.max(max, bits);
        }
        return len == 0 || (min > 0 && max < INFINITY_BITS);
    }

    /** Positive finite: the raw bits, as a signed long, in (0, bits of +infinity). */
    private static boolean valid(long min, long max) {
        return min > 0 && max < INFINITY_BITS;
    }

    private static final VectorSpecies<Long> LS = VectorSpecies.of(long.class, S.vectorShape());

    private static void nan(double[] o, int from, int to) {
        java.util.Arrays.fill(o, from, Math.max(from, to), Double.NaN);
    }

    // In-vector scans of y[j] = a * y[j-1] + x[j] over the lanes (Hillis-Steele: log2(L) steps, each
    // a lane shift by s and an fma with a^s in lanes >= s, 0 below), for L = 2, 4 or 8 lanes.
    private static final boolean SCANS = L == 2 || L == 4 || L == 8;
    private static final VectorShuffle<Double> UP1 = VectorShuffle.iota(S, -1, 1, true);
    private static final VectorShuffle<Double> UP2 = VectorShuffle.iota(S, -2, 1, true);
    private static final VectorShuffle<Double> UP4 = VectorShuffle.iota(S, -4, 1, true);
    private static final VectorMask<Double> BELOW1 = VectorMask.fromLong(S, 0b1);
    private static final VectorMask<Double> BELOW2 = VectorMask.fromLong(S, 0b11);
    private static final VectorMask<Double> BELOW4 = VectorMask.fromLong(S, 0b1111);

    /**
     * y[j] = sum over i &lt;= j of a^(j-i) x[i], lane by lane; {@code w1, w2, w4} hold a, a², a⁴ in
     * the lanes at or above the shift (1, 2, 4) and 0 below.
     */
    private static DoubleVector scan(DoubleVector x, DoubleVector w1, DoubleVector w2, DoubleVector w4) {
        DoubleVector y = x.rearrange(UP1).fma(w1, x);
        if (L > 2) {
            y = y.rearrange(UP2).fma(w2, y);
        }
        if (L > 4) {
            y = y.rearrange(UP4).fma(w4, y);
        }
        return y;
    }

    /**
     * EMA(n) of {@code c[off, off + len)} into {@code o[0, len)}; TA-Lib seed (SMA of the first n).
     * With 2, 4 or 8 lanes, {@code e[t] = a e[t-1] + k c[t]} runs a vector of bars at a time: the
     * bars' own terms as an in-vector scan (off the dependency chain), then
     * {@code e[t+j] = a^(j+1) e[t-1] + scan[j]}: one scalar fma per vector of bars on the chain.
     *
     * @return whether every close is positive and finite (else {@code o} is undefined)
     */
    static boolean ema(double[] c, int off, int len, int n, double[] o) {
        nan(o, 0, Math.min(len, n - 1));
        if (len < n) {
            return validCloses(c, off, 1, len);
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        double s = 0.0;
        for (int t = 0; t < n; t++) {
            double v = c[off + t];
            long bits = Double.doubleToRawLongBits(v);
            min = Math.min(min, bits);
            max = Math.max(max, bits);
            s += v;
        }
        double e = s / n;
        o[n - 1] = e;
        double k = 2.0 / (n + 1);
        double a = 1.0 - k;
        int t = n;
        if (SCANS && t + L <= len) {
            // the weights are built inline (a record holding vectors would box them when not inlined)
            double a2 = a * a;
            DoubleVector w1 = DoubleVector.broadcast(S, a).blend(0.0, BELOW1);
            DoubleVector w2 = DoubleVector.broadcast(S, a2).blend(0.0, BELOW2);
            DoubleVector w4 = DoubleVector.broadcast(S, a2 * a2).blend(0.0, BELOW4);
            DoubleVector powers = scan(DoubleVector.zero(S).withLane(0, a), w1, w2, w4);
            double aL = powers.lane(L - 1);
            LongVector mn = LongVector.broadcast(LS, Long.MAX_VALUE);
            LongVector mx = LongVector.broadcast(LS, Long.MIN_VALUE);
            for (; t + L <= len; t += L) {
                DoubleVector cv = DoubleVector.fromArray(S, c, off + t);
                LongVector bits = cv.reinterpretAsLongs();
                mn = mn.min(bits);
                mx = mx.max(bits);
                DoubleVector x = scan(cv.mul(k), w1, w2, w4);
                powers.fma(DoubleVector.broadcast(S, e), x).intoArray(o, t);
                e = Math.fma(aL, e, x.lane(L - 1));
            }
            min = Math.min(min, mn.reduceLanes(VectorOperators.MIN));
            max = Math.max(max, mx.reduceLanes(VectorOperators.MAX));
        }
        for (; t < len; t++) {
            double v = c[off + t];
            long bits = Double.doubleToRawLongBits(v);
            min = Math.min(min, bits);
            max = Math.max(max, bits);
            e = Math.fma(a, e, v * k);
            o[t] = e;
        }
        return valid(min, max);
    }

    /**
     * Wilder RSI(n) into {@code o[0, len)}; {@code loss} is scratch of length &ge; len. Gains and
     * losses are carried as {@code U = d + |d|} and {@code W = |d| - d} (twice the gain/loss, no
     * branch), summed with weight a = (n - 1) / n; the ratio 100 G / (G + W) is scale-free. With 2, 4
     * or 8 lanes both sums run a vector of bars at a time as in {@link #ema} and the ratio is taken
     * in the same pass; otherwise four bars per step with the ratio as a second pass.
     *
     * @return whether every close is positive and finite (else {@code o} is undefined)
     */
    static boolean rsi(double[] c, int off, int len, int n, double[] o, double[] loss) {
        nan(o, 0, Math.min(len, n));
        if (len <= n || !SCANS) {
            // other lane counts: the check as a pass of its own (the kernel below needs no check)
            boolean ok = validCloses(c, off, 1, len);
            if (len <= n) {
                return ok;
            }
            rsiChains(c, off, len, n, o, loss, (n - 1) / (double) n, 2.0 * n * 1e-8);
            return ok;
        }
        long min = Double.doubleToRawLongBits(c[off]);
        long max = min;
        double g = 0.0;
        double l = 0.0;
        for (int t = 1; t <= n; t++) {
            long bits = Double.doubleToRawLongBits(c[off + t]);
            min = Math.min(min, bits);
            max = Math.max(max, bits);
            double d = c[off + t] - c[off + t - 1];
            double ad = Math.abs(d);
            g += d + ad;
            l += ad - d;
        }
        // |avgGain + avgLoss| < 1e-8 (TA-Lib's zero test) is G + W < 2n * 1e-8
        double zero = 2.0 * n * 1e-8;
        double a = (n - 1) / (double) n;
        o[n] = g + l < zero ? 0.0 : g * 100.0 / (g + l);
        int t = n + 1;
        double a2 = a * a;
        DoubleVector w1 = DoubleVector.broadcast(S, a).blend(0.0, BELOW1);
        DoubleVector w2 = DoubleVector.broadcast(S, a2).blend(0.0, BELOW2);
        DoubleVector w4 = DoubleVector.broadcast(S, a2 * a2).blend(0.0, BELOW4);
        DoubleVector powers = scan(DoubleVector.zero(S).withLane(0, a), w1, w2, w4);
        double aL = powers.lane(L - 1);
        LongVector mn = LongVector.broadcast(LS, Long.MAX_VALUE);
        LongVector mx = LongVector.broadcast(LS, Long.MIN_VALUE);
        while (t + L <= len) {
            // a chunk's close check first, as a pass of its own: its loads are independent, so they bring the
            // chunk into cache at the memory's pace; the chains then read it from there (at 1M bars, fused
            // into the chains' loop, the loads waited behind the divisions: 2.4-3.3 ns/bar against 1.6-1.7)
            int end = t + Math.min(len - t, CHUNK) / L * L;
            for (int q = t; q < end; q += L) {
                LongVector bits = DoubleVector.fromArray(S, c, off + q).reinterpretAsLongs();
                mn = mn.min(bits);
                mx = mx.max(bits);
            }
            for (; t < end; t += L) {
                DoubleVector cv = DoubleVector.fromArray(S, c, off + t);
                DoubleVector d = cv.sub(DoubleVector.fromArray(S, c, off + t - 1));
                DoubleVector m = d.abs();
                DoubleVector u = scan(d.add(m), w1, w2, w4);
                DoubleVector w = scan(m.sub(d), w1, w2, w4);
                DoubleVector gv = powers.fma(DoubleVector.broadcast(S, g), u);
                DoubleVector sv = gv.add(powers.fma(DoubleVector.broadcast(S, l), w));
                gv.mul(100.0).div(sv).blend(0.0, sv.compare(VectorOperators.LT, zero)).intoArray(o, t);
                g = Math.fma(aL, g, u.lane(L - 1));
                l = Math.fma(aL, l, w.lane(L - 1));
            }
        }
        min = Math.min(min, mn.reduceLanes(VectorOperators.MIN));
        max = Math.max(max, mx.reduceLanes(VectorOperators.MAX));
        for (double prev = c[off + t - 1]; t < len; t++) {
            double ct = c[off + t];
            long bits = Double.doubleToRawLongBits(ct);
            min = Math.min(min, bits);
            max = Math.max(max, bits);
            double d = ct - prev;
            prev = ct;
            double m = Math.abs(d);
            g = Math.fma(a, g, d + m);
            l = Math.fma(a, l, m - d);
            double sv = g + l;
            o[t] = sv < zero ? 0.0 : g * 100.0 / sv;
        }
        return valid(min, max);
    }

    /**
     * RSI for other lane counts ({@code len > n}): the seed sums, then the sums four bars per step (one fma per
     * four bars on each chain), then the ratio.
     */
    private static void rsiChains(double[] c, int off, int len, int n, double[] o, double[] loss, double a,
                                  double zero) {
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
        for (int u = n; u < len; u++) {
            double sv = o[u] + loss[u];
            o[u] = sv < zero ? 0.0 : o[u] * 100.0 / sv;
        }
    }

    /**
     * Bars per chunk of {@link #volatility} (its log returns) and of {@link #rsi} (its close check): the chunk
     * stays in the L1/L2 cache between the two passes over it.
     */
    static final int CHUNK = 2048;

    /**
     * Sample standard deviation of the last n log returns into {@code o[0, len)}; {@code r} is
     * scratch of length &ge; {@code min(len, CHUNK + n)}. In chunks of {@value #CHUNK} bars: the
     * chunk's log returns (vector {@code LOG}) into {@code r}, which keeps the last n − 1 returns of
     * the chunk before, then the chunk's windows while the returns are in cache (the returns never
     * go to memory). Two passes over each window, as vectors over time (8 bars at a time, each lane
     * its own window: sum, mean, then the squared deviations from it; the divisions by n and
     * n − 1 as products with their reciprocals, which the divider's throughput would otherwise
     * bound); 0 for n identical returns (a flat stretch), as cpu. Not cpu's rolling arithmetic:
     * agrees with cpu within cpu's own accuracy (a few 1e-12 relative, see docs/design.md) plus
     * 1e-14 of the window's largest return.
     *
     * @return whether every close is positive and finite (else {@code o} is undefined)
     */
    static boolean volatility(double[] c, int off, int len, int n, double[] o, double[] r) {
        nan(o, 0, Math.min(len, n));
        if (len <= n) {
            return validCloses(c, off, 1, len);
        }
        boolean ok = validCloses(c, off, 1, 1);
        // r[k] holds the return at bar base + k; returns are known for bars [base, end)
        int base = 1;
        int end = 1;
        for (int t0 = n; t0 < len; t0 += CHUNK) {
            int t1 = Math.min(len, t0 + CHUNK);
            // the windows of [t0, t1) need the returns of bars [t0 - n + 1, t1): keep the last n - 1
            int keep = t0 - n + 1;
            if (keep > base) {
                System.arraycopy(r, keep - base, r, 0, end - keep);
                base = keep;
            }
            ok &= logInto(c, off, 1, end, t1, base, r, end - base);
            end = t1;
            windowTail(r, base, windows(r, base, t0, t1, n, o), t1, n, o);
        }
        return ok;
    }

    /**
     * Volatility's vector loop (a method of its own: a small compilation unit that C2 compiles with every vector
     * operation inlined; inside one large method it was seen, in some JVMs, to box the vectors): the windows
     * ending at bars [from, to), a vector at a time, {@code r[k]} the return at bar base + k.
     *
     * @return the first bar not done (fewer than a vector left)
     */
    private static int windows(double[] r, int base, int from, int to, int n, double[] o) {
        double inverseN = 1.0 / n;
        double inverseN1 = 1.0 / (n - 1);
        // n identical returns x give squares <= n (n + 1)^2 eps^2 x^2 through the rounding of the mean:
        // only windows at or under this bound (times 4, and x^2 ~ mean^2) are tested for a flat stretch
        double eps = Math.ulp(1.0);
        double flatBound = 4.0 * n * (n + 1.0) * (n + 1.0) * eps * eps;
        int t = from;
        for (; t + L <= to; t += L) {
            int e = t - base;
            DoubleVector sum = DoubleVector.zero(S);
            for (int j = 0; j < n; j++) {
                sum = sum.add(DoubleVector.fromArray(S, r, e - j));
            }
            DoubleVector mean = sum.mul(inverseN);
            DoubleVector squares = DoubleVector.zero(S);
            for (int j = 0; j < n; j++) {
                DoubleVector d = DoubleVector.fromArray(S, r, e - j).sub(mean);
                squares = d.fma(d, squares);
            }
            squares.mul(inverseN1).lanewise(VectorOperators.SQRT).intoArray(o, t);
            VectorMask<Double> small = squares.compare(VectorOperators.LE, mean.mul(mean).mul(flatBound));
            if (small.anyTrue()) {
                for (int u = e; u < e + L; u++) {
                    zeroIfFlat(r, u, n, o, base + u);
                }
            }
        }
        return t;
    }

    /** The windows ending at bars [from, to) one at a time, as {@link #windows} computes each lane. */
    private static void windowTail(double[] r, int base, int from, int to, int n, double[] o) {
        double inverseN = 1.0 / n;
        double inverseN1 = 1.0 / (n - 1);
        for (int t = from; t < to; t++) {
            int e = t - base;
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                sum += r[e - j];
            }
            double mean = sum * inverseN;
            double squares = 0.0;
            for (int j = 0; j < n; j++) {
                double d = r[e - j] - mean;
                squares = Math.fma(d, d, squares);
            }
            o[t] = Math.sqrt(squares * inverseN1);
            zeroIfFlat(r, e, n, o, t);
        }
    }

    /** n identical returns {@code r[e - n + 1, e]} (a flat stretch): {@code o[t]} exactly 0, as the cpu reference. */
    private static void zeroIfFlat(double[] r, int e, int n, double[] o, int t) {
        for (int j = 1; j < n; j++) {
            if (r[e - j] != r[e]) {
                return;
            }
        }
        o[t] = 0.0;
    }

    /**
     * ln(c[t] / c[t-n]) for t in [from, to) into {@code o[at, at + to - from)} (vector log over time).
     * A tail shorter than a vector is one more vector ending at {@code to}, overlapping values
     * already written (the same bits: the vector {@code LOG} works lane by lane) when it starts at or
     * after {@code earliest}, else scalar {@link StrictMath#log}; a masked vector allocated its mask (48 B a
     * call).
     *
     * @return whether every numerator {@code c[off + t]}, t in [from, to), is positive and finite
     */
    private static boolean logInto(double[] c, int off, int n, int from, int to, int earliest, double[] o, int at) {
        int t = from;
        int shift = at - from;
        LongVector mn = LongVector.broadcast(LS, Long.MAX_VALUE);
        LongVector mx = LongVector.broadcast(LS, Long.MIN_VALUE);
        for (; t + L <= to; t += L) {
            DoubleVector cv = DoubleVector.fromArray(S, c, off + t);
            LongVector bits = cv.reinterpretAsLongs();
            mn = mn.min(bits);
            mx = mx.max(bits);
            cv.div(DoubleVector.fromArray(S, c, off + t - n)).lanewise(VectorOperators.LOG).intoArray(o, t + shift);
        }
        boolean ok = valid(mn.reduceLanes(VectorOperators.MIN), mx.reduceLanes(VectorOperators.MAX));
        if (t < to) {
            ok &= validCloses(c, off + t, 1, to - t);
            int last = to - L;
            if (last >= earliest) {
                DoubleVector.fromArray(S, c, off + last).div(DoubleVector.fromArray(S, c, off + last - n))
                        .lanewise(VectorOperators.LOG).intoArray(o, last + shift);
            } else {
                for (; t < to; t++) {
                    o[t + shift] = StrictMath.log(c[off + t] / c[off + t - n]);
                }
            }
        }
        return ok;
    }

    /**
     * ln(c[t] / c[t-n]) into {@code o[n, len)} (vector log over time), NaN before.
     *
     * @return whether every close is positive and finite (else {@code o} is undefined)
     */
    static boolean logReturns(double[] c, int off, int len, int n, double[] o) {
        nan(o, 0, Math.min(len, n));
        boolean ok = validCloses(c, off, 1, Math.min(len, n));
        return len <= n ? ok : logInto(c, off, n, n, len, n, o, n) && ok;
    }

    /**
     * close[t] - close[t-n] into {@code o[n, len)}, NaN before.
     *
     * @return whether every close is positive and finite (else {@code o} is undefined)
     */
    static boolean momentum(double[] c, int off, int len, int n, double[] o) {
        nan(o, 0, Math.min(len, n));
        boolean ok = validCloses(c, off, 1, Math.min(len, n));
        int t = n;
        LongVector mn = LongVector.broadcast(LS, Long.MAX_VALUE);
        LongVector mx = LongVector.broadcast(LS, Long.MIN_VALUE);
        for (; t + L <= len; t += L) {
            DoubleVector cv = DoubleVector.fromArray(S, c, off + t);
            LongVector bits = cv.reinterpretAsLongs();
            mn = mn.min(bits);
            mx = mx.max(bits);
            cv.sub(DoubleVector.fromArray(S, c, off + t - n)).intoArray(o, t);
        }
        ok &= valid(mn.reduceLanes(VectorOperators.MIN), mx.reduceLanes(VectorOperators.MAX));
        if (t < len) {
            ok &= validCloses(c, off + t, 1, len - t);
        }
        for (; t < len; t++) {
            o[t] = c[off + t] - c[off + t - n];
        }
        return ok;
    }
}
