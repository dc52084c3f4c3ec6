package io.vectrade.signal;

/**
 * Volatility targeting per instrument: {@code weight ← weight · target / (vol · sqrt(periods))}, where
 * {@code vol} is the {@code volatility(n)} feature (per-bar standard deviation of log returns) and
 * {@code periods} annualises it (252 for daily bars; 1 to take the feature as is). So the incoming weight is a
 * risk budget: a position whose annualised volatility equals {@code target} keeps its weight, one twice as
 * volatile gets half. A cell with NaN or non-positive volatility is set flat. Side and strength are kept.
 * Stateless; allocation-free.
 */
final class VolTargetPolicy implements SignalPolicy {
    private final double target;
    private final double periods;
    private final double scale;

    VolTargetPolicy(double target, double periods) {
        if (!(target > 0) || !Double.isFinite(target)) {
            throw new IllegalArgumentException("voltarget target must be finite and > 0, target=" + target);
        }
        if (!(periods > 0) || !Double.isFinite(periods)) {
            throw new IllegalArgumentException("voltarget periods must be finite and > 0, periods=" + periods);
        }
        this.target = target;
        this.periods = periods;
        this.scale = target / Math.sqrt(periods);
    }

    @Override
    public void apply(double[] scores, double[] volatility, int fromBar, int toBar, SignalFrame frame) {
        SignalPolicy.check(scores, volatility, true, fromBar, toBar, frame);
        int n = frame.instruments();
        double[] weight = frame.weight();
        for (int r = fromBar * n, end = toBar * n; r < end; r++) {
            double w = weight[r];
            if (w == 0) {
                continue;
            }
            double v = volatility[r];
            if (v > 0 && v < Double.POSITIVE_INFINITY) {
                weight[r] = w * scale / v;
            } else {
                frame.flat(r);
            }
        }
    }

    /** {@code target / sqrt(periods)}. */
    double scale() {
        return scale;
    }

    @Override
    public boolean generator() {
        return false;
    }

    @Override
    public boolean needsVolatility() {
        return true;
    }

    /** This stage's parameters. */
    SignalStage describe() {
        return new SignalStage.VolTarget(target, periods, scale);
    }

    @Override
    public String spec() {
        return "voltarget(target=" + PolicyParser.num(target) + ",periods=" + PolicyParser.num(periods) + ")";
    }
}
