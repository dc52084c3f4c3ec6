package io.vectrade.backtest;

/**
 * Trading costs. Immutable.
 *
 * @param commissionBps    transaction cost in basis points of traded notional (1 bp = 0.0001)
 * @param slippageBps      slippage in basis points of traded notional, added to the commission
 * @param borrowBpsPerYear borrow cost of short positions in basis points of the short notional per year,
 *                         charged per bar as {@code borrowBpsPerYear / 1e4 / periodsPerYear}
 */
public record Costs(double commissionBps, double slippageBps, double borrowBpsPerYear) {
    /** No costs. */
    public static final Costs NONE = new Costs(0, 0, 0);

    public Costs {
        check("cost-bps", commissionBps);
        check("slippage-bps", slippageBps);
        check("borrow-bps", borrowBpsPerYear);
    }

    private static void check(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, " + name + "=" + v);
        }
    }

    /** Commission plus slippage, as a fraction of traded notional. */
    public double tradedFraction() {
        return (commissionBps + slippageBps) / 1e4;
    }

    /** The same costs with another commission. */
    public Costs withCommissionBps(double bps) {
        return new Costs(bps, slippageBps, borrowBpsPerYear);
    }
}
