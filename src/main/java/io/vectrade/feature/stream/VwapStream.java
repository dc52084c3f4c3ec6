package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code vwap(n)}: {@code Σ tp·v / Σ v} over the last {@code n} bars, {@code tp = (h + l + c) / 3};
 * NaN where the window's volume is 0. Both sums are sliding Neumaier-compensated sums, so a volume
 * spike leaving the window leaves no rounding residue: within 1e-9 relative of a direct window sum.
 */
final class VwapStream extends StreamKernel {
    private final int n;
    private final LagRing priceVolumes;
    private final LagRing volumes;
    private final double[] priceVolumeSum;
    private final double[] priceVolumeCompensation;
    private final double[] volumeSum;
    private final double[] volumeCompensation;

    VwapStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.priceVolumes = new LagRing(instruments, n);
        this.volumes = new LagRing(instruments, n);
        this.priceVolumeSum = new double[instruments];
        this.priceVolumeCompensation = new double[instruments];
        this.volumeSum = new double[instruments];
        this.volumeCompensation = new double[instruments];
    }

    /** Neumaier's step: adds {@code x} to {@code sum[i]}, the rounding error to {@code compensation[i]}. */
    private static void add(double[] sum, double[] compensation, int i, double x) {
        double s = sum[i];
        double t = s + x;
        compensation[i] += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
        sum[i] = t;
    }

    @Override
    void update(int i, int k, double open, double high, double low, double close, double volume,
                double[] out, int index, int stride) {
        double tp = (high + low + close) / 3;
        double pv = tp * volume;
        double oldPv = priceVolumes.push(i, pv);
        double oldV = volumes.push(i, volume);
        add(priceVolumeSum, priceVolumeCompensation, i, pv);
        add(volumeSum, volumeCompensation, i, volume);
        if (k >= n) {
            add(priceVolumeSum, priceVolumeCompensation, i, -oldPv);
            add(volumeSum, volumeCompensation, i, -oldV);
        }
        if (k < n - 1) {
            out[index] = Double.NaN;
            return;
        }
        double v = volumeSum[i] + volumeCompensation[i];
        out[index] = v != 0.0 ? (priceVolumeSum[i] + priceVolumeCompensation[i]) / v : Double.NaN;
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
        priceVolumes.reset();
        volumes.reset();
        Arrays.fill(priceVolumeSum, 0.0);
        Arrays.fill(priceVolumeCompensation, 0.0);
        Arrays.fill(volumeSum, 0.0);
        Arrays.fill(volumeCompensation, 0.0);
    }
}
