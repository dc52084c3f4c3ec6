package io.vectrade.backtest;

import io.vectrade.data.Panel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The simd backtest with {@link Execution#NEXT_OPEN}: the scalar reference's three passes per bar (close t-1 to
 * open t, the trades at the open and open t to close t, the close with the delistings) with lanes across
 * instruments ({@code DoubleVector.SPECIES_PREFERRED}); the third pass of bar t also computes bar t+1's first
 * (the ratio from the close to the next open and its sums), so two passes per bar stream the prices.
 *
 * <p>As in {@link SimdCloseKernel}, every per-instrument value uses the reference's operations in its order and
 * only the sums over instruments are added in another order (lanes, then across lanes), so the outputs equal the
 * reference's up to rounding and the counts exactly. Calling thread only, allocation-free once compiled. Not
 * thread-safe (uses the {@link Backtester}'s buffers).
 */
final class SimdNextOpenKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private SimdNextOpenKernel() {
    }

    /**
     * One run; the state arrays are the backtester's ({@code held} and {@code pending} zero, {@code lastPrice} NaN
     * on entry).
     *
     * @param lastValidBar the last bar with a price per instrument, as a double (-1: none)
     * @param lanes        scratch of {@link SimdCloseKernel#LANES} values: a vector's lanes, summed in order
     * @param grow         scratch: a price ratio per instrument
     */
    static void run(Panel panel, double[] weights, BacktestConfig config, double[] lanes, double[] held, double[] pending,
                    double[] lastPrice, double[] grow, double[] lastValidBar, BacktestResult res) {
        double[] close = panel.closeColumn();
        double[] open = panel.openColumn();
        int n = held.length;
        int bars = res.bars();
        int stride = panel.stride();
        double frac = config.costs().tradedFraction();
        double borrowRate = config.costs().borrowBpsPerYear() / 1e4 / config.periodsPerYear();
        int vecEnd = S.loopBound(n);
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        // bar 0's move from the last close to its open: nothing is held, so only the prices
        int base0 = panel.offset();
        for (int i = 0; i < n; i++) {
            double c = close[base0 + i];
            grow[i] = 1;
            if (Double.isFinite(c)) {
                double o = open[base0 + i];
                lastPrice[i] = Double.isFinite(o) ? o : c;
            }
        }
        double g1 = 0;
        double shortNotional = 0;
        double eq = 1;
        double geq = 1;
        for (int t = 0; t < bars; t++) {
            int base = panel.offset() + t * stride;
            int row = t * n;
            boolean hasNext = t + 1 < bars;
            int nextBase = hasNext ? base + stride : base;
            double b = shortNotional * borrowRate;
            double denom1 = 1 + g1 - b;
            boolean alive = denom1 > 0 && eq > 0;
            double inv1 = alive ? 1 / denom1 : 0;
            // trades at the open to the decision of bar t-1 (listed, with a price, alive); then open t -> close t
            double tGate = alive ? t : Double.POSITIVE_INFINITY;
            DoubleVector vTraded1 = zero;
            DoubleVector vCarried = zero;
            DoubleVector vG2 = zero;
            int i = 0;
            for (; i < vecEnd; i += S.length()) {
                DoubleVector c = DoubleVector.fromArray(S, close, base + i);
                VectorMask<Double> cFin = c.test(VectorOperators.IS_FINITE);
                DoubleVector hd = DoubleVector.fromArray(S, held, i).mul(DoubleVector.fromArray(S, grow, i)).mul(inv1);
                VectorMask<Double> trade = cFin.and(DoubleVector.fromArray(S, lastValidBar, i).compare(VectorOperators.GE, tGate));
                DoubleVector h = hd.blend(DoubleVector.fromArray(S, pending, i), trade);
                vTraded1 = vTraded1.add(h.sub(hd).abs(), trade);
                vCarried = vCarried.add(h.abs(), cFin.not());
                DoubleVector lp = DoubleVector.fromArray(S, lastPrice, i);
                DoubleVector f = one.blend(c.div(lp), cFin);
                lp.blend(c, cFin).intoArray(lastPrice, i);
                h.intoArray(held, i);
                f.intoArray(grow, i);
                vG2 = vG2.add(h.mul(f.sub(1.0)));
            }
            vTraded1.intoArray(lanes, 0);
            double traded1 = BacktestRows.sumLanes(lanes);
            vCarried.intoArray(lanes, 0);
            double carried = BacktestRows.sumLanes(lanes);
            vG2.intoArray(lanes, 0);
            double g2 = BacktestRows.sumLanes(lanes);
            for (; i < n; i++) {
                double c = close[base + i];
                double hd = held[i] * grow[i] * inv1;
                double h = hd;
                double f = 1;
                if (!Double.isFinite(c)) {
                    carried += Math.abs(h);
                } else {
                    if (lastValidBar[i] >= tGate) {
                        h = pending[i];
                        traded1 += Math.abs(h - hd);
                    }
                    f = c / lastPrice[i];
                    lastPrice[i] = c;
                }
                held[i] = h;
                grow[i] = f;
                g2 += h * (f - 1);
            }
            double c1 = traded1 * frac;
            double denom2 = 1 + g2;
            alive = alive && denom2 > 0;
            double inv2 = alive ? 1 / denom2 : 0;
            // untraded positions keep their value: a larger share of the equity left after costs
            double carriedScale = carried > 0 && c1 > 0 ? 1 / (1 - c1) : 1;
            // at the close: drift, close delisted instruments, record the decision of bar t;
            // then bar t+1's move from this close to its open
            double delistBar = alive && t < bars - 1 ? t : Double.NaN;
            DoubleVector vTraded2 = zero;
            DoubleVector vGross = zero;
            DoubleVector vNet = zero;
            DoubleVector vLong = zero;
            DoubleVector vShort = zero;
            DoubleVector vG1 = zero;
            DoubleVector vShortN = zero;
            i = 0;
            for (; i < vecEnd; i += S.length()) {
                DoubleVector c = DoubleVector.fromArray(S, close, base + i);
                DoubleVector h = DoubleVector.fromArray(S, held, i).mul(DoubleVector.fromArray(S, grow, i)).mul(inv2);
                h = h.blend(h.mul(carriedScale), c.test(VectorOperators.IS_FINITE).not());
                VectorMask<Double> delist = DoubleVector.fromArray(S, lastValidBar, i).compare(VectorOperators.EQ, delistBar);
                vTraded2 = vTraded2.add(h.abs(), delist);
                h = h.blend(zero, delist);
                h.intoArray(held, i);
                DoubleVector w = DoubleVector.fromArray(S, weights, row + i);
                w.blend(zero, w.test(VectorOperators.IS_FINITE).not()).intoArray(pending, i);
                vGross = vGross.add(h.abs());
                vNet = vNet.add(h);
                vLong = vLong.add(one, h.compare(VectorOperators.GT, 0.0));
                VectorMask<Double> neg = h.compare(VectorOperators.LT, 0.0);
                vShort = vShort.add(one, neg);
                // bar t+1: close t -> open t+1 (its close when the open is missing), only where it has a price
                DoubleVector cn = DoubleVector.fromArray(S, close, nextBase + i);
                VectorMask<Double> cnFin = cn.test(VectorOperators.IS_FINITE);
                DoubleVector on = DoubleVector.fromArray(S, open, nextBase + i);
                DoubleVector px = cn.blend(on, on.test(VectorOperators.IS_FINITE));
                DoubleVector lp = DoubleVector.fromArray(S, lastPrice, i);
                DoubleVector f = one.blend(px.div(lp), cnFin.and(lp.test(VectorOperators.IS_FINITE)));
                lp.blend(px, cnFin).intoArray(lastPrice, i);
                f.intoArray(grow, i);
                vG1 = vG1.add(h.mul(f.sub(1.0)));
                vShortN = vShortN.add(h.neg(), neg);
            }
            vTraded2.intoArray(lanes, 0);
            double traded2 = BacktestRows.sumLanes(lanes);
            vGross.intoArray(lanes, 0);
            double gross = BacktestRows.sumLanes(lanes);
            vNet.intoArray(lanes, 0);
            double net = BacktestRows.sumLanes(lanes);
            vLong.intoArray(lanes, 0);
            int longs = (int) BacktestRows.sumLanes(lanes);
            vShort.intoArray(lanes, 0);
            int shorts = (int) BacktestRows.sumLanes(lanes);
            vG1.intoArray(lanes, 0);
            double g1Next = BacktestRows.sumLanes(lanes);
            vShortN.intoArray(lanes, 0);
            double shortNext = BacktestRows.sumLanes(lanes);
            for (; i < n; i++) {
                double h = held[i] * grow[i] * inv2;
                if (!Double.isFinite(close[base + i])) {
                    h *= carriedScale;
                }
                if (lastValidBar[i] == delistBar) {
                    traded2 += Math.abs(h);
                    h = 0;
                }
                held[i] = h;
                double w = weights[row + i];
                pending[i] = Double.isFinite(w) ? w : 0;
                gross += Math.abs(h);
                net += h;
                longs += h > 0 ? 1 : 0;
                shorts += h < 0 ? 1 : 0;
                double cn = close[nextBase + i];
                double f = 1;
                if (Double.isFinite(cn)) {
                    double on = open[nextBase + i];
                    double px = Double.isFinite(on) ? on : cn;
                    double lp = lastPrice[i];
                    if (Double.isFinite(lp)) {
                        f = px / lp;
                    }
                    lastPrice[i] = px;
                }
                grow[i] = f;
                g1Next += h * (f - 1);
                shortNext += h < 0 ? -h : 0;
            }
            double c2 = traded2 * frac;
            if (traded2 > 0 && c2 > 0) {
                double scale = 1 / (1 - c2);
                gross = 0;
                net = 0;
                g1Next = 0;
                shortNext = 0;
                for (int k = 0; k < n; k++) {
                    double h = held[k] * scale;
                    held[k] = h;
                    gross += Math.abs(h);
                    net += h;
                    g1Next += h * (grow[k] - 1);
                    shortNext += h < 0 ? -h : 0;
                }
            }
            double prev = eq;
            eq = alive ? eq * denom1 * (1 - c1) * denom2 * (1 - c2) : 0;
            double g = (1 + g1) * (1 + g2) - 1;
            geq *= 1 + g;
            BacktestRows.record(res, t, g, prev, eq, geq, traded1 + traded2, c1 + c2, b, gross, net, longs, shorts);
            g1 = g1Next;
            shortNotional = shortNext;
        }
    }
}
