package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * {@code vwap(n)}: {@code Σ tp·v / Σ v} over the last {@code n} bars, {@code tp = (h + l + c) / 3},
 * computed exactly as the cpu backend's {@code Volumes.vwap} does, so bit-exact with it: the plain
 * mean of {@code tp} when all {@code n} volumes are 0; NaN while the window holds a non-finite
 * {@code tp·v}. Compensated sliding sums, recomputed from the rings every {@code n} bars: O(1) per
 * bar amortised, one bar in {@code n} costs O(n).
 */
final class VwapStream extends StreamKernel {
    private final int n;
    private final LagRing typical;
    private final LagRing typicalVolume;
    private final LagRing volumes;
    private final CompensatedSums priceVolume;
    private final CompensatedSums volume;
    private final CompensatedSums price;
    private final int[] lastBad;
    private final int[] zeros;
    private final int[] nextReset;

    VwapStream(int instruments, int n) {
        super(instruments);
        this.n = n;
        this.typical = new LagRing(instruments, n);
        this.typicalVolume = new LagRing(instruments, n);
        this.volumes = new LagRing(instruments, n);
        this.priceVolume = new CompensatedSums(instruments);
        this.volume = new CompensatedSums(instruments);
        this.price = new CompensatedSums(instruments);
        this.lastBad = new int[instruments];
        this.zeros = new int[instruments];
        this.nextReset = new int[instruments];
        reset();
    }

    @Override
    void update(int i, int t, double open, double high, double low, double close, double v,
                double[] out, int index, int stride) {
        double tp = (high + low + close) / 3;
        double tpv = tp * v;
        double oldTp = typical.push(i, tp);
        double oldTpv = typicalVolume.push(i, tpv);
        double oldV = volumes.push(i, v);
        if (!Double.isFinite(tpv)) {
            lastBad[i] = t;
        }
        int z = zeros[i];
        if (v == 0.0) {
            z++;
        }
        if (t >= n && oldV == 0.0) {
            z--;
        }
        zeros[i] = z;
        if (t < n - 1 || t - lastBad[i] < n || t >= nextReset[i]) {
            out[index] = rare(i, t, z);
            return;
        }
        priceVolume.add(i, tpv);
        priceVolume.add(i, -oldTpv);
        volume.add(i, v);
        volume.add(i, -oldV);
        price.add(i, tp);
        price.add(i, -oldTp);
        out[index] = value(i, z);
    }

    /** Warm-up, a non-finite input in the window, or the scheduled re-sum: off the hot path. */
    private double rare(int i, int t, int z) {
        if (t < n - 1) {
            return Double.NaN;
        }
        if (t - lastBad[i] < n) {
            nextReset[i] = t + 1;
            return Double.NaN;
        }
        priceVolume.clear(i);
        volume.clear(i);
        price.clear(i);
        for (int k = 0, s = typical.nextSlot(i); k < n; k++, s = s + 1 == n ? 0 : s + 1) {
            priceVolume.add(i, typicalVolume.slot(i, s));
            volume.add(i, volumes.slot(i, s));
            price.add(i, typical.slot(i, s));
        }
        nextReset[i] = t + n;
        return value(i, z);
    }

    private double value(int i, int z) {
        return z == n ? price.value(i) / n : priceVolume.value(i) / volume.value(i);
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
        typical.reset();
        typicalVolume.reset();
        volumes.reset();
        priceVolume.reset();
        volume.reset();
        price.reset();
        Arrays.fill(lastBad, Integer.MIN_VALUE / 2);
        Arrays.fill(zeros, 0);
        Arrays.fill(nextReset, n - 1);
    }
}
