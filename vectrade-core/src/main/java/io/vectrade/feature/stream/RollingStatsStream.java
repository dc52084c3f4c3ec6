package io.vectrade.feature.stream;

import io.vectrade.numeric.IntegerDivision;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import java.util.Arrays;

/**
 * {@code volatility(n)} and {@code zscore(n)}, the project's own rolling statistics, computed
 * exactly as the cpu backend's {@code Statistics} does, so bit-exact with it:
 * <ul>
 *   <li>{@code volatility(n)}: sample standard deviation ({@code n - 1}) of the last {@code n} log
 *       returns {@code ln(c[t] / c[t-1])}, first value at bar {@code n};</li>
 *   <li>{@code zscore(n)}: {@code (close - mean) / population stddev} of the last {@code n} closes;</li>
 *   <li>0 when the window's {@code n} inputs are identical; NaN while the window holds a non-finite
 *       input.</li>
 * </ul>
 * Sums of {@code x - anchor} and {@code (x - anchor)^2} are compensated sliding sums. Every
 * {@code n} bars they are replaced by fresh sums over the window, anchored at the mean of the window
 * {@code n} bars earlier: shadow sums that every bar adds its input to, so the re-sum costs O(1)
 * (no pass over the ring, no spike every {@code n} ticks), bit for bit what the cpu backend's
 * {@code Statistics} recomputes. Only the first window, the first window after a non-finite input
 * has left, and a mean more than 100 standard deviations from the anchor (checked every bar and
 * right after the re-sum) recompute from the ring (O(n), per instrument as its data makes it
 * happen). O(1) per bar otherwise. volatility's log returns are its {@link VectorLog}'s (its backend's),
 * one pass over the tick's instruments first.
 */
final class RollingStatsStream extends VectorStreamKernel {
    private static final int[] IOTA = java.util.stream.IntStream.range(0, LANES).toArray();

    private final boolean zscore;
    private final int n;
    /** 1 / n and 1 / (n - 1) for {@link IntegerDivision}: the lanes' divisions by n, without the divider. */
    private final double rn;
    private final double rn1;
    /** Index of the first input: returns start at bar 1, closes at bar 0. */
    private final int from;
    private final LagRing window;
    private final double[] prevInput;
    private final double[] prevClose;
    private final double[] anchor;
    private final CompensatedSums s1;
    private final CompensatedSums s2;
    /** The next window's sums, of {@code x - shadowAnchor}, since the last reset or rebase. */
    private final CompensatedSums shadow1;
    private final CompensatedSums shadow2;
    /** The mean of the window at the last reset or rebase: the next anchor. */
    private final double[] shadowAnchor;
    /** Plain sum of the inputs since the last reset or rebase (oldest first), for the anchor after next. */
    private final double[] shadowSum;
    /** Bar of the last reset or rebase. */
    private final int[] lastReset;
    private final int[] lastBad;
    private final int[] equalRun;
    private final int[] nextReset;
    /** volatility: its backend's log; zscore: null. Not state (skipped by the snapshot), as {@link #returns}. */
    private final transient VectorLog vectorLog;
    /** volatility: this tick's log returns, one per instrument (scratch); zscore: null. */
    private final transient double[] returns;
    /** One vector's leaving values, between {@link #lanes} and {@link #sumLanes} (scratch). */
    private final transient double[] leavingLanes = new double[LANES];
    /** One vector's sums of deviations and squared deviations, from {@link #sumLanes} to {@link #valueLanes} (scratch). */
    private final transient double[] deviationSumLanes = new double[LANES];
    private final transient double[] squaredDeviationLanes = new double[LANES];
    /** One vector's ring indices when its lanes' slots differ (scratch). */
    private final transient int[] ringIndex = new int[LANES];
    /** The values a vector of lanes pushes, where their ring slots differ. */
    private final transient double[] enteringLanes = new double[LANES];

    RollingStatsStream(int instruments, int n, boolean zscore, VectorLog vectorLog) {
        super(instruments);
        this.zscore = zscore;
        this.vectorLog = zscore ? null : vectorLog;
        this.returns = zscore ? null : new double[instruments];
        this.n = n;
        this.rn = IntegerDivision.reciprocal(n);
        this.rn1 = n > 1 ? IntegerDivision.reciprocal(n - 1) : Double.NaN;
        this.from = zscore ? 0 : 1;
        this.window = new LagRing(instruments, n);
        this.prevInput = new double[instruments];
        this.prevClose = new double[instruments];
        this.anchor = new double[instruments];
        this.s1 = new CompensatedSums(instruments);
        this.s2 = new CompensatedSums(instruments);
        this.shadow1 = new CompensatedSums(instruments);
        this.shadow2 = new CompensatedSums(instruments);
        this.shadowAnchor = new double[instruments];
        this.shadowSum = new double[instruments];
        this.lastReset = new int[instruments];
        this.lastBad = new int[instruments];
        this.equalRun = new int[instruments];
        this.nextReset = new int[instruments];
        reset();
    }

    @Override
    void update(int i, int t, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double v;
        if (zscore) {
            v = close;
        } else {
            double p = prevClose[i];
            prevClose[i] = close;
            if (t == 0) {
                out[index] = Double.NaN;
                return;
            }
            v = vectorLog.log(close / p);
        }
        double leaving = window.push(i, v);
        if (!Double.isFinite(v)) {
            lastBad[i] = t;
        }
        int run = t > from && v == prevInput[i] ? equalRun[i] + 1 : 0;
        equalRun[i] = run;
        prevInput[i] = v;
        if (t < from + n - 1 || t - lastBad[i] < n || t >= nextReset[i]) {
            out[index] = rare(i, t, v, run);
            return;
        }
        double a = anchor[i];
        double d = v - a;
        s1.add(i, d);
        s2.add(i, d * d);
        double e = leaving - a;
        s1.add(i, -e);
        s2.add(i, -(e * e));
        shadow(i, v);
        if (run < n - 1 && drifted(i)) {
            recompute(i, t);
        }
        out[index] = value(i, v, run);
    }

    /** Enters {@code v} into the next window's sums. */
    private void shadow(int i, double v) {
        double d = v - shadowAnchor[i];
        shadow1.add(i, d);
        shadow2.add(i, d * d);
        shadowSum[i] += v;
    }

    /** Warm-up, a non-finite input in the window, or the scheduled re-sum: off the hot path. */
    private double rare(int i, int t, double v, int run) {
        if (t < from + n - 1) {
            return Double.NaN;
        }
        if (t - lastBad[i] < n) {
            nextReset[i] = t + 1;
            return Double.NaN;
        }
        if (t == lastReset[i] + n) {
            // the scheduled re-sum, n bars after the last: the shadow sums hold exactly this window
            shadow(i, v);
            anchor[i] = shadowAnchor[i];
            s1.copy(i, shadow1);
            s2.copy(i, shadow2);
            startShadow(i, shadowSum[i] / n, t);
            if (run < n - 1 && drifted(i)) {
                recompute(i, t); // the window's mean is far from the previous window's: anchor at its own
            }
        } else {
            recompute(i, t);
        }
        return value(i, v, run);
    }

    /** Starts the next window's sums at bar {@code t}, anchored at {@code mean}. */
    private void startShadow(int i, double mean, int t) {
        shadowAnchor[i] = mean;
        shadow1.clear(i);
        shadow2.clear(i);
        shadowSum[i] = 0;
        lastReset[i] = t;
        nextReset[i] = t + n;
    }

    private double value(int i, double v, int run) {
        if (run >= n - 1) {
            return 0.0;
        }
        if (zscore) {
            double sd = Math.sqrt(squaredDeviations(i) / n);
            return sd > 0 ? ((v - anchor[i]) - s1.value(i) / n) / sd : 0.0;
        }
        return Math.sqrt(squaredDeviations(i) / (n - 1));
    }

    /** Sums over the window, oldest first, anchored at its plain mean; the shadow starts again. O(n). */
    private void recompute(int i, int t) {
        int first = window.nextSlot(i);
        double sum = 0;
        for (int k = 0, s = first; k < n; k++, s = s + 1 == n ? 0 : s + 1) {
            sum += window.slot(i, s);
        }
        double a = sum / n;
        anchor[i] = a;
        s1.clear(i);
        s2.clear(i);
        for (int k = 0, s = first; k < n; k++, s = s + 1 == n ? 0 : s + 1) {
            double d = window.slot(i, s) - a;
            s1.add(i, d);
            s2.add(i, d * d);
        }
        startShadow(i, a, t);
    }

    private double squaredDeviations(int i) {
        double d1 = s1.value(i);
        double m2 = s2.value(i) - d1 * d1 / n;
        return m2 > 0 ? m2 : 0.0;
    }

    private boolean drifted(int i) {
        double d1 = s1.value(i);
        return d1 * d1 > 1e4 * n * squaredDeviations(i);
    }

    /**
     * The tick as vectors of {@link #LANES} instruments, lanes across instruments ({@link #lanes}):
     * {@link #update}'s steady path and its scheduled re-sum, the same IEEE operations in the same
     * order per lane, so the same bits. A vector with a lane that needs another path (absent,
     * warm-up, a non-finite input in its window, a first window to sum) runs {@link #update} lane by
     * lane; so does the tail of {@code B mod LANES} instruments. volatility takes the tick's log
     * returns in one pass first (its {@link VectorLog}).
     */
    @Override
    void tick(double[] open, double[] high, double[] low, double[] close, double[] volume,
              int[] barsSeen, double[] out, int column) {
        final int b = instruments;
        final double[] logReturns = returns;
        if (logReturns != null) {
            final double[] prevC = prevClose;
            for (int i = 0; i < b; i++) {
                double c = close[i];
                if (c == c) {
                    logReturns[i] = c / prevC[i];
                }
            }
            vectorLog.inPlace(logReturns, 0, b);
        }
        tickLanes(open, high, low, close, volume, barsSeen, out, column);
    }

    /**
     * Instruments {@code [i, i + LANES)} as one vector when every lane is present, past its warm-up,
     * has a finite input and no non-finite one in its window, and is either steady or at its
     * scheduled re-sum; returns false, having changed nothing, otherwise. Three steps, each loading
     * its vectors from the arrays and storing them back (so no vector crosses a call and C2 keeps
     * them in registers): this one (the checks, the ring push, the equal run), {@link #sumLanes}
     * (the window and shadow sums, the re-sum, the drift check), {@link #valueLanes}; a lane whose
     * mean drifted is recomputed from its ring afterwards, as in {@link #update}.
     */
    @Override
    boolean lanes(int i, int[] barsSeen, double[] close, double[] out, int index) {
        final int len = n;
        DoubleVector c = DoubleVector.fromArray(S, close, i);
        DoubleVector v = zscore ? c : DoubleVector.fromArray(S, returns, i);
        IntVector t = IntVector.fromArray(IS, barsSeen, i);
        IntVector due = IntVector.fromArray(IS, nextReset, i);
        VectorMask<Integer> usable = c.compare(VectorOperators.EQ, c).and(v.test(VectorOperators.IS_FINITE)).cast(IS)
                .and(t.compare(VectorOperators.GE, from + len - 1))
                .and(t.sub(IntVector.fromArray(IS, lastBad, i)).compare(VectorOperators.GE, len));
        VectorMask<Integer> resum = t.compare(VectorOperators.EQ, due)
                .and(IntVector.fromArray(IS, lastReset, i).add(len).compare(VectorOperators.EQ, due));
        if (!usable.and(t.compare(VectorOperators.LT, due).or(resum)).allTrue()) {
            return false;
        }
        if (!zscore) {
            c.intoArray(prevClose, i);
        }
        final int b = instruments;
        final double[] ring = window.values();
        final int[] next = window.nextSlots();
        IntVector slot = IntVector.fromArray(IS, next, i);
        int first = slot.lane(0);
        if (slot.compare(VectorOperators.EQ, first).allTrue()) {
            DoubleVector.fromArray(S, ring, first * b + i).intoArray(leavingLanes, 0);
            v.intoArray(ring, first * b + i);
        } else {
            // lane by lane, not the index-map gather and scatter: the JDK's ask IntVector.species(shape), which is
            // not force-inlined; where C2 does not inline it they fall back to Java and allocate
            slot.mul(b).add(IntVector.fromArray(IS, IOTA, 0)).add(i).intoArray(ringIndex, 0);
            v.intoArray(enteringLanes, 0);
            for (int j = 0; j < LANES; j++) {
                int at = ringIndex[j];
                leavingLanes[j] = ring[at];
                ring[at] = enteringLanes[j];
            }
        }
        IntVector after = slot.add(1);
        after.blend(0, after.compare(VectorOperators.EQ, len)).intoArray(next, i);
        VectorMask<Integer> same = t.compare(VectorOperators.GT, from)
                .and(v.compare(VectorOperators.EQ, DoubleVector.fromArray(S, prevInput, i)).cast(IS));
        IntVector.zero(IS).blend(IntVector.fromArray(IS, equalRun, i).add(1), same).intoArray(equalRun, i);
        v.intoArray(prevInput, i);
        long drifted = sumLanes(i, resum.toLong(), barsSeen);
        valueLanes(i, out, index);
        for (; drifted != 0; drifted &= drifted - 1) {
            int k = i + Long.numberOfTrailingZeros(drifted);
            recompute(k, barsSeen[k]);
            out[index + k - i] = value(k, prevInput[k], equalRun[k]);
        }
        return true;
    }

    /**
     * The sums of lanes {@code [i, i + LANES)} (their inputs {@code v} already in {@link #prevInput},
     * the leaving values in {@link #leavingLanes}): the shadow sums take {@code v} in every lane; a
     * steady lane adds {@code d = v - anchor}, {@code d²} and subtracts the leaving value's (TwoSum
     * errors, as {@code CompensatedSums.add} takes them, in {@link #update}'s order); a lane at its re-sum
     * ({@code resumBits}) takes the shadow sums as its sums and starts the next shadow, as
     * {@link #rare} does. Returns the lanes whose mean drifted (bits), which the caller recomputes.
     */
    private long sumLanes(int i, long resumBits, int[] barsSeen) {
        final int len = n;
        final double dn = len;
        DoubleVector v = DoubleVector.fromArray(S, prevInput, i);
        IntVector t = IntVector.fromArray(IS, barsSeen, i);
        VectorMask<Double> resum = VectorMask.fromLong(S, resumBits);
        DoubleVector zero = DoubleVector.zero(S);
        // shadow(i, v)
        DoubleVector hAnchor = DoubleVector.fromArray(S, shadowAnchor, i);
        DoubleVector hd = v.sub(hAnchor);
        DoubleVector hs = DoubleVector.fromArray(S, shadow1.sum, i);
        DoubleVector tt = hs.add(hd);
        DoubleVector xPart = tt.sub(hs);
        DoubleVector h1c = DoubleVector.fromArray(S, shadow1.compensation, i).add(hs.sub(tt.sub(xPart)).add(hd.sub(xPart)));
        DoubleVector h1s = tt;
        DoubleVector x = hd.mul(hd);
        hs = DoubleVector.fromArray(S, shadow2.sum, i);
        tt = hs.add(x);
        xPart = tt.sub(hs);
        DoubleVector h2c = DoubleVector.fromArray(S, shadow2.compensation, i).add(hs.sub(tt.sub(xPart)).add(x.sub(xPart)));
        DoubleVector h2s = tt;
        DoubleVector hSum = DoubleVector.fromArray(S, shadowSum, i).add(v);
        // the steady window sums: s1 += d; s2 += d*d; s1 += -e; s2 += -(e*e)
        DoubleVector a = DoubleVector.fromArray(S, anchor, i);
        DoubleVector d = v.sub(a);
        DoubleVector e = DoubleVector.fromArray(S, leavingLanes, 0).sub(a);
        DoubleVector sum1 = DoubleVector.fromArray(S, s1.sum, i);
        DoubleVector comp1 = DoubleVector.fromArray(S, s1.compensation, i);
        DoubleVector sum2 = DoubleVector.fromArray(S, s2.sum, i);
        DoubleVector comp2 = DoubleVector.fromArray(S, s2.compensation, i);
        x = d;
        tt = sum1.add(x);
        xPart = tt.sub(sum1);
        comp1 = comp1.add(sum1.sub(tt.sub(xPart)).add(x.sub(xPart)));
        sum1 = tt;
        x = d.mul(d);
        tt = sum2.add(x);
        xPart = tt.sub(sum2);
        comp2 = comp2.add(sum2.sub(tt.sub(xPart)).add(x.sub(xPart)));
        sum2 = tt;
        x = e.neg();
        tt = sum1.add(x);
        xPart = tt.sub(sum1);
        comp1 = comp1.add(sum1.sub(tt.sub(xPart)).add(x.sub(xPart)));
        sum1 = tt;
        x = e.mul(e).neg();
        tt = sum2.add(x);
        xPart = tt.sub(sum2);
        comp2 = comp2.add(sum2.sub(tt.sub(xPart)).add(x.sub(xPart)));
        sum2 = tt;
        // the re-sum: anchor and sums from the shadow, then a new shadow anchored at this window's mean
        a = a.blend(hAnchor, resum);
        sum1 = sum1.blend(h1s, resum);
        comp1 = comp1.blend(h1c, resum);
        sum2 = sum2.blend(h2s, resum);
        comp2 = comp2.blend(h2c, resum);
        h1s.blend(zero, resum).intoArray(shadow1.sum, i);
        h1c.blend(zero, resum).intoArray(shadow1.compensation, i);
        h2s.blend(zero, resum).intoArray(shadow2.sum, i);
        h2c.blend(zero, resum).intoArray(shadow2.compensation, i);
        hSum.blend(zero, resum).intoArray(shadowSum, i);
        VectorMask<Integer> resumInt = resum.cast(IS);
        IntVector.fromArray(IS, lastReset, i).blend(t, resumInt).intoArray(lastReset, i);
        IntVector.fromArray(IS, nextReset, i).blend(t.add(len), resumInt).intoArray(nextReset, i);
        a.intoArray(anchor, i);
        sum1.intoArray(s1.sum, i);
        comp1.intoArray(s1.compensation, i);
        sum2.intoArray(s2.sum, i);
        comp2.intoArray(s2.compensation, i);
        // drifted: run < n - 1 && d1 * d1 > 1e4 * n * squaredDeviations
        DoubleVector d1 = sum1.add(comp1);
        // hSum / n and d1² / n by IntegerDivision (the same bits as dividing), written out: a call in
        // this large method would not be inlined, and its vectors would be boxed
        DoubleVector rv = DoubleVector.broadcast(S, rn);
        DoubleVector ndn = DoubleVector.broadcast(S, -dn);
        DoubleVector d1sq = d1.mul(d1);
        DoubleVector mean = hSum.mul(rv);
        mean = mean.fma(ndn, hSum).fma(rv, mean);
        DoubleVector d1sqn = d1sq.mul(rv);
        d1sqn = d1sqn.fma(ndn, d1sq).fma(rv, d1sqn);
        DoubleVector ha = hSum.abs();
        DoubleVector qa = d1sq.abs();
        if (!ha.compare(VectorOperators.GE, IntegerDivision.LOW).and(ha.compare(VectorOperators.LE, IntegerDivision.HIGH))
                .and(qa.compare(VectorOperators.GE, IntegerDivision.LOW)).and(qa.compare(VectorOperators.LE, IntegerDivision.HIGH)).allTrue()) {
            mean = hSum.div(dn);
            d1sqn = d1sq.div(dn);
        }
        mean.blend(hAnchor, resum.not()).intoArray(shadowAnchor, i);
        DoubleVector m2 = sum2.add(comp2).sub(d1sqn);
        DoubleVector sq = zero.blend(m2, m2.compare(VectorOperators.GT, 0.0));
        d1.intoArray(deviationSumLanes, 0);
        sq.intoArray(squaredDeviationLanes, 0);
        VectorMask<Double> moving = IntVector.fromArray(IS, equalRun, i).compare(VectorOperators.LT, len - 1).cast(S);
        return d1.mul(d1).compare(VectorOperators.GT, sq.mul(1e4 * len)).and(moving).toLong();
    }

    /**
     * {@link #value} of lanes {@code [i, i + LANES)} from the sum of deviations and the squared
     * deviations {@link #sumLanes} left in its scratch (a division per lane saved), into {@code out[index ..]}.
     */
    private void valueLanes(int i, double[] out, int index) {
        final int len = n;
        final double dn = len;
        DoubleVector v = DoubleVector.fromArray(S, prevInput, i);
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector d1 = DoubleVector.fromArray(S, deviationSumLanes, 0);
        DoubleVector sq = DoubleVector.fromArray(S, squaredDeviationLanes, 0);
        DoubleVector result;
        // the divisions by n and n - 1 by IntegerDivision, written out as in sumLanes
        DoubleVector qa = sq.abs();
        VectorMask<Double> fits = qa.compare(VectorOperators.GE, IntegerDivision.LOW).and(qa.compare(VectorOperators.LE, IntegerDivision.HIGH));
        if (zscore) {
            DoubleVector rv = DoubleVector.broadcast(S, rn);
            DoubleVector ndn = DoubleVector.broadcast(S, -dn);
            DoubleVector var = sq.mul(rv);
            var = var.fma(ndn, sq).fma(rv, var);
            DoubleVector mean = d1.mul(rv);
            mean = mean.fma(ndn, d1).fma(rv, mean);
            DoubleVector da = d1.abs();
            if (!fits.and(da.compare(VectorOperators.GE, IntegerDivision.LOW)).and(da.compare(VectorOperators.LE, IntegerDivision.HIGH)).allTrue()) {
                var = sq.div(dn);
                mean = d1.div(dn);
            }
            DoubleVector sd = var.sqrt();
            result = zero.blend(v.sub(DoubleVector.fromArray(S, anchor, i)).sub(mean).div(sd),
                    sd.compare(VectorOperators.GT, 0.0));
        } else {
            DoubleVector rv1 = DoubleVector.broadcast(S, rn1);
            DoubleVector var = sq.mul(rv1);
            var = var.fma(DoubleVector.broadcast(S, 1.0 - len), sq).fma(rv1, var);
            if (!fits.allTrue()) {
                var = sq.div(len - 1);
            }
            result = var.sqrt();
        }
        VectorMask<Double> flat = IntVector.fromArray(IS, equalRun, i).compare(VectorOperators.GE, len - 1).cast(S);
        result.blend(zero, flat).intoArray(out, index);
    }

    @Override
    void reset() {
        window.reset();
        Arrays.fill(prevInput, 0.0);
        Arrays.fill(prevClose, 0.0);
        Arrays.fill(anchor, 0.0);
        s1.reset();
        s2.reset();
        Arrays.fill(lastBad, Integer.MIN_VALUE / 2);
        Arrays.fill(equalRun, 0);
        Arrays.fill(nextReset, from + n - 1);
        shadow1.reset();
        shadow2.reset();
        Arrays.fill(shadowAnchor, 0.0);
        Arrays.fill(shadowSum, 0.0);
        Arrays.fill(lastReset, Integer.MIN_VALUE / 2);
    }
}
