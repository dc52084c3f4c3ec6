package io.vectrade.backtest;

import io.vectrade.data.Panel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The simd backtest with {@link Execution#CLOSE}: the same per-instrument formulas as the scalar reference in
 * {@link Backtester}, with lanes across instruments ({@code DoubleVector.SPECIES_PREFERRED}) and one fused pass
 * per bar. The reference reads a bar's instruments twice (the return since the last price and its sums, then
 * the trades); here the pass over bar t also computes bar t+1's price ratio and the sums that bar's trades need
 * ({@code Σ h·(f-1)} and the short notional), so the closes and weights of each bar are streamed once and no
 * intermediate [T × N] array is written.
 *
 * <p>Every per-instrument value is computed with the reference's operations in the reference's order; only the
 * sums over instruments (gross return, short notional, turnover, exposures) are added lane by lane and then
 * across lanes, a different order, so the outputs differ from the reference by rounding (the equity by a few
 * ulps per bar, compounding; the tests bound it on random panels with gaps and delistings) and the long and
 * short counts are equal. Runs on the calling thread only, allocation-free once compiled. Not thread-safe
 * (uses the {@link Backtester}'s buffers).
 */
final class SimdCloseKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Lanes of a vector: the length of the {@code lanes} scratch that {@code run} takes. */
    static final int LANES = S.length();

    private SimdCloseKernel() {
    }

    /**
     * One run; the state arrays are the backtester's ({@code held} zero and {@code lastPrice} NaN on entry).
     *
     * @param lastValidBar the last bar with a price per instrument, as a double (-1: none)
     * @param lanes        scratch of {@link #LANES} values: a vector's lanes, summed in order
     * @param grow         scratch: the price ratio of the next bar per instrument
     */
    static void run(Panel panel, double[] weights, BacktestConfig config, double[] lanes, double[] held, double[] lastPrice,
                    double[] grow, double[] lastValidBar, BacktestResult res) {
        double[] close = panel.closeColumn();
        int n = held.length;
        int bars = res.bars();
        int stride = panel.stride();
        double frac = config.costs().tradedFraction();
        double borrowRate = config.costs().borrowBpsPerYear() / 1e4 / config.periodsPerYear();
        int vecEnd = S.loopBound(n);
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        java.util.Arrays.fill(grow, 1);
        double g = 0;
        double shortNotional = 0;
        double eq = 1;
        double geq = 1;
        for (int t = 0; t < bars; t++) {
            int base = panel.offset() + t * stride;
            int row = t * n;
            boolean hasNext = t + 1 < bars;
            int nextBase = hasNext ? base + stride : base;
            double b = shortNotional * borrowRate;
            double denom = 1 + g - b;
            boolean alive = denom > 0 && eq > 0;
            double inv = alive ? 1 / denom : 0;
            // an instrument trades when alive and listed (last bar >= tGate) with a price; dead: none trades
            double tGate = alive ? t : Double.POSITIVE_INFINITY;
            // delisting: the last bar with a price closes the position, except on the panel's last bar
            double delistBar = t < bars - 1 ? t : Double.NaN;
            DoubleVector vTraded = zero;
            DoubleVector vCarried = zero;
            DoubleVector vGross = zero;
            DoubleVector vNet = zero;
            DoubleVector vLong = zero;
            DoubleVector vShort = zero;
            DoubleVector vG = zero;
            DoubleVector vShortN = zero;
            int i = 0;
            for (; i < vecEnd; i += S.length()) {
                DoubleVector c = DoubleVector.fromArray(S, close, base + i);
                VectorMask<Double> cFin = c.test(VectorOperators.IS_FINITE);
                DoubleVector hd = DoubleVector.fromArray(S, held, i).mul(DoubleVector.fromArray(S, grow, i)).mul(inv);
                DoubleVector lv = DoubleVector.fromArray(S, lastValidBar, i);
                VectorMask<Double> tradable = lv.compare(VectorOperators.GE, tGate).and(cFin);
                DoubleVector w = DoubleVector.fromArray(S, weights, row + i);
                VectorMask<Double> flat = w.test(VectorOperators.IS_FINITE).not().or(lv.compare(VectorOperators.EQ, delistBar));
                DoubleVector h = hd.blend(w.blend(zero, flat), tradable);
                vTraded = vTraded.add(h.sub(hd).abs(), tradable);
                vCarried = vCarried.add(h.abs(), tradable.not());
                h.intoArray(held, i);
                vGross = vGross.add(h.abs());
                vNet = vNet.add(h);
                vLong = vLong.add(one, h.compare(VectorOperators.GT, 0.0));
                VectorMask<Double> neg = h.compare(VectorOperators.LT, 0.0);
                vShort = vShort.add(one, neg);
                // bar t+1: the price ratio since the last price, and its sums over the position just set
                DoubleVector lp = DoubleVector.fromArray(S, lastPrice, i).blend(c, cFin);
                lp.intoArray(lastPrice, i);
                DoubleVector c1 = DoubleVector.fromArray(S, close, nextBase + i);
                VectorMask<Double> ratio = c1.test(VectorOperators.IS_FINITE).and(lp.test(VectorOperators.IS_FINITE));
                DoubleVector f = one.blend(c1.div(lp), ratio);
                f.intoArray(grow, i);
                vG = vG.add(h.mul(f.sub(1.0)));
                vShortN = vShortN.add(h.neg(), neg);
            }
            vTraded.intoArray(lanes, 0);
            double traded = BacktestRows.sumLanes(lanes);
            vCarried.intoArray(lanes, 0);
            double carried = BacktestRows.sumLanes(lanes);
            vGross.intoArray(lanes, 0);
            double gross = BacktestRows.sumLanes(lanes);
            vNet.intoArray(lanes, 0);
            double net = BacktestRows.sumLanes(lanes);
            vLong.intoArray(lanes, 0);
            int longs = (int) BacktestRows.sumLanes(lanes);
            vShort.intoArray(lanes, 0);
            int shorts = (int) BacktestRows.sumLanes(lanes);
            vG.intoArray(lanes, 0);
            double gNext = BacktestRows.sumLanes(lanes);
            vShortN.intoArray(lanes, 0);
            double shortNext = BacktestRows.sumLanes(lanes);
            for (; i < n; i++) {
                double c = close[base + i];
                boolean cFin = Double.isFinite(c);
                double hd = held[i] * grow[i] * inv;
                double lv = lastValidBar[i];
                double h = hd;
                if (lv >= tGate && cFin) {
                    double w = weights[row + i];
                    h = !Double.isFinite(w) || lv == delistBar ? 0 : w;
                    traded += Math.abs(h - hd);
                } else {
                    carried += Math.abs(h);
                }
                held[i] = h;
                gross += Math.abs(h);
                net += h;
                longs += h > 0 ? 1 : 0;
                shorts += h < 0 ? 1 : 0;
                double lp = cFin ? c : lastPrice[i];
                lastPrice[i] = lp;
                double c1 = close[nextBase + i];
                double f = Double.isFinite(c1) && Double.isFinite(lp) ? c1 / lp : 1;
                grow[i] = f;
                gNext += h * (f - 1);
                shortNext += h < 0 ? -h : 0;
            }
            double c = traded * frac;
            if (c > 0 && carried > 0) {
                // untraded positions keep their value: a larger share of the equity left after costs
                double scale = 1 / (1 - c);
                gross = 0;
                net = 0;
                gNext = 0;
                shortNext = 0;
                for (int k = 0; k < n; k++) {
                    if (!(lastValidBar[k] >= t && Double.isFinite(close[base + k]))) {
                        held[k] *= scale;
                    }
                    double h = held[k];
                    gross += Math.abs(h);
                    net += h;
                    gNext += h * (grow[k] - 1);
                    shortNext += h < 0 ? -h : 0;
                }
            }
            double prev = eq;
            eq = alive ? eq * denom * (1 - c) : 0;
            geq *= 1 + g;
            BacktestRows.record(res, t, g, prev, eq, geq, traded, c, b, gross, net, longs, shorts);
            g = gNext;
            shortNotional = shortNext;
        }
    }
}
