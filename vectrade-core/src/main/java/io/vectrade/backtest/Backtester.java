package io.vectrade.backtest;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;

/**
 * Simulates target weights over a panel in one pass over the [T × N] cells; the formulas are in
 * docs/evaluation.md.
 *
 * <p><b>Timing.</b> {@code weights[t * N + i]} is the target fraction of equity in instrument i decided at the
 * close of bar t (signed; non-finite reads as 0). With {@link Execution#CLOSE} it is traded at the close of t
 * and earns the return from close t to close t+1; with {@link Execution#NEXT_OPEN} it is traded at the open of
 * t+1. The result at bar t therefore depends only on prices of bars &le; t and weights of bars &le; t (tested by
 * changing the later bars). Between trades a position drifts with its price:
 * {@code h' = h · (1 + r) / (1 + Σ h · r - borrow)}.
 *
 * <p><b>Costs.</b> Each trade pays {@code |target - drifted| · (commission + slippage) / 1e4} of equity;
 * shorts held into a bar pay {@code |h| · borrowBpsPerYear / 1e4 / periodsPerYear}.
 *
 * <p><b>Missing bars and delistings.</b> A missing bar (NaN close) cannot be traded: the position is carried
 * with no return, and the price move over the gap is earned at the next bar with a price. An instrument whose
 * last price comes before the panel's last bar is closed at that last price (its close), paying costs; a
 * target for a bar without a price is ignored. Costs are paid from cash: an untraded position keeps its value,
 * so its weight grows by {@code 1 / (1 - cost)}. The delisting close is the one use of later bars: whether an
 * instrument has any later price (the listing calendar), never a later price or weight. A missing open on next-open trades at that bar's close.
 *
 * <p><b>Backends.</b> {@link Backend#CPU} is the scalar reference: two passes over each bar's instruments, sums
 * in instrument order. {@link Backend#SIMD} (and {@code auto} and {@code cuda}: the backtest runs on the host)
 * runs Vector API kernels with lanes across instruments ({@link SimdCloseKernel}: one fused pass per bar;
 * {@link SimdNextOpenKernel}: two): the same per-instrument formulas, the sums over instruments added lane by
 * lane, so their outputs equal the reference's up to rounding (tested within a relative 1e-12 of equity on
 * random panels with gaps and delistings) and the long and short counts exactly. Both use the calling thread
 * only.
 *
 * <p>Buffers are sized at construction; {@link #run} allocates nothing and returns the same reused
 * {@link BacktestResult}. If equity falls to zero or below, it stays there with no position. Not thread-safe.
 */
public final class Backtester {
    private final int bars;
    private final int instruments;
    private final double[] held;
    private final double[] lastPrice;
    private final double[] pending;
    /** Scratch for the simd kernels' in-order lane sums. */
    private final double[] lanes = new double[SimdCloseKernel.LANES];
    private final double[] grow;
    private final int[] lastValid;
    private final double[] lastValidBar;
    private final boolean simd;
    private final BacktestResult result;
    private Panel preparedFor;

    /** The scalar reference backtester ({@link Backend#CPU}) for panels of {@code bars × instruments}. */
    public Backtester(int bars, int instruments) {
        this(bars, instruments, Backend.CPU);
    }

    /**
     * A backtester for panels of {@code bars × instruments} on {@code backend}: cpu is the scalar reference; simd,
     * auto and cuda use the Vector API kernels (the backtest has no device path).
     */
    public Backtester(int bars, int instruments, Backend backend) {
        if (bars < 1 || instruments < 1) {
            throw new IllegalArgumentException("bad backtest shape, bars=" + bars + " instruments=" + instruments);
        }
        if (backend == null) {
            throw new IllegalArgumentException("backend is required");
        }
        this.simd = backend != Backend.CPU;
        this.bars = bars;
        this.instruments = instruments;
        held = new double[instruments];
        lastPrice = new double[instruments];
        pending = new double[instruments];
        grow = new double[instruments];
        lastValid = new int[instruments];
        lastValidBar = new double[instruments];
        result = new BacktestResult(bars);
    }

    public int bars() {
        return bars;
    }

    public int instruments() {
        return instruments;
    }

    /** {@link Backend#SIMD} when the run uses the Vector API kernels, else {@link Backend#CPU} (the scalar reference). */
    public Backend backend() {
        return simd ? Backend.SIMD : Backend.CPU;
    }

    /**
     * Runs the weights (time-major, at least T × N) over the panel's prices; returns the reused result.
     *
     * @throws IllegalArgumentException if the panel's shape or the weights' length disagree with this backtester
     */
    public BacktestResult run(Panel panel, double[] weights, BacktestConfig config) {
        if (panel.bars() != bars || panel.instruments() != instruments) {
            throw new IllegalArgumentException("panel does not match the backtester, panel=" + panel.bars() + "x"
                    + panel.instruments() + " backtester=" + bars + "x" + instruments);
        }
        if (weights.length < bars * instruments) {
            throw new IllegalArgumentException("weights shorter than bars x instruments, length=" + weights.length
                    + " expected=" + bars * instruments);
        }
        if (panel != preparedFor) {
            findLastBars(panel);
            preparedFor = panel;
        }
        java.util.Arrays.fill(held, 0);
        java.util.Arrays.fill(pending, 0);
        java.util.Arrays.fill(lastPrice, Double.NaN);
        if (simd && config.execution() == Execution.CLOSE) {
            SimdCloseKernel.run(panel, weights, config, lanes, held, lastPrice, grow, lastValidBar, result);
        } else if (simd) {
            SimdNextOpenKernel.run(panel, weights, config, lanes, held, pending, lastPrice, grow, lastValidBar, result);
        } else if (config.execution() == Execution.CLOSE) {
            runClose(panel, weights, config);
        } else {
            runNextOpen(panel, weights, config);
        }
        return result;
    }

    /** The last bar with a price of each instrument (-1 if none), found once per panel. */
    private void findLastBars(Panel panel) {
        double[] close = panel.closeColumn();
        java.util.Arrays.fill(lastValid, -1);
        int open = instruments;
        for (int t = bars - 1; t >= 0 && open > 0; t--) {
            int base = panel.offset() + t * panel.stride();
            for (int i = 0; i < instruments; i++) {
                if (lastValid[i] < 0 && Double.isFinite(close[base + i])) {
                    lastValid[i] = t;
                    open--;
                }
            }
        }
        for (int i = 0; i < instruments; i++) {
            lastValidBar[i] = lastValid[i];
        }
    }

    private void runClose(Panel panel, double[] weights, BacktestConfig config) {
        double[] close = panel.closeColumn();
        int n = instruments;
        double frac = config.costs().tradedFraction();
        double borrowRate = config.costs().borrowBpsPerYear() / 1e4 / config.periodsPerYear();
        double eq = 1;
        double geq = 1;
        BacktestResult res = result;
        for (int t = 0; t < bars; t++) {
            int base = panel.offset() + t * panel.stride();
            int row = t * n;
            double g = 0;
            double shortNotional = 0;
            for (int i = 0; i < n; i++) {
                double c = close[base + i];
                double f = 1;
                if (Double.isFinite(c)) {
                    double lp = lastPrice[i];
                    if (Double.isFinite(lp)) {
                        f = c / lp;
                    }
                    lastPrice[i] = c;
                }
                grow[i] = f;
                double h = held[i];
                g += h * (f - 1);
                shortNotional += h < 0 ? -h : 0;
            }
            double b = shortNotional * borrowRate;
            double denom = 1 + g - b;
            double traded = 0;
            double gross = 0;
            double net = 0;
            int longs = 0;
            int shorts = 0;
            boolean alive = denom > 0 && eq > 0;
            double inv = alive ? 1 / denom : 0;
            boolean carried = false;
            for (int i = 0; i < n; i++) {
                double hd = held[i] * grow[i] * inv;
                double h = hd;
                if (alive && lastValid[i] >= t && Double.isFinite(close[base + i])) {
                    double w = weights[row + i];
                    h = (t == lastValid[i] && t < bars - 1) || !Double.isFinite(w) ? 0 : w;
                    traded += Math.abs(h - hd);
                } else {
                    carried |= h != 0;
                }
                held[i] = h;
                gross += Math.abs(h);
                net += h;
                longs += h > 0 ? 1 : 0;
                shorts += h < 0 ? 1 : 0;
            }
            double c = traded * frac;
            if (c > 0 && carried) {
                // untraded positions keep their value: a larger share of the equity left after costs
                double scale = 1 / (1 - c);
                gross = 0;
                net = 0;
                for (int i = 0; i < n; i++) {
                    if (!(lastValid[i] >= t && Double.isFinite(close[base + i]))) {
                        held[i] *= scale;
                    }
                    gross += Math.abs(held[i]);
                    net += held[i];
                }
            }
            double prev = eq;
            eq = alive ? eq * denom * (1 - c) : 0;
            geq *= 1 + g;
            BacktestRows.record(res, t, g, prev, eq, geq, traded, c, b, gross, net, longs, shorts);
        }
    }

    private void runNextOpen(Panel panel, double[] weights, BacktestConfig config) {
        double[] close = panel.closeColumn();
        double[] openCol = panel.openColumn();
        int n = instruments;
        double frac = config.costs().tradedFraction();
        double borrowRate = config.costs().borrowBpsPerYear() / 1e4 / config.periodsPerYear();
        double eq = 1;
        double geq = 1;
        BacktestResult res = result;
        for (int t = 0; t < bars; t++) {
            int base = panel.offset() + t * panel.stride();
            int row = t * n;
            // close t-1 -> open t on the held position
            double g1 = 0;
            double shortNotional = 0;
            for (int i = 0; i < n; i++) {
                double c = close[base + i];
                double f = 1;
                if (Double.isFinite(c)) {
                    double o = openCol[base + i];
                    double px = Double.isFinite(o) ? o : c;
                    double lp = lastPrice[i];
                    if (Double.isFinite(lp)) {
                        f = px / lp;
                    }
                    lastPrice[i] = px;
                }
                grow[i] = f;
                double h = held[i];
                g1 += h * (f - 1);
                shortNotional += h < 0 ? -h : 0;
            }
            double b = shortNotional * borrowRate;
            double denom1 = 1 + g1 - b;
            boolean alive = denom1 > 0 && eq > 0;
            double inv1 = alive ? 1 / denom1 : 0;
            // trade at the open to the decision of bar t-1; then open t -> close t
            boolean carried = false;
            double traded1 = 0;
            double g2 = 0;
            for (int i = 0; i < n; i++) {
                double hd = held[i] * grow[i] * inv1;
                double h = hd;
                double c = close[base + i];
                double f = 1;
                if (!Double.isFinite(c)) {
                    carried |= h != 0;
                } else {
                    if (alive && lastValid[i] >= t) {
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
            double carriedScale = carried && c1 > 0 ? 1 / (1 - c1) : 1;
            boolean delisting = false;
            // at the close: drift, close delisted instruments, record the decision of bar t
            double traded2 = 0;
            double gross = 0;
            double net = 0;
            int longs = 0;
            int shorts = 0;
            for (int i = 0; i < n; i++) {
                double h = held[i] * grow[i] * inv2;
                if (!Double.isFinite(close[base + i])) {
                    h *= carriedScale;
                }
                if (alive && t == lastValid[i] && t < bars - 1) {
                    traded2 += Math.abs(h);
                    delisting |= h != 0;
                    h = 0;
                }
                held[i] = h;
                double w = weights[row + i];
                pending[i] = Double.isFinite(w) ? w : 0;
                gross += Math.abs(h);
                net += h;
                longs += h > 0 ? 1 : 0;
                shorts += h < 0 ? 1 : 0;
            }
            double c2 = traded2 * frac;
            if (delisting && c2 > 0) {
                double scale = 1 / (1 - c2);
                gross = 0;
                net = 0;
                for (int i = 0; i < n; i++) {
                    held[i] *= scale;
                    gross += Math.abs(held[i]);
                    net += held[i];
                }
            }
            double prev = eq;
            eq = alive ? eq * denom1 * (1 - c1) * denom2 * (1 - c2) : 0;
            double g = (1 + g1) * (1 + g2) - 1;
            geq *= 1 + g;
            BacktestRows.record(res, t, g, prev, eq, geq, traded1 + traded2, c1 + c2, b, gross, net, longs, shorts);
        }
    }
}
