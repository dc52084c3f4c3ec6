package io.vectrade.feature.simd;

import static io.vectrade.feature.simd.LaneBlock.LANES;
import static io.vectrade.feature.simd.LaneBlock.S;
import static io.vectrade.feature.simd.LaneBlock.WIDTH;

import java.util.Arrays;

import io.vectrade.numeric.IntegerDivision;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The lane kernels. The TA-Lib features (rsi, sma, ema, macd, bbands, atr, roc, momentum) repeat
 * TA-Lib's arithmetic operation for operation (same order, no fused multiply-add), lane by lane,
 * so they equal a scalar implementation that follows TA-Lib's code bit for bit. logret is the
 * project's own definition; volatility and zscore are in {@link AnchoredMoments}.
 */
final class LaneKernels {
    private LaneKernels() {
    }

    private static final DoubleVector NAN = DoubleVector.broadcast(S, Double.NaN);

    /** close[t] - close[t-n]. */
    static final class Momentum extends LaneKernel {
        private final int n;

        Momentum(int column, int n) {
            super(column);
            this.n = n;
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            b.fillNaN(o, t0, Math.min(t1, n));
            int start = Math.max(t0, n);
            double[] close = b.close;
            int stride = b.stride;
            int outStride = b.outStride;
            for (int v = 0; v < b.vectors; v++) {
                int in = b.base + b.lane(v);
                int out = b.outBase + b.lane(v);
                for (int t = start; t < t1; t++) {
                    DoubleVector.fromArray(S, close, in + t * stride)
                            .sub(DoubleVector.fromArray(S, close, in + (t - n) * stride))
                            .intoArray(o, out + t * outStride);
                }
            }
        }
    }

    /** TA-Lib ROC: (close[t] / close[t-n] - 1) * 100, 0 where close[t-n] is 0. */
    static final class Roc extends LaneKernel {
        private final int n;

        Roc(int column, int n) {
            super(column);
            this.n = n;
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            b.fillNaN(o, t0, Math.min(t1, n));
            for (int t = Math.max(t0, n); t < t1; t++) {
                for (int v = 0; v < b.vectors; v++) {
                    DoubleVector p = DoubleVector.fromArray(S, b.close, b.base + (t - n) * b.stride + b.lane(v));
                    DoubleVector r = DoubleVector.fromArray(S, b.close, b.base + t * b.stride + b.lane(v)).div(p).sub(1.0).mul(100.0);
                    r.blend(0.0, p.eq(0.0)).intoArray(o, b.outBase + t * b.outStride + b.lane(v));
                }
            }
        }
    }

    /** ln(close[t] / close[t-n]); n = 1 copies the block's shared log returns. */
    static final class LogRet extends LaneKernel {
        private final int n;

        LogRet(int column, int n) {
            super(column);
            this.n = n;
        }

        @Override
        boolean needsLogReturns() {
            return n == 1;
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            b.fillNaN(o, t0, Math.min(t1, n));
            for (int t = Math.max(t0, n); t < t1; t++) {
                for (int v = 0; v < b.vectors; v++) {
                    DoubleVector r = n == 1 ? b.logReturn(t0, t, v)
                            : DoubleVector.fromArray(S, b.close, b.base + t * b.stride + b.lane(v)).div(DoubleVector.fromArray(S, b.close, b.base + (t - n) * b.stride + b.lane(v))).lanewise(VectorOperators.LOG);
                    r.intoArray(o, b.outBase + t * b.outStride + b.lane(v));
                }
            }
        }
    }

    /** TA-Lib SMA: running sum, out = sum / n, then the oldest close leaves the sum. */
    static final class Sma extends LaneKernel {
        private final int n;
        private final double[] sum = new double[WIDTH];

        Sma(int column, int n) {
            super(column);
            this.n = n;
        }

        @Override
        void reset() {
            Arrays.fill(sum, 0.0);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            double dn = n;
            for (int t = t0; t < t1; t++) {
                for (int v = 0; v < b.vectors; v++) {
                    DoubleVector s = DoubleVector.fromArray(S, sum, v * LANES).add(DoubleVector.fromArray(S, b.close, b.base + t * b.stride + b.lane(v)));
                    if (t >= n - 1) {
                        s.div(dn).intoArray(o, b.outBase + t * b.outStride + b.lane(v));
                        s = s.sub(DoubleVector.fromArray(S, b.close, b.base + (t - n + 1) * b.stride + b.lane(v)));
                    } else {
                        NAN.intoArray(o, b.outBase + t * b.outStride + b.lane(v));
                    }
                    s.intoArray(sum, v * LANES);
                }
            }
        }
    }

    /** TA-Lib EMA: seeded with the SMA of the first n closes, then prev = (c - prev) * k + prev. */
    static final class Ema extends LaneKernel {
        private final int n;
        private final double k;
        private final double[] sum = new double[WIDTH];
        private final double[] ema = new double[WIDTH];

        Ema(int column, int n) {
            super(column);
            this.n = n;
            this.k = 2.0 / (n + 1);
        }

        @Override
        void reset() {
            Arrays.fill(sum, 0.0);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            double dn = n;
            for (int v = 0; v < b.vectors; v++) {
                int x = v * LANES;
                DoubleVector s = DoubleVector.fromArray(S, sum, v * LANES);
                DoubleVector e = DoubleVector.fromArray(S, ema, v * LANES);
                double[] close = b.close;
                int in = b.base + b.lane(v);
                int out = b.outBase + b.lane(v);
                for (int t = t0; t < t1; t++) {
                    DoubleVector c = DoubleVector.fromArray(S, close, in + t * b.stride);
                    if (t >= n) {
                        e = c.sub(e).mul(k).add(e);
                        e.intoArray(o, out + t * b.outStride);
                    } else {
                        s = s.add(c);
                        if (t == n - 1) {
                            e = s.div(dn);
                            e.intoArray(o, out + t * b.outStride);
                        } else {
                            NAN.intoArray(o, out + t * b.outStride);
                        }
                    }
                }
                s.intoArray(sum, x);
                e.intoArray(ema, x);
            }
        }
    }

    /**
     * TA-Lib RSI (Wilder): average gain and loss seeded with the mean of the first n changes, then
     * avg = (avg * (n - 1) + change) / n; out = 100 * (gain / (gain + loss)), 0 where
     * |gain + loss| &lt; 1e-8.
     */
    static final class Rsi extends LaneKernel {
        private final int n;
        private final double[] gain = new double[WIDTH];
        private final double[] loss = new double[WIDTH];

        Rsi(int column, int n) {
            super(column);
            this.n = n;
        }

        @Override
        void reset() {
            Arrays.fill(gain, 0.0);
            Arrays.fill(loss, 0.0);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            double dn = n;
            double dn1 = n - 1;
            double rn = IntegerDivision.reciprocal(n);
            b.fillNaN(o, t0, Math.min(t1, n));
            int start = Math.max(t0, 1);
            if (start >= t1) {
                return;
            }
            // vector by vector down the chunk: the state stays in registers
            for (int v = 0; v < b.vectors; v++) {
                int x = v * LANES;
                DoubleVector g = DoubleVector.fromArray(S, gain, v * LANES);
                DoubleVector l = DoubleVector.fromArray(S, loss, v * LANES);
                // loads and stores written out here: a helper left un-inlined would box every vector
                double[] close = b.close;
                int in = b.base + b.lane(v);
                int stride = b.stride;
                int out = b.outBase + b.lane(v);
                int outStride = b.outStride;
                DoubleVector prev = DoubleVector.fromArray(S, close, in + (start - 1) * stride);
                for (int t = start; t < t1; t++) {
                    DoubleVector c = DoubleVector.fromArray(S, close, in + t * stride);
                    DoubleVector d = c.sub(prev);
                    prev = c;
                    if (t > n) {
                        g = g.mul(dn1);
                        l = l.mul(dn1);
                    }
                    // change < 0 goes to the loss, else to the gain; adding 0 leaves the other exact
                    g = g.add(d.max(0.0));
                    l = l.sub(d.min(0.0));
                    if (t >= n) {
                        g = IntegerDivision.divide(g, dn, rn);
                        l = IntegerDivision.divide(l, dn, rn);
                        DoubleVector sum = g.add(l);
                        VectorMask<Double> zero = sum.compare(VectorOperators.GT, -1e-8)
                                .and(sum.compare(VectorOperators.LT, 1e-8));
                        g.div(sum).mul(100.0).blend(0.0, zero).intoArray(o, out + t * outStride);
                    }
                }
                g.intoArray(gain, x);
                l.intoArray(loss, x);
            }
        }
    }

    /**
     * TA-Lib ATR (Wilder): true range from bar 1, first value at bar n = mean of TR[1..n], then
     * atr = (atr * (n - 1) + tr) / n.
     */
    static final class Atr extends LaneKernel {
        private final int n;
        private final double[] sum = new double[WIDTH];
        private final double[] atr = new double[WIDTH];

        Atr(int column, int n) {
            super(column);
            this.n = n;
        }

        @Override
        void reset() {
            Arrays.fill(sum, 0.0);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            double dn = n;
            double dn1 = n - 1;
            b.fillNaN(o, t0, Math.min(t1, n));
            for (int t = Math.max(t0, 1); t < t1; t++) {
                for (int v = 0; v < b.vectors; v++) {
                    int x = v * LANES;
                    DoubleVector h = DoubleVector.fromArray(S, b.high, b.base + t * b.stride + b.lane(v));
                    DoubleVector lo = DoubleVector.fromArray(S, b.low, b.base + t * b.stride + b.lane(v));
                    DoubleVector cy = DoubleVector.fromArray(S, b.close, b.base + (t - 1) * b.stride + b.lane(v));
                    DoubleVector tr = h.sub(lo).max(cy.sub(h).abs()).max(cy.sub(lo).abs());
                    if (t > n) {
                        DoubleVector a = DoubleVector.fromArray(S, atr, v * LANES).mul(dn1).add(tr).div(dn);
                        a.intoArray(atr, x);
                        a.intoArray(o, b.outBase + t * b.outStride + b.lane(v));
                    } else {
                        DoubleVector s = DoubleVector.fromArray(S, sum, v * LANES).add(tr);
                        s.intoArray(sum, x);
                        if (t == n) {
                            DoubleVector a = s.div(dn);
                            a.intoArray(atr, x);
                            a.intoArray(o, b.outBase + t * b.outStride + b.lane(v));
                        }
                    }
                }
            }
        }
    }

    /**
     * TA-Lib BBANDS with SMA: middle = SMA(n); variance = (running sum of close²) / n - middle²,
     * deviation = sqrt(variance), 0 where variance &lt; 1e-8; upper/lower = middle ± k · deviation.
     */
    static final class Bbands extends LaneKernel {
        private final int n;
        private final double k;
        private final double[] sum = new double[WIDTH];
        private final double[] sum2 = new double[WIDTH];

        Bbands(int column, int n, double k) {
            super(column);
            this.n = n;
            this.k = k;
        }

        @Override
        void reset() {
            Arrays.fill(sum, 0.0);
            Arrays.fill(sum2, 0.0);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] up = b.out.column(column);
            double[] mid = b.out.column(column + 1);
            double[] lo = b.out.column(column + 2);
            double dn = n;
            for (int t = t0; t < t1; t++) {
                for (int v = 0; v < b.vectors; v++) {
                    int x = v * LANES;
                    DoubleVector c = DoubleVector.fromArray(S, b.close, b.base + t * b.stride + b.lane(v));
                    DoubleVector s = DoubleVector.fromArray(S, sum, v * LANES).add(c);
                    DoubleVector s2 = DoubleVector.fromArray(S, sum2, v * LANES).add(c.mul(c));
                    if (t >= n - 1) {
                        DoubleVector m = s.div(dn);
                        DoubleVector old = DoubleVector.fromArray(S, b.close, b.base + (t - n + 1) * b.stride + b.lane(v));
                        s = s.sub(old);
                        DoubleVector m2 = s2.div(dn);
                        s2 = s2.sub(old.mul(old));
                        m2 = m2.sub(m.mul(m));
                        DoubleVector dev = m2.lanewise(VectorOperators.SQRT)
                                .blend(0.0, m2.compare(VectorOperators.LT, 1e-8)).mul(k);
                        m.add(dev).intoArray(up, b.outBase + t * b.outStride + b.lane(v));
                        m.intoArray(mid, b.outBase + t * b.outStride + b.lane(v));
                        m.sub(dev).intoArray(lo, b.outBase + t * b.outStride + b.lane(v));
                    } else {
                        NAN.intoArray(up, b.outBase + t * b.outStride + b.lane(v));
                        NAN.intoArray(mid, b.outBase + t * b.outStride + b.lane(v));
                        NAN.intoArray(lo, b.outBase + t * b.outStride + b.lane(v));
                    }
                    s.intoArray(sum, x);
                    s2.intoArray(sum2, x);
                }
            }
        }
    }

    /**
     * TA-Lib MACD: slow EMA seeded with the SMA of closes [0, slow), fast EMA seeded with the SMA
     * of the fast closes ending at bar slow - 1 (TA-Lib aligns both to start there), line = fast -
     * slow from bar slow - 1, signal = EMA(signal) of the line seeded with the SMA of its first
     * values, hist = line - signal. All three are NaN before bar (slow - 1) + (signal - 1).
     */
    static final class Macd extends LaneKernel {
        private final int fast;
        private final int slow;
        private final int signal;
        private final double kFast;
        private final double kSlow;
        private final double kSignal;
        private final double[] sumFast = new double[WIDTH];
        private final double[] sumSlow = new double[WIDTH];
        private final double[] sumSignal = new double[WIDTH];
        private final double[] emaFast = new double[WIDTH];
        private final double[] emaSlow = new double[WIDTH];
        private final double[] emaSignal = new double[WIDTH];

        Macd(int column, int fast, int slow, int signal) {
            super(column);
            this.fast = Math.min(fast, slow);
            this.slow = Math.max(fast, slow);
            this.signal = signal;
            this.kFast = 2.0 / (this.fast + 1);
            this.kSlow = 2.0 / (this.slow + 1);
            this.kSignal = 2.0 / (signal + 1);
        }

        @Override
        void reset() {
            Arrays.fill(sumFast, 0.0);
            Arrays.fill(sumSlow, 0.0);
            Arrays.fill(sumSignal, 0.0);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] lineOut = b.out.column(column);
            double[] signalOut = b.out.column(column + 1);
            double[] histOut = b.out.column(column + 2);
            int first = slow - 1;
            int lookback = first + signal - 1;
            b.fillNaN(lineOut, t0, Math.min(t1, lookback));
            b.fillNaN(signalOut, t0, Math.min(t1, lookback));
            b.fillNaN(histOut, t0, Math.min(t1, lookback));
            for (int t = t0; t < t1; t++) {
                for (int v = 0; v < b.vectors; v++) {
                    int x = v * LANES;
                    DoubleVector c = DoubleVector.fromArray(S, b.close, b.base + t * b.stride + b.lane(v));
                    if (t < first) {
                        // seeding: the slow SMA over [0, slow), the fast one over [slow - fast, slow)
                        DoubleVector.fromArray(S, sumSlow, v * LANES).add(c).intoArray(sumSlow, x);
                        if (t >= slow - fast) {
                            DoubleVector.fromArray(S, sumFast, v * LANES).add(c).intoArray(sumFast, x);
                        }
                        continue;
                    }
                    // every branch stores its own result and the values are read back from the state
                    // arrays: no vector is merged from two branches (C2 may box such a merge)
                    if (t == first) {
                        DoubleVector.fromArray(S, sumFast, x).add(c).div(fast).intoArray(emaFast, x);
                        DoubleVector.fromArray(S, sumSlow, x).add(c).div(slow).intoArray(emaSlow, x);
                    } else {
                        DoubleVector ef = DoubleVector.fromArray(S, emaFast, x);
                        c.sub(ef).mul(kFast).add(ef).intoArray(emaFast, x);
                        DoubleVector es = DoubleVector.fromArray(S, emaSlow, x);
                        c.sub(es).mul(kSlow).add(es).intoArray(emaSlow, x);
                    }
                    DoubleVector line = DoubleVector.fromArray(S, emaFast, x).sub(DoubleVector.fromArray(S, emaSlow, x));
                    if (t < lookback) {
                        DoubleVector.fromArray(S, sumSignal, x).add(line).intoArray(sumSignal, x);
                        continue;
                    }
                    if (t == lookback) {
                        DoubleVector.fromArray(S, sumSignal, x).add(line).div(signal).intoArray(emaSignal, x);
                    } else {
                        DoubleVector previous = DoubleVector.fromArray(S, emaSignal, x);
                        line.sub(previous).mul(kSignal).add(previous).intoArray(emaSignal, x);
                    }
                    DoubleVector sig = DoubleVector.fromArray(S, emaSignal, x);
                    int at = b.outBase + t * b.outStride + b.lane(v);
                    line.intoArray(lineOut, at);
                    sig.intoArray(signalOut, at);
                    line.sub(sig).intoArray(histOut, at);
                }
            }
        }
    }
}
