package io.vectrade.feature.stream;

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
 * happen). O(1) per bar otherwise. volatility's log returns are {@link Math#log}'s, or made for simd
 * the {@link VectorLog}'s, one pass over the tick's instruments first.
 */
final class RollingStatsStream extends StreamKernel {
    private final boolean zscore;
    private final int n;
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
    /** Made for simd volatility: the vector log; null: {@link Math#log}. Not state (skipped by the snapshot), as {@link #returns}. */
    private final transient VectorLog vectorLog;
    /** volatility with the vector log: this tick's log returns, one per instrument (scratch); else null. */
    private final transient double[] returns;

    RollingStatsStream(int instruments, int n, boolean zscore, VectorLog vectorLog) {
        super(instruments);
        this.zscore = zscore;
        this.vectorLog = zscore ? null : vectorLog;
        this.returns = this.vectorLog != null ? new double[instruments] : null;
        this.n = n;
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
            v = vectorLog == null ? Math.log(close / p) : vectorLog.log(close / p);
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
     * The tick loop with {@link #update}'s steady-state path written out (ring push, the four
     * window sums and the two shadow sums, the drift check, the value): the same operations in the
     * same order, so the same bits; warm-up, non-finite windows and the scheduled re-sum go through
     * {@link #rare} as in {@link #update}.
     */
    @Override
    void tick(double[] open, double[] high, double[] low, double[] close, double[] volume,
              int[] barsSeen, double[] out, int column) {
        final int b = instruments;
        final int len = n;
        final double dn = len;
        final int first = from;
        final boolean z = zscore;
        final double[] ring = window.values();
        final int[] next = window.nextSlots();
        final double[] prevIn = prevInput;
        final double[] prevC = prevClose;
        final double[] anc = anchor;
        final double[] s1s = s1.sum;
        final double[] s1c = s1.compensation;
        final double[] s2s = s2.sum;
        final double[] s2c = s2.compensation;
        final double[] h1s = shadow1.sum;
        final double[] h1c = shadow1.compensation;
        final double[] h2s = shadow2.sum;
        final double[] h2c = shadow2.compensation;
        final double[] hAnc = shadowAnchor;
        final double[] hSum = shadowSum;
        final int[] bad = lastBad;
        final int[] eq = equalRun;
        final int[] due = nextReset;
        final double[] logReturns = returns;
        if (logReturns != null) {
            for (int i = 0; i < b; i++) {
                double c = close[i];
                if (c == c) {
                    logReturns[i] = c / prevC[i];
                }
            }
            vectorLog.inPlace(logReturns, 0, b);
        }
        for (int i = 0, index = column * b; i < b; i++, index++) {
            double c = close[i];
            if (c != c) {
                continue;
            }
            int t = barsSeen[i];
            double v;
            if (z) {
                v = c;
            } else {
                double p = prevC[i];
                prevC[i] = c;
                if (t == 0) {
                    out[index] = Double.NaN;
                    continue;
                }
                v = logReturns != null ? logReturns[i] : Math.log(c / p);
            }
            int slot = next[i];
            int at = slot * b + i;
            double leaving = ring[at];
            ring[at] = v;
            next[i] = slot + 1 == len ? 0 : slot + 1;
            if (!Double.isFinite(v)) {
                bad[i] = t;
            }
            int run = t > first && v == prevIn[i] ? eq[i] + 1 : 0;
            eq[i] = run;
            prevIn[i] = v;
            if (t < first + len - 1 || t - bad[i] < len || t >= due[i]) {
                out[index] = rare(i, t, v, run);
                continue;
            }
            double a = anc[i];
            double d = v - a;
            double e = leaving - a;
            // s1 += d; s2 += d*d; s1 += -e; s2 += -(e*e): CompensatedSums.add, in update's order
            double sum1 = s1s[i];
            double comp1 = s1c[i];
            double sum2 = s2s[i];
            double comp2 = s2c[i];
            double x = d;
            double tt = sum1 + x;
            comp1 += CompensatedSums.error(sum1, x, tt);
            sum1 = tt;
            x = d * d;
            tt = sum2 + x;
            comp2 += CompensatedSums.error(sum2, x, tt);
            sum2 = tt;
            x = -e;
            tt = sum1 + x;
            comp1 += CompensatedSums.error(sum1, x, tt);
            sum1 = tt;
            x = -(e * e);
            tt = sum2 + x;
            comp2 += CompensatedSums.error(sum2, x, tt);
            sum2 = tt;
            s1s[i] = sum1;
            s1c[i] = comp1;
            s2s[i] = sum2;
            s2c[i] = comp2;
            // shadow(i, v)
            double hd = v - hAnc[i];
            double hs = h1s[i];
            tt = hs + hd;
            h1c[i] += CompensatedSums.error(hs, hd, tt);
            h1s[i] = tt;
            x = hd * hd;
            hs = h2s[i];
            tt = hs + x;
            h2c[i] += CompensatedSums.error(hs, x, tt);
            h2s[i] = tt;
            hSum[i] += v;
            // squaredDeviations, drifted and value, as the methods compute them
            double d1 = sum1 + comp1;
            double m2 = (sum2 + comp2) - d1 * d1 / dn;
            double sq = m2 > 0 ? m2 : 0.0;
            if (run < len - 1 && d1 * d1 > 1e4 * len * sq) {
                recompute(i, t);
                out[index] = value(i, v, run);
                continue;
            }
            double result;
            if (run >= len - 1) {
                result = 0.0;
            } else if (z) {
                double sd = Math.sqrt(sq / dn);
                result = sd > 0 ? ((v - a) - d1 / dn) / sd : 0.0;
            } else {
                result = Math.sqrt(sq / (len - 1));
            }
            out[index] = result;
        }
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
