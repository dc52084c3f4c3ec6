package io.vectrade.feature.simd;

import static io.vectrade.feature.simd.LaneBlock.LANES;
import static io.vectrade.feature.simd.LaneBlock.S;
import static io.vectrade.feature.simd.LaneBlock.WIDTH;

import io.vectrade.numeric.IntegerDivision;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * zscore(n) and volatility(n) across the lanes, repeating the cpu reference's rolling arithmetic
 * ({@code feature.cpu.Statistics}: {@code RollingMoments} over {@code CompensatedSum}s) operation
 * for operation in every lane:
 * <ul>
 *   <li>Neumaier-compensated sums S1, S2 of {@code x - anchor} and {@code (x - anchor)^2} over the
 *       last n inputs (x = close for zscore, the log return for volatility);</li>
 *   <li>a reset (anchor = plain mean of the window, sums recomputed from the window in time order)
 *       at the first full window and in any lane whose mean drifted more than 100 standard
 *       deviations from its anchor; every n bars after a lane's last re-anchoring a rebase (anchor =
 *       the plain mean of that re-anchoring's window, sums recomputed), then a reset if it drifted
 *       (a lane's schedule is its own);</li>
 *   <li>0 for a window of n identical inputs (a flat stretch), detected exactly.</li>
 * </ul>
 * zscore therefore equals the cpu reference bit for bit. volatility equals it bit for bit given the
 * same log returns; the lanes' log returns come from the vector {@code LOG}, which may differ from
 * cpu's {@link StrictMath#log} by an ulp, so volatility agrees within 1e-14 of the window's largest |return|
 * (tested), not bit for bit. The inputs of the last n bars are kept in a ring per lane.
 * One instance per worker; not thread-safe.
 */
final class AnchoredMoments extends LaneKernel {
    private final int n;
    /** First bar with an input: 0 for closes, 1 for log returns. */
    private final int from;
    /** First bar with an output: from + n - 1. */
    private final int first;
    private final double dn;
    private final double dn1;
    /** 1 / n and 1 / (n - 1), for {@link IntegerDivision}: the same bits as dividing, without the divider. */
    private final double rn;
    private final double rn1;
    private final double flat;
    private final double driftFactor;
    private final double[] ring;
    private final double[] anchor = new double[WIDTH];
    private final double[] sum1 = new double[WIDTH];
    private final double[] comp1 = new double[WIDTH];
    private final double[] sum2 = new double[WIDTH];
    private final double[] comp2 = new double[WIDTH];
    /** Per lane: how many consecutive inputs equal their predecessor. */
    private final double[] run = new double[WIDTH];
    /** Per lane: the bar of the next scheduled reset. */
    private final double[] next = new double[WIDTH];
    private final double[] previous = new double[WIDTH];
    /** Per lane: the plain mean of the window at its last re-anchoring (the anchor of its next rebase). */
    private final double[] nextAnchor = new double[WIDTH];
    /** {@link #sums}' result for one vector (S1, its compensation, S2, its compensation), then its anchors. */
    private final double[] sums = new double[5 * LANES];
    /** The lanes {@link #advance} stopped for (a mask's bits). */
    private long pending;

    private AnchoredMoments(int column, int n, int from) {
        super(column);
        this.n = n;
        this.from = from;
        this.first = from + n - 1;
        this.dn = n;
        this.dn1 = n - 1;
        this.rn = IntegerDivision.reciprocal(n);
        this.rn1 = n > 1 ? IntegerDivision.reciprocal(n - 1) : Double.NaN;
        this.flat = n - 1;
        this.driftFactor = 1e4 * n;
        this.ring = new double[n * WIDTH];
    }

    /** zscore(n): (close - mean) / population sd of the last n closes; cpu's {@code Statistics.zscore}. */
    static AnchoredMoments zscore(int column, int n) {
        return new AnchoredMoments(column, n, 0);
    }

    /** volatility(n): sample sd of the last n log returns; cpu's {@code Statistics.volatility}. */
    static AnchoredMoments volatility(int column, int n) {
        return new AnchoredMoments(column, n, 1);
    }

    @Override
    boolean needsLogReturns() {
        return from == 1;
    }

    @Override
    void reset() {
        java.util.Arrays.fill(next, first);
    }

    @Override
    void run(LaneBlock b, int t0, int t1) {
        double[] o = b.out.column(column);
        b.fillNaN(o, t0, Math.min(t1, first));
        int start = Math.max(t0, from);
        // three methods, each small enough for C2 to inline every vector operation in it (one large method
        // hit NodeCountInliningCutoff and boxed its vectors); vectors never cross a call
        for (int v = 0; v < b.vectors; v++) {
            for (int t = start; t < t1; ) {
                int stop = advance(b, o, t0, t, t1, v);
                if (stop == t1) {
                    break;
                }
                reanchor(v * LANES, stop, pending);
                emit(b, o, stop, v);
                t = stop + 1;
            }
        }
    }

    /**
     * Bars {@code [from, t1)} of vector {@code v}: returns t1, or the first bar at which some lane must
     * re-anchor (its scheduled reset, or its mean drifted); then the lanes' state after that bar's
     * add and remove is saved and those lanes are in {@link #pending}.
     */
    private int advance(LaneBlock b, double[] o, int t0, int start, int t1, int v) {
        int x = v * LANES;
        // loads and stores written out here: a helper left un-inlined would box every vector
        double[] ring = this.ring;
        double[] close = b.close;
        double[] lr = b.logReturns;
        int in = b.base + b.lane(v);
        int stride = b.stride;
        int out = b.outBase + b.lane(v);
        int outStride = b.outStride;
        boolean closes = from == 0;
        DoubleVector a = DoubleVector.fromArray(S, anchor, x);
        DoubleVector s1 = DoubleVector.fromArray(S, sum1, x);
        DoubleVector c1 = DoubleVector.fromArray(S, comp1, x);
        DoubleVector s2 = DoubleVector.fromArray(S, sum2, x);
        DoubleVector c2 = DoubleVector.fromArray(S, comp2, x);
        DoubleVector same = DoubleVector.fromArray(S, run, x);
        DoubleVector due = DoubleVector.fromArray(S, next, x);
        DoubleVector prev = DoubleVector.fromArray(S, previous, x);
        DoubleVector rv = DoubleVector.broadcast(S, rn);
        DoubleVector ndn = DoubleVector.broadcast(S, -dn);
        DoubleVector rv1 = DoubleVector.broadcast(S, rn1);
        DoubleVector ndn1 = DoubleVector.broadcast(S, -dn1);
        int slot = start % n;
        int t = start;
        for (; t < t1; t++) {
            DoubleVector xv = closes ? DoubleVector.fromArray(S, close, in + t * stride)
                    : DoubleVector.fromArray(S, lr, (t - t0) * WIDTH + x);
            same = t > from ? same.add(1.0).blend(0.0, xv.compare(VectorOperators.NE, prev)) : DoubleVector.zero(S);
            prev = xv;
            int at = slot * WIDTH + x;
            // the slot holds the input of bar t - n, which leaves the window
            DoubleVector old = DoubleVector.fromArray(S, ring, at);
            xv.intoArray(ring, at);
            slot = slot + 1 == n ? 0 : slot + 1;
            if (t < first) {
                continue;
            }
            // add the new input, then remove the leaving one: CompensatedSum.add written out, its error term
            // (Neumaier's, by a compare and two branches) by TwoSum without the compare: both are the exact
            // rounding error of the sum, so the same bits
            DoubleVector d = xv.sub(a);
            DoubleVector sum = s1.add(d);
            DoubleVector part = sum.sub(s1);
            c1 = c1.add(s1.sub(sum.sub(part)).add(d.sub(part)));
            s1 = sum;
            DoubleVector dd = d.mul(d);
            sum = s2.add(dd);
            part = sum.sub(s2);
            c2 = c2.add(s2.sub(sum.sub(part)).add(dd.sub(part)));
            s2 = sum;
            DoubleVector e = old.sub(a);
            DoubleVector ee = e.mul(e).neg();
            e = e.neg();
            sum = s1.add(e);
            part = sum.sub(s1);
            c1 = c1.add(s1.sub(sum.sub(part)).add(e.sub(part)));
            s1 = sum;
            sum = s2.add(ee);
            part = sum.sub(s2);
            c2 = c2.add(s2.sub(sum.sub(part)).add(ee.sub(part)));
            s2 = sum;
            DoubleVector d1 = s1.add(c1);
            // S1^2 / n by IntegerDivision (the same bits as dividing), written out: a call here would not be
            // inlined (NodeCountInliningCutoff) and would box its vectors
            DoubleVector sq = d1.mul(d1);
            DoubleVector sqn = sq.mul(rv);
            sqn = sqn.fma(ndn, sq).fma(rv, sqn);
            DoubleVector sqa = sq.abs();
            if (!sqa.compare(VectorOperators.GE, IntegerDivision.LOW).and(sqa.compare(VectorOperators.LE, IntegerDivision.HIGH)).allTrue()) {
                sqn = sq.div(dn);
            }
            DoubleVector m2 = s2.add(c2).sub(sqn);
            DoubleVector squares = m2.blend(0.0, m2.compare(VectorOperators.GT, 0.0).not());
            // re-anchor where the schedule says so, or where S1^2 > 1e4 n (squared deviations) in a non-flat window
            VectorMask<Double> need = due.compare(VectorOperators.LE, (double) t)
                    .or(d1.mul(d1).compare(VectorOperators.GT, squares.mul(driftFactor))
                            .and(same.compare(VectorOperators.LT, flat)));
            if (need.anyTrue()) {
                pending = need.toLong();
                break;
            }
            DoubleVector y;
            if (closes) {
                // zscore: sd > 0 ? ((x - anchor) - S1 / n) / sd : 0
                // squares / n and S1 / n by IntegerDivision, written out as above
                DoubleVector var = squares.mul(rv);
                var = var.fma(ndn, squares).fma(rv, var);
                DoubleVector mean = d1.mul(rv);
                mean = mean.fma(ndn, d1).fma(rv, mean);
                DoubleVector qa = squares.abs();
                DoubleVector da = d1.abs();
                if (!qa.compare(VectorOperators.GE, IntegerDivision.LOW).and(qa.compare(VectorOperators.LE, IntegerDivision.HIGH))
                        .and(da.compare(VectorOperators.GE, IntegerDivision.LOW)).and(da.compare(VectorOperators.LE, IntegerDivision.HIGH)).allTrue()) {
                    var = squares.div(dn);
                    mean = d1.div(dn);
                }
                DoubleVector sd = var.lanewise(VectorOperators.SQRT);
                y = xv.sub(a).sub(mean).div(sd).blend(0.0, sd.compare(VectorOperators.GT, 0.0).not());
            } else {
                // volatility: sqrt(squares / (n - 1)), the division by IntegerDivision written out as above
                DoubleVector var = squares.mul(rv1);
                var = var.fma(ndn1, squares).fma(rv1, var);
                DoubleVector qa = squares.abs();
                if (!qa.compare(VectorOperators.GE, IntegerDivision.LOW).and(qa.compare(VectorOperators.LE, IntegerDivision.HIGH)).allTrue()) {
                    var = squares.div(dn1);
                }
                y = var.lanewise(VectorOperators.SQRT);
            }
            y.blend(0.0, same.compare(VectorOperators.GE, flat)).intoArray(o, out + t * outStride);
        }
        s1.intoArray(sum1, x);
        c1.intoArray(comp1, x);
        s2.intoArray(sum2, x);
        c2.intoArray(comp2, x);
        same.intoArray(run, x);
        prev.intoArray(previous, x);
        return t;
    }

    /**
     * The cpu reference's re-anchoring ({@code Statistics.rolling}) for the lanes in {@code lanes} (a
     * mask's bits) of the vector at {@code x}, at bar {@code t}, the sums recomputed over the window in
     * time order (the oldest input is in the slot after t's): a lane due on its schedule after its first
     * window is rebased (anchored at the plain mean of the window of its last re-anchoring,
     * {@code RollingMoments.rebase}) and then reset if its mean drifted; any other lane (the first
     * window, a drift) is reset (anchored at its own window's plain mean). The next scheduled
     * re-anchoring at t + n.
     */
    private void reanchor(int x, int t, long lanes) {
        VectorMask<Double> mask = VectorMask.fromLong(S, lanes);
        // due on schedule after the first window (at the first window every lane resets); one mask
        // expression, not a choice of two (C2 boxed the mask that a ternary chose: 264 B a call)
        double dueBy = t == first ? Double.NEGATIVE_INFINITY : t;
        VectorMask<Double> rebase = DoubleVector.fromArray(S, next, x).compare(VectorOperators.LE, dueBy).and(mask);
        double[] ring = this.ring;
        int oldest = (t + 1) % n;
        DoubleVector m = DoubleVector.zero(S);
        for (int k = 0, j = oldest; k < n; k++, j = j + 1 == n ? 0 : j + 1) {
            m = m.add(DoubleVector.fromArray(S, ring, j * WIDTH + x));
        }
        m = m.div(dn);
        DoubleVector a = m.blend(DoubleVector.fromArray(S, nextAnchor, x), rebase);
        a.intoArray(sums, 4 * LANES);
        sums(x, oldest);
        if (rebase.anyTrue()) {
            DoubleVector d1 = DoubleVector.fromArray(S, sums, 0).add(DoubleVector.fromArray(S, sums, LANES));
            DoubleVector m2 = DoubleVector.fromArray(S, sums, 2 * LANES).add(DoubleVector.fromArray(S, sums, 3 * LANES))
                    .sub(d1.mul(d1).div(dn));
            DoubleVector squares = m2.blend(0.0, m2.compare(VectorOperators.GT, 0.0).not());
            VectorMask<Double> drifted = d1.mul(d1).compare(VectorOperators.GT, squares.mul(driftFactor))
                    .and(DoubleVector.fromArray(S, run, x).compare(VectorOperators.LT, flat)).and(rebase);
            if (drifted.anyTrue()) {
                // those lanes reset after all: anchored at their own mean
                a = a.blend(m, drifted);
                a.intoArray(sums, 4 * LANES);
                sums(x, oldest);
            }
        }
        DoubleVector.fromArray(S, anchor, x).blend(a, mask).intoArray(anchor, x);
        DoubleVector.fromArray(S, nextAnchor, x).blend(m, mask).intoArray(nextAnchor, x);
        DoubleVector.fromArray(S, sum1, x).blend(DoubleVector.fromArray(S, sums, 0), mask).intoArray(sum1, x);
        DoubleVector.fromArray(S, comp1, x).blend(DoubleVector.fromArray(S, sums, LANES), mask).intoArray(comp1, x);
        DoubleVector.fromArray(S, sum2, x).blend(DoubleVector.fromArray(S, sums, 2 * LANES), mask).intoArray(sum2, x);
        DoubleVector.fromArray(S, comp2, x).blend(DoubleVector.fromArray(S, sums, 3 * LANES), mask).intoArray(comp2, x);
        DoubleVector.fromArray(S, next, x).blend((double) (t + n), mask).intoArray(next, x);
    }

    /**
     * The compensated sums of {@code ring - a} and its squares over the window, oldest first
     * ({@code RollingMoments.add}), into {@link #sums}: S1, its compensation, S2, its compensation; the
     * anchors {@code a} are read from {@code sums[4 LANES, 5 LANES)} (no vector crosses the call: one
     * C2 left un-inlined would be boxed).
     */
    private void sums(int x, int oldest) {
        double[] ring = this.ring;
        DoubleVector a = DoubleVector.fromArray(S, sums, 4 * LANES);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector s2 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        for (int k = 0, j = oldest; k < n; k++, j = j + 1 == n ? 0 : j + 1) {
            DoubleVector d = DoubleVector.fromArray(S, ring, j * WIDTH + x).sub(a);
            DoubleVector sum = s1.add(d);
            c1 = c1.add(s1.sub(sum).add(d).blend(d.sub(sum).add(s1), s1.abs().compare(VectorOperators.LT, d.abs())));
            s1 = sum;
            DoubleVector dd = d.mul(d);
            sum = s2.add(dd);
            c2 = c2.add(s2.sub(sum).add(dd).blend(dd.sub(sum).add(s2), s2.abs().compare(VectorOperators.LT, dd.abs())));
            s2 = sum;
        }
        s1.intoArray(sums, 0);
        c1.intoArray(sums, LANES);
        s2.intoArray(sums, 2 * LANES);
        c2.intoArray(sums, 3 * LANES);
    }

    /** The output of bar {@code t} (its input in the ring) from the saved state of vector {@code v}. */
    private void emit(LaneBlock b, double[] o, int t, int v) {
        int x = v * LANES;
        DoubleVector xv = DoubleVector.fromArray(S, ring, (t % n) * WIDTH + x);
        DoubleVector a = DoubleVector.fromArray(S, anchor, x);
        DoubleVector d1 = DoubleVector.fromArray(S, sum1, x).add(DoubleVector.fromArray(S, comp1, x));
        DoubleVector m2 = DoubleVector.fromArray(S, sum2, x).add(DoubleVector.fromArray(S, comp2, x))
                .sub(d1.mul(d1).div(dn));
        DoubleVector squares = m2.blend(0.0, m2.compare(VectorOperators.GT, 0.0).not());
        DoubleVector y;
        if (from == 0) {
            DoubleVector sd = squares.div(dn).lanewise(VectorOperators.SQRT);
            y = xv.sub(a).sub(d1.div(dn)).div(sd).blend(0.0, sd.compare(VectorOperators.GT, 0.0).not());
        } else {
            y = squares.div(dn1).lanewise(VectorOperators.SQRT);
        }
        y.blend(0.0, DoubleVector.fromArray(S, run, x).compare(VectorOperators.GE, flat))
                .intoArray(o, b.outBase + b.lane(v) + t * b.outStride);
    }
}
