package io.vectrade.feature.simd;

import static io.vectrade.feature.simd.LaneBlock.LANES;
import static io.vectrade.feature.simd.LaneBlock.S;
import static io.vectrade.feature.simd.LaneBlock.WIDTH;

import io.vectrade.numeric.IntegerDivision;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The volume features across the lanes, repeating the cpu reference ({@code feature.cpu.Volumes})
 * operation for operation in every lane, so they equal it bit for bit: obv (TA-Lib OBV) and
 * vwap(n) (Neumaier-compensated window sums, recomputed from the window every n bars, the plain
 * mean of tp where all n volumes are 0, NaN while a non-finite tp·v is in the window). The state
 * lives in arrays between bars (no vector crosses a call). One instance per worker; not
 * thread-safe.
 */
final class VolumeLanes {
    private VolumeLanes() {
    }

    /** TA-Lib OBV: v[0] at bar 0, then + v on an up close, - v on a down close. Volume units. */
    static final class Obv extends LaneKernel {
        private final double[] obv = new double[WIDTH];

        Obv(int column) {
            super(column);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            int stride = b.stride;
            for (int v = 0; v < b.vectors; v++) {
                int x = v * LANES;
                int in = b.base + b.lane(v);
                int out = b.outBase + b.lane(v);
                if (t0 == 0) {
                    DoubleVector.fromArray(S, b.volume, in).intoArray(obv, x);
                }
                DoubleVector sum = DoubleVector.fromArray(S, obv, x);
                for (int t = t0; t < t1; t++) {
                    if (t > 0) {
                        DoubleVector c = DoubleVector.fromArray(S, b.close, in + t * stride);
                        DoubleVector prev = DoubleVector.fromArray(S, b.close, in + (t - 1) * stride);
                        DoubleVector vol = DoubleVector.fromArray(S, b.volume, in + t * stride);
                        sum = sum.blend(sum.add(vol), c.compare(VectorOperators.GT, prev))
                                .blend(sum.sub(vol), c.compare(VectorOperators.LT, prev));
                    }
                    sum.intoArray(o, out + t * b.outStride);
                }
                sum.intoArray(obv, x);
            }
        }
    }

    /**
     * vwap(n) = sum(tp v) / sum(v) over the last n bars, tp = (h + l + c) / 3, as cpu's
     * {@code Volumes.vwap}. First value at bar n - 1.
     */
    static final class Vwap extends LaneKernel {
        /** Per-lane modes of one bar (in {@link #mode}). */
        private static final double SLIDE = 0;
        private static final double RECOMPUTE = 1;
        private static final double HOLD = 2;
        private static final double THIRD = IntegerDivision.reciprocal(3);
        private final int n;
        private final double dn;
        private final double reciprocal;
        /** tp, tp·v and v of the last n bars, slot t mod n, each WIDTH wide. */
        private final double[] tpRing;
        private final double[] tpvRing;
        private final double[] volRing;
        /** Compensated sums of tp·v, v and tp: sum, compensation, per lane. */
        private final double[][] sums = new double[6][WIDTH];
        private final double[] lastBad = new double[WIDTH];
        private final double[] zeros = new double[WIDTH];
        private final double[] nextReset = new double[WIDTH];
        /** Of the bar in progress, for one vector: the values leaving the window (tp, tp·v, v), then the mode. */
        private final double[] leaving = new double[3 * LANES];
        private final double[] mode = new double[LANES];
        /** The sums recomputed from the window, for one vector. */
        private final double[] fresh = new double[6 * LANES];

        Vwap(int column, int n) {
            super(column);
            this.n = n;
            this.dn = n;
            this.reciprocal = IntegerDivision.reciprocal(n);
            this.tpRing = new double[n * WIDTH];
            this.tpvRing = new double[n * WIDTH];
            this.volRing = new double[n * WIDTH];
        }

        @Override
        void reset() {
            for (double[] s : sums) {
                Arrays.fill(s, 0.0);
            }
            Arrays.fill(lastBad, Integer.MIN_VALUE / 2);
            Arrays.fill(zeros, 0.0);
            Arrays.fill(nextReset, n - 1);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            b.fillNaN(o, t0, Math.min(t1, n - 1));
            for (int v = 0; v < b.vectors; v++) {
                for (int t = t0; t < t1; t++) {
                    boolean recompute = enter(b, t, v);
                    if (t < n - 1) {
                        continue;
                    }
                    if (recompute) {
                        recompute(t, v * LANES);
                    }
                    for (int q = 0; q < 3; q++) {
                        slide(q, t, v * LANES);
                    }
                    emit(b, o, t, v);
                }
            }
        }

        /**
         * Bar t of vector v enters the rings (the leaving values saved), the bad-bar and zero-volume
         * counts; from bar n - 1 the lanes' modes are set. True when some lane recomputes its sums.
         */
        private boolean enter(LaneBlock b, int t, int v) {
            int x = v * LANES;
            int in = b.base + b.lane(v) + t * b.stride;
            int at = (t % n) * WIDTH + x;
            DoubleVector vol = DoubleVector.fromArray(S, b.volume, in);
            DoubleVector tp = IntegerDivision.divide(DoubleVector.fromArray(S, b.high, in).add(DoubleVector.fromArray(S, b.low, in))
                    .add(DoubleVector.fromArray(S, b.close, in)), 3.0, THIRD);
            DoubleVector tpv = tp.mul(vol);
            DoubleVector oldVol = DoubleVector.fromArray(S, volRing, at);
            DoubleVector.fromArray(S, tpRing, at).intoArray(leaving, 0);
            DoubleVector.fromArray(S, tpvRing, at).intoArray(leaving, LANES);
            oldVol.intoArray(leaving, 2 * LANES);
            tp.intoArray(tpRing, at);
            tpv.intoArray(tpvRing, at);
            vol.intoArray(volRing, at);
            double dt = t;
            DoubleVector bad = DoubleVector.fromArray(S, lastBad, x).blend(dt, tpv.test(VectorOperators.IS_FINITE).not());
            bad.intoArray(lastBad, x);
            DoubleVector z = DoubleVector.fromArray(S, zeros, x);
            z = z.blend(z.add(1.0), vol.compare(VectorOperators.EQ, 0.0));
            if (t >= n) {
                z = z.blend(z.sub(1.0), oldVol.compare(VectorOperators.EQ, 0.0));
            }
            z.intoArray(zeros, x);
            if (t < n - 1) {
                return false;
            }
            VectorMask<Double> hold = bad.compare(VectorOperators.GT, dt - n);
            DoubleVector next = DoubleVector.fromArray(S, nextReset, x);
            VectorMask<Double> again = next.compare(VectorOperators.LE, dt).andNot(hold);
            next.blend(dt + 1, hold).blend(dt + n, again).intoArray(nextReset, x);
            DoubleVector.broadcast(S, SLIDE).blend(RECOMPUTE, again).blend(HOLD, hold).intoArray(mode, 0);
            return again.anyTrue();
        }

        /** The three compensated sums over the window ending at t, oldest first, into {@link #fresh}. */
        private void recompute(int t, int x) {
            for (int q = 0; q < 3; q++) {
                double[] ring = q == 0 ? tpvRing : q == 1 ? volRing : tpRing;
                DoubleVector s = DoubleVector.zero(S);
                DoubleVector c = DoubleVector.zero(S);
                for (int i = t - n + 1; i <= t; i++) {
                    DoubleVector y = DoubleVector.fromArray(S, ring, (i % n) * WIDTH + x);
                    DoubleVector sum = s.add(y);
                    c = c.add(s.sub(sum).add(y).blend(y.sub(sum).add(s), s.abs().compare(VectorOperators.LT, y.abs())));
                    s = sum;
                }
                s.intoArray(fresh, 2 * q * LANES);
                c.intoArray(fresh, (2 * q + 1) * LANES);
            }
        }

        /**
         * Sum q (0 tp·v, 1 v, 2 tp) of the vector at x: the new value added and the leaving one
         * removed ({@code CompensatedSum.add} twice), or the recomputed sums, or unchanged, per lane.
         */
        private void slide(int q, int t, int x) {
            double[] ring = q == 0 ? tpvRing : q == 1 ? volRing : tpRing;
            int leave = q == 0 ? LANES : q == 1 ? 2 * LANES : 0;
            double[] sumArray = sums[2 * q];
            double[] compArray = sums[2 * q + 1];
            DoubleVector s0 = DoubleVector.fromArray(S, sumArray, x);
            DoubleVector c0 = DoubleVector.fromArray(S, compArray, x);
            DoubleVector y = DoubleVector.fromArray(S, ring, (t % n) * WIDTH + x);
            DoubleVector sum = s0.add(y);
            DoubleVector c = c0.add(s0.sub(sum).add(y).blend(y.sub(sum).add(s0), s0.abs().compare(VectorOperators.LT, y.abs())));
            DoubleVector s = sum;
            y = DoubleVector.fromArray(S, leaving, leave).neg();
            sum = s.add(y);
            c = c.add(s.sub(sum).add(y).blend(y.sub(sum).add(s), s.abs().compare(VectorOperators.LT, y.abs())));
            s = sum;
            DoubleVector m = DoubleVector.fromArray(S, mode, 0);
            VectorMask<Double> again = m.compare(VectorOperators.EQ, RECOMPUTE);
            VectorMask<Double> hold = m.compare(VectorOperators.EQ, HOLD);
            s.blend(DoubleVector.fromArray(S, fresh, 2 * q * LANES), again).blend(s0, hold).intoArray(sumArray, x);
            c.blend(DoubleVector.fromArray(S, fresh, (2 * q + 1) * LANES), again).blend(c0, hold).intoArray(compArray, x);
        }

        private void emit(LaneBlock b, double[] o, int t, int v) {
            int x = v * LANES;
            DoubleVector pv = DoubleVector.fromArray(S, sums[0], x).add(DoubleVector.fromArray(S, sums[1], x));
            DoubleVector vol = DoubleVector.fromArray(S, sums[2], x).add(DoubleVector.fromArray(S, sums[3], x));
            DoubleVector p = DoubleVector.fromArray(S, sums[4], x).add(DoubleVector.fromArray(S, sums[5], x));
            pv.div(vol).blend(IntegerDivision.divide(p, dn, reciprocal), DoubleVector.fromArray(S, zeros, x).compare(VectorOperators.EQ, dn))
                    .blend(Double.NaN, DoubleVector.fromArray(S, mode, 0).compare(VectorOperators.EQ, HOLD))
                    .intoArray(o, b.outBase + b.lane(v) + t * b.outStride);
        }
    }
}
