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
 * TA-Lib ADX(n) across the lanes, repeating the cpu reference ({@code feature.cpu.Wilder.adx})
 * operation for operation in every lane, so it equals it bit for bit: +DM/-DM and the true range
 * summed over bars 1..n-1, then Wilder-smoothed ({@code s -= s / n; s += x}); DX = 100 |-DI - +DI|
 * / (-DI + +DI) summed over bars n..2n-1; the first ADX (bar 2n - 1) is that sum / n, then
 * {@code adx = (adx (n - 1) + dx) / n}. A lane whose TR or DI sum is TA-Lib zero (|x| &lt; 1e-8)
 * leaves its sum or ADX unchanged (a masked blend). The state lives in arrays between bars (no
 * vector crosses a call). One instance per worker; not thread-safe.
 */
final class AdxLanes extends LaneKernel {
    private final int n;
    private final double dn;
    private final double dn1;
    /** {@code 1 / n}, for {@link IntegerDivision#divide}. */
    private final double reciprocal;
    private final double[] minusDm = new double[WIDTH];
    private final double[] plusDm = new double[WIDTH];
    private final double[] range = new double[WIDTH];
    /** The DX sum (bars n..2n-1), then the ADX. */
    private final double[] adx = new double[WIDTH];
    /** The DX of the current bar of one vector, NaN where it is not defined. */
    private final double[] dx = new double[LANES];

    AdxLanes(int column, int n) {
        super(column);
        this.n = n;
        this.dn = n;
        this.dn1 = n - 1;
        this.reciprocal = IntegerDivision.reciprocal(n);
    }

    @Override
    void reset() {
        Arrays.fill(minusDm, 0.0);
        Arrays.fill(plusDm, 0.0);
        Arrays.fill(range, 0.0);
        Arrays.fill(adx, 0.0);
    }

    @Override
    void run(LaneBlock b, int t0, int t1) {
        double[] o = b.out.column(column);
        int first = 2 * n - 1;
        b.fillNaN(o, t0, Math.min(t1, first));
        for (int v = 0; v < b.vectors; v++) {
            for (int t = Math.max(t0, 1); t < t1; t++) {
                move(b, t, v, t >= n);
                if (t < n) {
                    continue;
                }
                int x = v * LANES;
                DoubleVector d = DoubleVector.fromArray(S, dx, 0);
                VectorMask<Double> defined = d.compare(VectorOperators.EQ, d);
                DoubleVector a = DoubleVector.fromArray(S, adx, x);
                if (t < first) {
                    a.blend(a.add(d), defined).intoArray(adx, x);
                } else if (t == first) {
                    // once a block: a plain division (a cold call site is where C2 declines to inline
                    // IntegerDivision.divide, and the vector it returned would be boxed)
                    a = a.blend(a.add(d), defined).div(dn);
                    a.intoArray(adx, x);
                    a.intoArray(o, b.outBase + b.lane(v) + t * b.outStride);
                } else {
                    a = a.blend(IntegerDivision.divide(a.mul(dn1).add(d), dn, reciprocal), defined);
                    a.intoArray(adx, x);
                    a.intoArray(o, b.outBase + b.lane(v) + t * b.outStride);
                }
            }
        }
    }

    /**
     * Bar t of vector v: the directional movements and true range enter the sums (smoothed first
     * when {@code smooth}); when smoothed, the bar's DX into {@link #dx} (NaN where TR or the DI sum
     * is zero).
     */
    private void move(LaneBlock b, int t, int v, boolean smooth) {
        int x = v * LANES;
        int in = b.base + b.lane(v) + t * b.stride;
        int before = in - b.stride;
        DoubleVector h = DoubleVector.fromArray(S, b.high, in);
        DoubleVector l = DoubleVector.fromArray(S, b.low, in);
        DoubleVector diffP = h.sub(DoubleVector.fromArray(S, b.high, before));
        DoubleVector diffM = DoubleVector.fromArray(S, b.low, before).sub(l);
        DoubleVector yc = DoubleVector.fromArray(S, b.close, before);
        DoubleVector tr = h.sub(l).max(yc.sub(h).abs()).max(l.sub(yc).abs());
        VectorMask<Double> minus = diffM.compare(VectorOperators.GT, 0.0).and(diffP.compare(VectorOperators.LT, diffM));
        VectorMask<Double> plus = diffP.compare(VectorOperators.GT, 0.0).and(diffP.compare(VectorOperators.GT, diffM));
        DoubleVector m = DoubleVector.fromArray(S, minusDm, x);
        DoubleVector p = DoubleVector.fromArray(S, plusDm, x);
        DoubleVector r = DoubleVector.fromArray(S, range, x);
        if (smooth) {
            m = m.sub(IntegerDivision.divide(m, dn, reciprocal));
            p = p.sub(IntegerDivision.divide(p, dn, reciprocal));
            r = r.sub(IntegerDivision.divide(r, dn, reciprocal));
        }
        m = m.blend(m.add(diffM), minus);
        p = p.blend(p.add(diffP), plus);
        r = r.add(tr);
        m.intoArray(minusDm, x);
        p.intoArray(plusDm, x);
        r.intoArray(range, x);
        if (smooth) {
            DoubleVector minusDi = m.div(r).mul(100.0);
            DoubleVector plusDi = p.div(r).mul(100.0);
            DoubleVector sum = minusDi.add(plusDi);
            VectorMask<Double> zero = r.compare(VectorOperators.GT, -1e-8).and(r.compare(VectorOperators.LT, 1e-8))
                    .or(sum.compare(VectorOperators.GT, -1e-8).and(sum.compare(VectorOperators.LT, 1e-8)));
            minusDi.sub(plusDi).abs().div(sum).mul(100.0).blend(Double.NaN, zero).intoArray(dx, 0);
        }
    }
}
