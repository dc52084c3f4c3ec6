package io.vectrade.feature.simd;

import static io.vectrade.feature.simd.LaneBlock.LANES;
import static io.vectrade.feature.simd.LaneBlock.S;
import static io.vectrade.feature.simd.LaneBlock.WIDTH;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The lane kernels. The TA-Lib features (rsi, sma, ema, macd, bbands, atr, roc, momentum) repeat
 * TA-Lib's arithmetic operation for operation (same order, no fused multiply-add), lane by lane,
 * so they equal a scalar implementation that follows TA-Lib's code bit for bit. volatility,
 * logret and zscore are the project's own definitions (see each class).
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
        void reset() {
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
        void reset() {
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
        void reset() {
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

    /**
     * Sample standard deviation (n - 1) of the last n log returns. Rolling sums S1, S2 of
     * {@code r - anchor} over a ring of the last n returns; every n bars the anchor is reset to the
     * window mean and the sums are recomputed from the ring (as the cpu reference does), so neither
     * the cancellation in {@code S2 - S1 * S1 / n} nor rounding drift can grow:
     * var = (S2 - S1 * S1 / n) / (n - 1), clamped at 0. A window of n identical returns (a flat
     * stretch) gives exactly 0, as the cpu reference does.
     */
    static final class Volatility extends LaneKernel {
        private final int n;
        private final double invN;
        private final double invNm1;
        private final double[] s1 = new double[WIDTH];
        private final double[] s2 = new double[WIDTH];
        private final double[] anchor = new double[WIDTH];
        private final double[] ring;
        /** Per lane: how many consecutive returns equal their predecessor. */
        private final double[] run = new double[WIDTH];
        private final double flat;

        Volatility(int column, int n) {
            super(column);
            this.n = n;
            this.flat = n - 1;
            this.invN = 1.0 / n;
            this.invNm1 = 1.0 / (n - 1);
            this.ring = new double[n * WIDTH];
        }

        @Override
        boolean needsLogReturns() {
            return true;
        }

        @Override
        void reset() {
            Arrays.fill(run, 0.0);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            b.fillNaN(o, t0, Math.min(t1, n));
            for (int v = 0; v < b.vectors; v++) {
                // segments end at the rebuild bars n, 2n, 3n, ...; no vector stays live across them
                for (int t = Math.max(t0, 1); t < t1; ) {
                    int end = Math.min(t1, (t / n + 1) * n);
                    if (t < n) {
                        warmUp(b, t0, t, end, v);
                    } else {
                        segment(b, o, t0, t, end, v);
                    }
                    t = end;
                }
            }
        }

        /** Bars [from, to) before bar n: fill the ring, count equal returns. */
        private void warmUp(LaneBlock b, int t0, int from, int to, int v) {
            int x = v * LANES;
            double[] lr = b.logReturns;
            DoubleVector same = DoubleVector.fromArray(S, run, v * LANES);
            DoubleVector previous = DoubleVector.fromArray(S, ring, ((from - 1) % n) * WIDTH + x);
            for (int t = from; t < to; t++) {
                DoubleVector r = DoubleVector.fromArray(S, lr, (t - t0) * WIDTH + x);
                same = t == 1 ? DoubleVector.zero(S)
                        : same.add(1.0).blend(0.0, r.compare(VectorOperators.NE, previous));
                previous = r;
                r.intoArray(ring, (t % n) * WIDTH + x);
            }
            same.intoArray(run, x);
        }

        /** Bars [from, to) from bar n on, within one rebuild period. */
        private void segment(LaneBlock b, double[] o, int t0, int from, int to, int v) {
            int x = v * LANES;
            int t = from;
            if (t % n == 0) {
                // a rebuild bar: enter the return, then recompute anchor and sums from the ring
                DoubleVector r = b.logReturn(t0, t, v);
                DoubleVector previous = DoubleVector.fromArray(S, ring, ((t - 1) % n) * WIDTH + x);
                DoubleVector same = DoubleVector.fromArray(S, run, v * LANES).add(1.0).blend(0.0, r.compare(VectorOperators.NE, previous));
                same.intoArray(run, x);
                r.intoArray(ring, (t % n) * WIDTH + x);
                rebuild(x);
                DoubleVector a1 = DoubleVector.fromArray(S, s1, v * LANES);
                DoubleVector var = DoubleVector.fromArray(S, s2, v * LANES).sub(a1.mul(a1).mul(invN)).mul(invNm1);
                var.max(0.0).lanewise(VectorOperators.SQRT)
                        .blend(0.0, DoubleVector.fromArray(S, run, v * LANES).compare(VectorOperators.GE, flat))
                        .intoArray(o, b.outBase + b.lane(v) + t * b.outStride);
                t++;
            }
            if (t >= to) {
                return;
            }
            DoubleVector a1 = DoubleVector.fromArray(S, s1, v * LANES);
            DoubleVector a2 = DoubleVector.fromArray(S, s2, v * LANES);
            DoubleVector m = DoubleVector.fromArray(S, anchor, v * LANES);
            DoubleVector same = DoubleVector.fromArray(S, run, v * LANES);
            int slot = t % n;
            DoubleVector previous = DoubleVector.fromArray(S, ring, ((t - 1) % n) * WIDTH + x);
            // loads and stores written out here: a helper left un-inlined would box every vector
            double[] lr = b.logReturns;
            int out = b.outBase + b.lane(v);
            int outStride = b.outStride;
            for (; t < to; t++) {
                int at = slot * WIDTH + x;
                slot++;
                DoubleVector r = DoubleVector.fromArray(S, lr, (t - t0) * WIDTH + x);
                same = same.add(1.0).blend(0.0, r.compare(VectorOperators.NE, previous));
                previous = r;
                // the slot holds r[t - n], the return leaving the window
                DoubleVector old = DoubleVector.fromArray(S, ring, at);
                r.intoArray(ring, at);
                DoubleVector d = r.sub(m);
                DoubleVector e = old.sub(m);
                a1 = a1.add(d.sub(e));
                a2 = d.fma(d, e.neg().fma(e, a2));
                DoubleVector var = a2.sub(a1.mul(a1).mul(invN)).mul(invNm1);
                var.max(0.0).lanewise(VectorOperators.SQRT).blend(0.0, same.compare(VectorOperators.GE, flat))
                        .intoArray(o, out + t * outStride);
            }
            a1.intoArray(s1, x);
            a2.intoArray(s2, x);
            same.intoArray(run, x);
        }

        /** Anchor = window mean, S1 and S2 of the deviations from it, for lanes {@code [x, x + LANES)}. */
        private void rebuild(int x) {
            DoubleVector m = DoubleVector.zero(S);
            for (int j = 0; j < n; j++) {
                m = m.add(DoubleVector.fromArray(S, ring, j * WIDTH + x));
            }
            m = m.mul(invN);
            DoubleVector a1 = DoubleVector.zero(S);
            DoubleVector a2 = DoubleVector.zero(S);
            for (int j = 0; j < n; j++) {
                DoubleVector d = DoubleVector.fromArray(S, ring, j * WIDTH + x).sub(m);
                a1 = a1.add(d);
                a2 = d.fma(d, a2);
            }
            m.intoArray(anchor, x);
            a1.intoArray(s1, x);
            a2.intoArray(s2, x);
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
                        g = g.div(dn);
                        l = l.div(dn);
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
     * (close - mean) / sd over the last n closes, population sd; mean = TA-Lib-style running sum
     * / n, sd from a second pass over the window (sum of squared deviations / n). 0 where sd is 0
     * or the n closes are identical (as the cpu reference: a flat market gives a finite value).
     */
    static final class Zscore extends LaneKernel {
        private final int n;
        private final double[] sum = new double[WIDTH];
        private final double[] run = new double[WIDTH];

        Zscore(int column, int n) {
            super(column);
            this.n = n;
        }

        @Override
        void reset() {
            Arrays.fill(sum, 0.0);
            Arrays.fill(run, 0.0);
        }

        @Override
        void run(LaneBlock b, int t0, int t1) {
            double[] o = b.out.column(column);
            double dn = n;
            double flat = n - 1;
            for (int t = t0; t < t1; t++) {
                for (int v = 0; v < b.vectors; v++) {
                    DoubleVector c = DoubleVector.fromArray(S, b.close, b.base + t * b.stride + b.lane(v));
                    DoubleVector same = t == 0 ? DoubleVector.zero(S) : DoubleVector.fromArray(S, run, v * LANES).add(1.0)
                            .blend(0.0, c.compare(VectorOperators.NE, DoubleVector.fromArray(S, b.close, b.base + (t - 1) * b.stride + b.lane(v))));
                    same.intoArray(run, v * LANES);
                    DoubleVector s = DoubleVector.fromArray(S, sum, v * LANES).add(c);
                    if (t >= n - 1) {
                        DoubleVector m = s.div(dn);
                        DoubleVector ss = DoubleVector.zero(S);
                        for (int j = t - n + 1; j <= t; j++) {
                            DoubleVector dev = DoubleVector.fromArray(S, b.close, b.base + (j) * b.stride + b.lane(v)).sub(m);
                            ss = dev.fma(dev, ss);
                        }
                        DoubleVector sd = ss.div(dn).lanewise(VectorOperators.SQRT);
                        DoubleVector z = c.sub(m).div(sd);
                        z.blend(0.0, sd.eq(0.0).or(same.compare(VectorOperators.GE, flat))).intoArray(o, b.outBase + t * b.outStride + b.lane(v));
                        s = s.sub(DoubleVector.fromArray(S, b.close, b.base + (t - n + 1) * b.stride + b.lane(v)));
                    } else {
                        NAN.intoArray(o, b.outBase + t * b.outStride + b.lane(v));
                    }
                    s.intoArray(sum, v * LANES);
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
