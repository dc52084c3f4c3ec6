package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code adx(n)}: TA-Lib ADX (bit-exact). Bars 1..n-1 sum the directional movements and true
 * ranges; from bar {@code n} they are Wilder-smoothed ({@code x -= x / n; x += today}); bars
 * n..2n-1 sum DX (skipped where the true range or DI sum is within 1e-8 of zero), the first ADX at
 * bar {@code 2n - 1} is that sum / n, later ones {@code (adx * (n - 1) + dx) / n} (kept unchanged
 * where DX is undefined).
 */
final class AdxStream extends StreamKernel {
    /** Marks a bar without DX; a real DX is never negative (NaN inputs give NaN, as in TA-Lib). */
    private static final double NO_DX = -1.0;

    private final int n;
    private final double[] prevHigh;
    private final double[] prevLow;
    private final double[] prevClose;
    private final double[] plusDm;
    private final double[] minusDm;
    private final double[] trueRange;
    private final double[] adx;

    AdxStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.prevHigh = new double[instruments];
        this.prevLow = new double[instruments];
        this.prevClose = new double[instruments];
        this.plusDm = new double[instruments];
        this.minusDm = new double[instruments];
        this.trueRange = new double[instruments];
        this.adx = new double[instruments];
    }

    private static boolean isZero(double v) {
        return -0.00000001 < v && v < 0.00000001;
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        if (k < 2 * n) {
            out[index] = warmUp(i, k, high, low, close);
            return;
        }
        advance(i, high, low, close, true);
        double dx = dx(i);
        double a = adx[i];
        if (dx != NO_DX) {
            a = ((a * (n - 1)) + dx) / n;
        }
        adx[i] = a;
        out[index] = a;
    }

    /** Bars 0..2n-1: plain sums, then smoothed sums and the DX sum; the first ADX at bar 2n-1. */
    private double warmUp(int i, int k, double high, double low, double close) {
        if (k == 0) {
            prevHigh[i] = high;
            prevLow[i] = low;
            prevClose[i] = close;
            return Double.NaN;
        }
        advance(i, high, low, close, k >= n);
        if (k < n) {
            return Double.NaN;
        }
        double dx = dx(i);
        double a = adx[i];
        if (dx != NO_DX) {
            a += dx;
        }
        if (k == 2 * n - 1) {
            a /= n;
            adx[i] = a;
            return a;
        }
        adx[i] = a;
        return Double.NaN;
    }

    /** Adds one bar's +DM, -DM and true range; Wilder-smoothed ({@code x -= x / n}) when {@code smooth}. */
    private void advance(int i, double high, double low, double close, boolean smooth) {
        double diffP = high - prevHigh[i];
        double diffM = prevLow[i] - low;
        prevHigh[i] = high;
        prevLow[i] = low;
        double tr = AtrStream.trueRange(high, low, prevClose[i]);
        prevClose[i] = close;
        double pdm = plusDm[i];
        double mdm = minusDm[i];
        double str = trueRange[i];
        if (smooth) {
            mdm -= mdm / n;
            pdm -= pdm / n;
        }
        if ((diffM > 0) && (diffP < diffM)) {
            mdm += diffM;
        } else if ((diffP > 0) && (diffP > diffM)) {
            pdm += diffP;
        }
        trueRange[i] = smooth ? str - (str / n) + tr : str + tr;
        plusDm[i] = pdm;
        minusDm[i] = mdm;
    }

    /** DX of the smoothed sums, or {@link #NO_DX} where TA-Lib skips it (true range or DI sum ~0). */
    private double dx(int i) {
        double str = trueRange[i];
        if (isZero(str)) {
            return NO_DX;
        }
        double minusDi = 100.0 * (minusDm[i] / str);
        double plusDi = 100.0 * (plusDm[i] / str);
        double sum = minusDi + plusDi;
        if (isZero(sum)) {
            return NO_DX;
        }
        return 100.0 * (Math.abs(minusDi - plusDi) / sum);
    }

    @Override
    void tick(double[] open, double[] high, double[] low, double[] close, double[] volume,
              int[] barsSeen, double[] out, int column) {
        int b = instruments;
        for (int i = 0, index = column * b; i < b; i++, index++) {
            double c = close[i];
            if (c == c) {
                update(i, barsSeen[i], open[i], high[i], low[i], c, volume[i], out, index, b);
            }
        }
    }

    @Override
    void reset() {
        Arrays.fill(prevHigh, 0.0);
        Arrays.fill(prevLow, 0.0);
        Arrays.fill(prevClose, 0.0);
        Arrays.fill(plusDm, 0.0);
        Arrays.fill(minusDm, 0.0);
        Arrays.fill(trueRange, 0.0);
        Arrays.fill(adx, 0.0);
    }
}
