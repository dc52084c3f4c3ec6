package io.vectrade.feature.simd;

import static io.vectrade.feature.simd.LaneBlock.LANES;
import static io.vectrade.feature.simd.LaneBlock.S;
import static io.vectrade.feature.simd.LaneBlock.WIDTH;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The high-low range oscillators across the lanes: willr(n), stoch(k,sk,d) and cci(n), repeating
 * the cpu reference ({@code feature.cpu.Ranges}, TA-Lib's arithmetic) operation for operation in
 * every lane, so they equal it bit for bit:
 * <ul>
 *   <li>the highest high and lowest low of a window are found by rescanning its n bars (max and min
 *       are exact, so this equals the reference's monotonic deques);</li>
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

    /**
     * Highest high minus lowest low divided by {@code scale} ({@code -100} for willr, {@code 100}
     * for stoch), and the highest high and lowest low, of the n bars ending at t of vector v, into
     * {@code into[0, 3 LANES)}.
     */
    static void range(LaneBlock b, int n, int t, int v, double scale, double[] into) {
        double[] high = b.high;
        double[] low = b.low;
        int stride = b.stride;
        int in = b.base + b.lane(v) + t * stride;
        DoubleVector hh = DoubleVector.fromArray(S, high, in);
        DoubleVector ll = DoubleVector.fromArray(S, low, in);
        for (int i = 1; i < n; i++) {
            hh = hh.max(DoubleVector.fromArray(S, high, in - i * stride));
            ll = ll.min(DoubleVector.fromArray(S, low, in - i * stride));
        }
        hh.sub(ll).div(scale).intoArray(into, 0);
        hh.intoArray(into, LANES);
        ll.intoArray(into, 2 * LANES);
    }

    /** TA-Lib WILLR: (HH - c) / ((HH - LL) / -100), 0 where HH - LL is 0. First value at bar n - 1. */
    static final class Willr extends LaneKernel {
        private final int n;
        private final double[] span = new double[3 * LANES];

        Willr(int column, int n) {
            super(column);
            this.n = n;
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            b.fillNaN(o, t0, Math.min(t1, n - 1));
            for (int v = 0; v < b.vectors; v++) {
                for (int t = Math.max(t0, n - 1); t < t1; t++) {
                    range(b, n, t, v, -100.0, span);
                    emit(b, o, t, v);
                }
            }
        }

        private void emit(LaneBlock b, double[] o, int t, int v) {
            DoubleVector diff = DoubleVector.fromArray(S, span, 0);
            DoubleVector hh = DoubleVector.fromArray(S, span, LANES);
            DoubleVector c = DoubleVector.fromArray(S, b.close, b.base + b.lane(v) + t * b.stride);
            hh.sub(c).div(diff).blend(0.0, diff.compare(VectorOperators.EQ, 0.0))
                    .intoArray(o, b.outBase + b.lane(v) + t * b.outStride);
        }
    }

    /**
     * TA-Lib STOCH with SMA smoothing: fastK = (c - LL) / ((HH - LL) / 100) (0 where HH = LL) from
     * bar k - 1; slowK = SMA(sk) of fastK from bar k + sk - 2; slowD = SMA(d) of slowK; both
     * written from bar (k - 1) + (sk - 1) + (d - 1).
     */
    static final class Stoch extends LaneKernel {
        private final int k;
        private final int sk;
        private final int d;
        private final int lookback;
        private final double[] span = new double[3 * LANES];
        /** fastK of the last sk bars, slot t mod sk. */
        private final double[] fastRing;
        /** slowK of the last d bars, slot t mod d. */
        private final double[] slowRing;
        private final double[] fastTotal = new double[WIDTH];
        private final double[] slowTotal = new double[WIDTH];

        Stoch(int column, int k, int sk, int d) {
            super(column);
            this.k = k;
            this.sk = sk;
            this.d = d;
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
                for (int t = Math.max(t0, k - 1); t < t1; t++) {
                    range(b, k, t, v, 100.0, span);
                    fastK(b, t, v);
                    if (t >= k + sk - 2) {
                        slowK(t, v);
                        if (t >= lookback) {
                            slowD(b, outK, outD, t, v);
                        }
                    }
                }
            }
        }

        /** fastK of bar t into its ring slot; the running total of the slowK SMA takes it. */
        private void fastK(LaneBlock b, int t, int v) {
            int x = v * LANES;
            DoubleVector diff = DoubleVector.fromArray(S, span, 0);
            DoubleVector ll = DoubleVector.fromArray(S, span, 2 * LANES);
            DoubleVector c = DoubleVector.fromArray(S, b.close, b.base + b.lane(v) + t * b.stride);
            DoubleVector fk = c.sub(ll).div(diff).blend(0.0, diff.compare(VectorOperators.EQ, 0.0));
            fk.intoArray(fastRing, (t % sk) * WIDTH + x);
            DoubleVector.fromArray(S, fastTotal, x).add(fk).intoArray(fastTotal, x);
        }

        /** slowK of bar t = total / sk, into its ring slot; the oldest fastK leaves the total. */
        private void slowK(int t, int v) {
            int x = v * LANES;
            DoubleVector total = DoubleVector.fromArray(S, fastTotal, x);
            DoubleVector slow = total.div(sk);
            total.sub(DoubleVector.fromArray(S, fastRing, ((t + 1) % sk) * WIDTH + x)).intoArray(fastTotal, x);
            slow.intoArray(slowRing, (t % d) * WIDTH + x);
            DoubleVector.fromArray(S, slowTotal, x).add(slow).intoArray(slowTotal, x);
        }

        /** slowD of bar t = total / d, written with slowK; the oldest slowK leaves the total. */
        private void slowD(LaneBlock b, double[] outK, double[] outD, int t, int v) {
            int x = v * LANES;
            int at = b.outBase + b.lane(v) + t * b.outStride;
            DoubleVector total = DoubleVector.fromArray(S, slowTotal, x);
            total.div(d).intoArray(outD, at);
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
        /** Typical prices of the last n bars, slot t mod n. */
        private final double[] ring;

        Cci(int column, int n) {
            super(column);
            this.n = n;
            this.dn = n;
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
                    DoubleVector.fromArray(S, b.high, in).add(DoubleVector.fromArray(S, b.low, in))
                            .add(DoubleVector.fromArray(S, b.close, in)).div(3.0).intoArray(ring, at);
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
            average = average.div(dn);
            DoubleVector deviation = DoubleVector.zero(S);
            for (int j = 0; j < n; j++) {
                deviation = deviation.add(DoubleVector.fromArray(S, r, j * WIDTH + x).sub(average).abs());
            }
            DoubleVector distance = DoubleVector.fromArray(S, r, last).sub(average);
            distance.div(deviation.div(dn).mul(0.015))
                    .blend(0.0, distance.compare(VectorOperators.EQ, 0.0).or(deviation.compare(VectorOperators.EQ, 0.0)))
                    .intoArray(o, b.outBase + b.lane(v) + t * b.outStride);
        }
    }
}
