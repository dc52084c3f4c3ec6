package io.vectrade.model.train;

/**
 * Training labels: forward log returns {@code ln(close[t + h] / close[t])} over time-major closes. A label
 * uses the close of bar {@code t + h}, so it is only ever a target, never an input of bar {@code t}.
 * Stateless.
 */
public final class Labels {
    private Labels() {
    }

    /**
     * Fills {@code out[t * N + i]} with {@code ln(close[(t+h) * N + i] / close[t * N + i])}; NaN for the last
     * {@code h} bars and where either close is NaN (a missing bar) or not positive.
     *
     * @throws IllegalArgumentException if {@code h < 1} or lengths disagree
     */
    public static void forwardLogReturns(double[] close, int bars, int instruments, int h, double[] out) {
        if (h < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, horizon=" + h);
        }
        int cells = bars * instruments;
        if (close.length < cells || out.length < cells) {
            throw new IllegalArgumentException("arrays shorter than bars*instruments, close=" + close.length
                    + " out=" + out.length + " cells=" + cells);
        }
        for (int t = 0; t < bars; t++) {
            for (int i = 0; i < instruments; i++) {
                int r = t * instruments + i;
                if (t + h >= bars) {
                    out[r] = Double.NaN;
                    continue;
                }
                double c0 = close[r];
                double c1 = close[r + h * instruments];
                out[r] = c0 > 0 && c1 > 0 ? StrictMath.log(c1 / c0) : Double.NaN;
            }
        }
    }
}
