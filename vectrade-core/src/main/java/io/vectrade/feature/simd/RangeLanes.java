package io.vectrade.feature.simd;

import static io.vectrade.feature.simd.LaneBlock.LANES;
import static io.vectrade.feature.simd.LaneBlock.S;
import static io.vectrade.feature.simd.LaneBlock.WIDTH;

import io.vectrade.numeric.IntegerDivision;

import java.util.ArrayList;
import java.util.List;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The high-low range oscillators across the lanes: willr(n), stoch(k,sk,d) and cci(n), repeating
 * the cpu reference ({@code feature.cpu.Ranges}, TA-Lib's arithmetic) operation for operation in
 * every lane, so they equal it bit for bit:
 * <ul>
 *   <li>the highest high and lowest low of each window by van Herk / Gil-Werman ({@link Extremes}: about
 *       three max and three min a bar; max and min are exact and order-free, so this equals the
 *       reference's monotonic deques), computed once per chunk for every range kernel of the same n
 *       ({@link #shareExtremes}: stoch(14) and willr(14) in the standard set);</li>
 *   <li>divisions by the integers 100, sk, d, 3 and n by {@link IntegerDivision} (the same bits, no divider);</li>
 *   <li>stoch's two SMAs keep TA-Lib's running total (add the new value, take the mean, remove the
 *       oldest) over a ring of the last sk fastK and the last d slowK values;</li>
 *   <li>cci keeps the last n typical prices in a ring indexed {@code t mod n} and sums it in slot
 *       order, as TA-Lib does: O(n) per bar, n vector operations for the mean and n for the mean
 *       deviation.</li>
 * </ul>
 * Per-lane state is stored in arrays between bars: no vector crosses a method call (C2 boxes a
 * vector passed to a method it did not inline). One instance per worker; not thread-safe.
 */
final class RangeLanes {
    private RangeLanes() {
    }

    /** {@code 1 / 100}, for {@link IntegerDivision#divide}. */
    private static final double HUNDREDTH = IntegerDivision.reciprocal(100);
    /** {@code 1 / 3}. */
    private static final double THIRD = IntegerDivision.reciprocal(3);

    /** Rows of an {@link Extremes} chunk: the engine's chunk or the gap path's, whichever is longer. */
    static final int ROWS = Math.max(LaneBlock.CHUNK, GapLanes.ROWS);

    /**
     * The highest high and lowest low of the n bars ending at each bar of a chunk, every lane, by van
     * Herk / Gil-Werman streamed over the chunks: the bars are cut into runs of n ({@code t mod n = 0 ..
     * n - 1}); a running max (min) restarts at each run's first bar; at its last bar the run's suffix
     * maxima (minima) are taken backward; the window ending at t is then the max of the previous run's
     * suffix from {@code t mod n + 1} and the running max at t (at a run's last bar, the running max
     * alone). About three max and three min a bar instead of {@code n - 1} each. Max and min are exact and
     * their result depends neither on the order nor on repeats (Math.max's rules: NaN wins, +0.0 over
     * -0.0), so every window's extremes are the reference's bits. Reads bars {@code t - n + 1 .. t}, as a
     * rescan would (the gap path keeps more than n rows of history). A kernel without an output column:
     * the range kernels read {@link #high} and {@link #low} of the chunk after it ran. Carries its
     * running max and min between chunks; a block's first bar restarts them (bar 0 starts a run), so
     * {@link #reset} has nothing to do. One instance per worker; not thread-safe.
     */
    static final class Extremes extends LaneKernel {
        final int n;
        /** Window highest high and lowest low of bar t of the chunk at t0: {@code (t - t0) * WIDTH + lane}. */
        final double[] high = new double[ROWS * WIDTH];
        final double[] low = new double[ROWS * WIDTH];
        /** Suffix maxima (minima) of the last complete run, position r at {@code r * WIDTH + lane}. */
        private final double[] highSuffix;
        private final double[] lowSuffix;
        /** Running max (min) since the current run's first bar. */
        private final double[] highRun = new double[WIDTH];
        private final double[] lowRun = new double[WIDTH];

        Extremes(int n) {
            super(-1);
            this.n = n;
            this.highSuffix = new double[n * WIDTH];
            this.lowSuffix = new double[n * WIDTH];
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            for (int v = 0; v < b.vectors; v++) {
                advance(b, t0, t1, v);
            }
        }

        private void advance(LaneBlock b, int t0, int t1, int v) {
            double[] hi = b.high;
            double[] lo = b.low;
            int stride = b.stride;
            int x = v * LANES;
            int in = b.base + b.lane(v);
            int last = n - 1;
            DoubleVector hr = DoubleVector.fromArray(S, highRun, x);
            DoubleVector lr = DoubleVector.fromArray(S, lowRun, x);
            int r = t0 % n;
            for (int t = t0; t < t1; t++) {
                DoubleVector h = DoubleVector.fromArray(S, hi, in + t * stride);
                DoubleVector l = DoubleVector.fromArray(S, lo, in + t * stride);
                if (r == 0) {
                    hr = h;
                    lr = l;
                } else {
                    hr = hr.max(h);
                    lr = lr.min(l);
                }
                int at = (t - t0) * WIDTH + x;
                if (r == last) {
                    // the window is this run; its suffixes, backward, for the next run's windows
                    hr.intoArray(high, at);
                    lr.intoArray(low, at);
                    DoubleVector hs = h;
                    DoubleVector ls = l;
                    hs.intoArray(highSuffix, last * WIDTH + x);
                    ls.intoArray(lowSuffix, last * WIDTH + x);
                    for (int i = last - 1; i >= 0; i--) {
                        int row = in + (t - last + i) * stride;
                        hs = hs.max(DoubleVector.fromArray(S, hi, row));
                        ls = ls.min(DoubleVector.fromArray(S, lo, row));
                        hs.intoArray(highSuffix, i * WIDTH + x);
                        ls.intoArray(lowSuffix, i * WIDTH + x);
                    }
                    r = 0;
                } else {
                    if (t >= n) {
                        DoubleVector.fromArray(S, highSuffix, (r + 1) * WIDTH + x).max(hr).intoArray(high, at);
                        DoubleVector.fromArray(S, lowSuffix, (r + 1) * WIDTH + x).min(lr).intoArray(low, at);
                    }
                    r++;
                }
            }
            hr.intoArray(highRun, x);
            lr.intoArray(lowRun, x);
        }
    }

    /**
     * A kernel that reads the window extremes of an {@link Extremes}, set by {@link #shareExtremes}, which
     * places that kernel before this one: its {@code run} reads them for bars {@code [t0, t1)}.
     */
    abstract static class RangeKernel extends LaneKernel {
        final int n;
        Extremes extremes;

        RangeKernel(int column, int n) {
            super(column);
            this.n = n;
        }
    }

    /**
     * {@code kernels} with one {@link Extremes} per window length of its range kernels, placed before the
     * first kernel that reads it and shared by all that do.
     */
    static LaneKernel[] shareExtremes(LaneKernel[] kernels) {
        List<LaneKernel> out = new ArrayList<>();
        List<Extremes> made = new ArrayList<>();
        for (LaneKernel k : kernels) {
            if (k instanceof RangeKernel rk) {
                Extremes shared = null;
                for (Extremes e : made) {
                    if (e.n == rk.n) {
                        shared = e;
                    }
                }
                if (shared == null) {
                    shared = new Extremes(rk.n);
                    made.add(shared);
                    out.add(shared);
                }
                rk.extremes = shared;
            }
            out.add(k);
        }
        return out.toArray(new LaneKernel[0]);
    }

    /** TA-Lib WILLR: (HH - c) / ((HH - LL) / -100), 0 where HH - LL is 0. First value at bar n - 1. */
    static final class Willr extends RangeKernel {
        Willr(int column, int n) {
            super(column, n);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            b.fillNaN(o, t0, Math.min(t1, n - 1));
            double[] highs = extremes.high;
            double[] lows = extremes.low;
            for (int v = 0; v < b.vectors; v++) {
                int x = v * LANES;
                int in = b.base + b.lane(v);
                int out = b.outBase + b.lane(v);
                for (int t = Math.max(t0, n - 1); t < t1; t++) {
                    int at = (t - t0) * WIDTH + x;
                    DoubleVector hh = DoubleVector.fromArray(S, highs, at);
                    DoubleVector ll = DoubleVector.fromArray(S, lows, at);
                    // (HH - LL) / -100 as (LL - HH) / 100: rounding is symmetric in the sign, and a NaN low
                    // passes through both the same way (only a zero's sign differs, and zero gives 0 below)
                    DoubleVector diff = IntegerDivision.divide(ll.sub(hh), 100.0, HUNDREDTH);
                    DoubleVector c = DoubleVector.fromArray(S, b.close, in + t * b.stride);
                    hh.sub(c).div(diff).blend(0.0, diff.compare(VectorOperators.EQ, 0.0))
                            .intoArray(o, out + t * b.outStride);
                }
            }
        }
    }

    /**
     * TA-Lib STOCH with SMA smoothing: fastK = (c - LL) / ((HH - LL) / 100) (0 where HH = LL) from
     * bar k - 1; slowK = SMA(sk) of fastK from bar k + sk - 2; slowD = SMA(d) of slowK; both
     * written from bar (k - 1) + (sk - 1) + (d - 1).
     */
    static final class Stoch extends RangeKernel {
        private final int sk;
        private final int d;
        private final double skReciprocal;
        private final double dReciprocal;
        private final int lookback;
        /** fastK of the last sk bars, slot t mod sk. */
        private final double[] fastRing;
        /** slowK of the last d bars, slot t mod d. */
        private final double[] slowRing;
        private final double[] fastTotal = new double[WIDTH];
        private final double[] slowTotal = new double[WIDTH];

        Stoch(int column, int k, int sk, int d) {
            super(column, k);
            this.sk = sk;
            this.d = d;
            this.skReciprocal = IntegerDivision.reciprocal(sk);
            this.dReciprocal = IntegerDivision.reciprocal(d);
            this.lookback = (k - 1) + (sk - 1) + (d - 1);
            this.fastRing = new double[sk * WIDTH];
            this.slowRing = new double[d * WIDTH];
        }

        @Override
        void reset() {
            java.util.Arrays.fill(fastTotal, 0.0);
            java.util.Arrays.fill(slowTotal, 0.0);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] outK = b.out.column(column);
            double[] outD = b.out.column(column + 1);
            b.fillNaN(outK, t0, Math.min(t1, lookback));
            b.fillNaN(outD, t0, Math.min(t1, lookback));
            for (int v = 0; v < b.vectors; v++) {
                for (int t = Math.max(t0, n - 1); t < t1; t++) {
                    fastK(b, t0, t, v);
                    if (t >= n + sk - 2) {
                        slowK(t, v);
                        if (t >= lookback) {
                            slowD(b, outK, outD, t, v);
                        }
                    }
                }
            }
        }

        /** fastK of bar t into its ring slot; the running total of the slowK SMA takes it. */
        private void fastK(LaneBlock b, int t0, int t, int v) {
            int x = v * LANES;
            int at = (t - t0) * WIDTH + x;
            DoubleVector ll = DoubleVector.fromArray(S, extremes.low, at);
            DoubleVector diff = IntegerDivision.divide(DoubleVector.fromArray(S, extremes.high, at).sub(ll), 100.0, HUNDREDTH);
            DoubleVector c = DoubleVector.fromArray(S, b.close, b.base + b.lane(v) + t * b.stride);
            DoubleVector fk = c.sub(ll).div(diff).blend(0.0, diff.compare(VectorOperators.EQ, 0.0));
            fk.intoArray(fastRing, (t % sk) * WIDTH + x);
            DoubleVector.fromArray(S, fastTotal, x).add(fk).intoArray(fastTotal, x);
        }

        /** slowK of bar t = total / sk, into its ring slot; the oldest fastK leaves the total. */
        private void slowK(int t, int v) {
            int x = v * LANES;
            DoubleVector total = DoubleVector.fromArray(S, fastTotal, x);
            DoubleVector slow = IntegerDivision.divide(total, sk, skReciprocal);
            total.sub(DoubleVector.fromArray(S, fastRing, ((t + 1) % sk) * WIDTH + x)).intoArray(fastTotal, x);
            slow.intoArray(slowRing, (t % d) * WIDTH + x);
            DoubleVector.fromArray(S, slowTotal, x).add(slow).intoArray(slowTotal, x);
        }

        /** slowD of bar t = total / d, written with slowK; the oldest slowK leaves the total. */
        private void slowD(LaneBlock b, double[] outK, double[] outD, int t, int v) {
            int x = v * LANES;
            int at = b.outBase + b.lane(v) + t * b.outStride;
            DoubleVector total = DoubleVector.fromArray(S, slowTotal, x);
            IntegerDivision.divide(total, d, dReciprocal).intoArray(outD, at);
            total.sub(DoubleVector.fromArray(S, slowRing, ((t + 1) % d) * WIDTH + x)).intoArray(slowTotal, x);
            DoubleVector.fromArray(S, slowRing, (t % d) * WIDTH + x).intoArray(outK, at);
        }
    }

    /**
     * TA-Lib CCI: tp = (h + l + c) / 3; mean and mean absolute deviation of the last n tp, summed
     * in ring-slot order; (tp - mean) / (0.015 * deviation), 0 where either is 0. First value at
     * bar n - 1.
     */
    static final class Cci extends LaneKernel {
        private final int n;
        private final double dn;
        private final double reciprocal;
        /** Typical prices of the last n bars, slot t mod n. */
        private final double[] ring;

        Cci(int column, int n) {
            super(column);
            this.n = n;
            this.dn = n;
            this.reciprocal = IntegerDivision.reciprocal(n);
            this.ring = new double[n * WIDTH];
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            b.fillNaN(o, t0, Math.min(t1, n - 1));
            for (int v = 0; v < b.vectors; v++) {
                for (int t = t0; t < t1; t++) {
                    int at = (t % n) * WIDTH + v * LANES;
                    int in = b.base + b.lane(v) + t * b.stride;
                    DoubleVector tp = DoubleVector.fromArray(S, b.high, in).add(DoubleVector.fromArray(S, b.low, in))
                            .add(DoubleVector.fromArray(S, b.close, in));
                    IntegerDivision.divide(tp, 3.0, THIRD).intoArray(ring, at);
                    if (t >= n - 1) {
                        emit(b, o, t, v, at);
                    }
                }
            }
        }

        private void emit(LaneBlock b, double[] o, int t, int v, int last) {
            double[] r = ring;
            int x = v * LANES;
            DoubleVector average = DoubleVector.zero(S);
            for (int j = 0; j < n; j++) {
                average = average.add(DoubleVector.fromArray(S, r, j * WIDTH + x));
            }
            average = IntegerDivision.divide(average, dn, reciprocal);
            DoubleVector deviation = DoubleVector.zero(S);
            for (int j = 0; j < n; j++) {
                deviation = deviation.add(DoubleVector.fromArray(S, r, j * WIDTH + x).sub(average).abs());
            }
            DoubleVector distance = DoubleVector.fromArray(S, r, last).sub(average);
            distance.div(IntegerDivision.divide(deviation, dn, reciprocal).mul(0.015))
                    .blend(0.0, distance.compare(VectorOperators.EQ, 0.0).or(deviation.compare(VectorOperators.EQ, 0.0)))
                    .intoArray(o, b.outBase + b.lane(v) + t * b.outStride);
        }
    }
}
