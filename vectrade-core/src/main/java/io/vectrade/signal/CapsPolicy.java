package io.vectrade.signal;

/**
 * Exposure caps per bar, applied in this order so that all three hold afterwards:
 * <ol>
 *   <li>{@code max}: each {@code |weight|} is clipped to {@code max};</li>
 *   <li>{@code gross}: if {@code Σ|w|} exceeds {@code gross}, every weight is scaled by {@code gross / Σ|w|};</li>
 *   <li>{@code net}: if {@code |Σw|} exceeds {@code net}, the heavier side alone is scaled down so that
 *       {@code |Σw| = net} (scaling down never breaks 1 or 2).</li>
 * </ol>
 * A cap left out is infinite. A weight scaled to 0 becomes flat. Strength is kept. Stateless; allocation-free.
 * The totals are summed over blocks of {@value #SUM_BLOCK} instruments, then the block totals in
 * order (the cuda kernels sum the blocks in parallel in the same order, so both round alike).
 */
final class CapsPolicy implements SignalPolicy {
    /** Instruments per partial sum of the long and short totals (the GPU kernels use the same blocks). */
    static final int SUM_BLOCK = 32;

    private final double max;
    private final double gross;
    private final double net;

    CapsPolicy(double max, double gross, double net) {
        if (!(max > 0) || !(gross > 0) || !(net >= 0)) {
            throw new IllegalArgumentException("caps must be > 0 (net >= 0), max=" + max + " gross=" + gross + " net=" + net);
        }
        this.max = max;
        this.gross = gross;
        this.net = net;
    }

    @Override
    public void apply(double[] scores, double[] volatility, int fromBar, int toBar, SignalFrame frame) {
        SignalPolicy.check(scores, volatility, false, fromBar, toBar, frame);
        int n = frame.instruments();
        double[] w = frame.weight();
        for (int t = fromBar; t < toBar; t++) {
            int row = t * n;
            int end = row + n;
            double longs = 0;
            double shorts = 0;
            // summed in blocks of SUM_BLOCK instruments, block totals added in order: the GPU kernels
            // sum the blocks in parallel and get the same bits
            for (int b0 = row; b0 < end; b0 += SUM_BLOCK) {
                double bl = 0;
                double bs = 0;
                for (int r = b0, be = Math.min(end, b0 + SUM_BLOCK); r < be; r++) {
                    double x = w[r];
                    if (x > max) {
                        x = max;
                    } else if (x < -max) {
                        x = -max;
                    }
                    w[r] = x;
                    if (x > 0) {
                        bl += x;
                    } else {
                        bs -= x;
                    }
                }
                longs += bl;
                shorts += bs;
            }
            double g = longs + shorts;
            if (g > gross) {
                double f = gross / g;
                for (int r = row; r < end; r++) {
                    w[r] *= f;
                }
                longs *= f;
                shorts *= f;
            }
            double nt = longs - shorts;
            if (nt > net) {
                scaleSide(w, row, end, true, (shorts + net) / longs);
            } else if (-nt > net) {
                scaleSide(w, row, end, false, (longs + net) / shorts);
            }
            for (int r = row; r < end; r++) {
                if (w[r] == 0) {
                    frame.flat(r);
                }
            }
        }
    }

    double max() {
        return max;
    }

    double gross() {
        return gross;
    }

    double net() {
        return net;
    }

    private static void scaleSide(double[] w, int row, int end, boolean longSide, double f) {
        for (int r = row; r < end; r++) {
            if (longSide ? w[r] > 0 : w[r] < 0) {
                w[r] *= f;
            }
        }
    }

    @Override
    public boolean generator() {
        return false;
    }

    /** This stage's parameters. */
    SignalStage describe() {
        return new SignalStage.Caps(max, gross, net);
    }

    @Override
    public String spec() {
        StringBuilder b = new StringBuilder("caps(");
        String sep = "";
        if (max < Double.POSITIVE_INFINITY) {
            b.append("max=").append(PolicyParser.num(max));
            sep = ",";
        }
        if (gross < Double.POSITIVE_INFINITY) {
            b.append(sep).append("gross=").append(PolicyParser.num(gross));
            sep = ",";
        }
        if (net < Double.POSITIVE_INFINITY) {
            b.append(sep).append("net=").append(PolicyParser.num(net));
        }
        return b.append(')').toString();
    }
}
