package io.vectrade.feature.stream;

import io.vectrade.numeric.IntegerDivision;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import java.util.Arrays;

/**
 * {@code rsi(n)}: Wilder's RSI as TA-Lib computes it: gains and losses of the first {@code n} changes
 * summed and divided by {@code n}, then {@code avg = (avg * (n - 1) + x) / n}; the value is
 * {@code 100 * gain / (gain + loss)}, or 0 where {@code |gain + loss| < 1e-8}. Same arithmetic
 * order as TA-Lib: bit-exact (values; the split of a change into gain and loss is branch-free).
 */
final class RsiStream extends VectorStreamKernel {
    private final int n;
    /** 1 / n for {@link IntegerDivision}. */
    private final double reciprocal;
    private final double[] prevClose;
    private final double[] gain;
    private final double[] loss;

    RsiStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.reciprocal = IntegerDivision.reciprocal(n);
        this.prevClose = new double[instruments];
        this.gain = new double[instruments];
        this.loss = new double[instruments];
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        if (k == 0) {
            prevClose[i] = close;
            out[index] = Double.NaN;
            return;
        }
        double change = close - prevClose[i];
        prevClose[i] = close;
        double g = gain[i];
        double l = loss[i];
        if (k > n) {
            l *= n - 1;
            g *= n - 1;
        }
        // TA-Lib's "if (change < 0) loss -= change; else gain += change", without the branch (up or
        // down is a coin flip per instrument per tick): adding +0.0 leaves a sum >= +0.0 as it is.
        // A NaN change (infinite closes) also makes the loss NaN, where TA-Lib leaves it: the gain is
        // NaN in both from then on, and so is every value.
        l -= Math.min(change, 0.0);
        g += Math.max(change, 0.0);
        if (k < n) {
            gain[i] = g;
            loss[i] = l;
            out[index] = Double.NaN;
            return;
        }
        l /= n;
        g /= n;
        gain[i] = g;
        loss[i] = l;
        double sum = g + l;
        out[index] = (-0.00000001 < sum && sum < 0.00000001) ? 0.0 : 100.0 * (g / sum);
    }

    /** As vectors where every lane is present and past its first {@code n} changes ({@link #lanes}). */
    @Override
    void tick(double[] open, double[] high, double[] low, double[] close, double[] volume,
              int[] barsSeen, double[] out, int column) {
        tickLanes(open, high, low, close, volume, barsSeen, out, column);
    }

    /** {@link #update}'s path for {@code k > n} on instruments {@code [i, i + LANES)}; false, having changed nothing, when a lane is absent or earlier. */
    @Override
    boolean lanes(int i, int[] barsSeen, double[] close, double[] out, int index) {
        DoubleVector c = DoubleVector.fromArray(S, close, i);
        if (!c.compare(VectorOperators.EQ, c).cast(IS).and(IntVector.fromArray(IS, barsSeen, i).compare(VectorOperators.GT, n)).allTrue()) {
            return false;
        }
        DoubleVector change = c.sub(DoubleVector.fromArray(S, prevClose, i));
        c.intoArray(prevClose, i);
        DoubleVector ls = DoubleVector.fromArray(S, loss, i).mul(n - 1).sub(change.min(0.0));
        DoubleVector gs = DoubleVector.fromArray(S, gain, i).mul(n - 1).add(change.max(0.0));
        // / n by IntegerDivision (the same bits), written out: this method may be inlined into a tick too
        // large for C2 to inline one more call into, and a vector crossing that call would be boxed
        DoubleVector r = DoubleVector.broadcast(S, reciprocal);
        DoubleVector nd = DoubleVector.broadcast(S, -n);
        DoubleVector l = ls.mul(r);
        l = l.fma(nd, ls).fma(r, l);
        DoubleVector g = gs.mul(r);
        g = g.fma(nd, gs).fma(r, g);
        DoubleVector la = ls.abs();
        DoubleVector ga = gs.abs();
        if (!la.compare(VectorOperators.GE, IntegerDivision.LOW).and(la.compare(VectorOperators.LE, IntegerDivision.HIGH))
                .and(ga.compare(VectorOperators.GE, IntegerDivision.LOW)).and(ga.compare(VectorOperators.LE, IntegerDivision.HIGH)).allTrue()) {
            l = ls.div(n);
            g = gs.div(n);
        }
        g.intoArray(gain, i);
        l.intoArray(loss, i);
        DoubleVector sum = g.add(l);
        VectorMask<Double> tiny = sum.compare(VectorOperators.GT, -0.00000001).and(sum.compare(VectorOperators.LT, 0.00000001));
        g.div(sum).mul(100.0).blend(0.0, tiny).intoArray(out, index);
        return true;
    }

    @Override
    void reset() {
        Arrays.fill(prevClose, 0.0);
        Arrays.fill(gain, 0.0);
        Arrays.fill(loss, 0.0);
    }
}
