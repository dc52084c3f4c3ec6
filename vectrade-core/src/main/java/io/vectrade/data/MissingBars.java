package io.vectrade.data;

import java.util.SplittableRandom;

/**
 * Seeded missing bars scattered over a panel, for benchmarks and tests of how engines handle gaps
 * (holidays, halts): each bar of each instrument is dropped independently with a given probability,
 * so every instrument and every block of instruments has gaps at different bars. Stateless;
 * thread-safe.
 */
public final class MissingBars {
    private MissingBars() {
    }

    /**
     * A copy of {@code panel} in which each present bar is made missing (NaN in all five columns)
     * with probability {@code fraction}, drawn from a {@link SplittableRandom} seeded with
     * {@code seed} in time-major order; same inputs, same panel. {@code fraction} 0 gives an equal copy.
     *
     * @throws IllegalArgumentException if fraction is not in [0, 1)
     */
    public static Panel scatter(Panel panel, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("missing fraction must be in [0, 1), value=" + fraction);
        }
        int bars = panel.bars();
        int n = panel.instruments();
        double[][] c = new double[5][bars * n];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int t = 0; t < bars; t++) {
            for (int i = 0; i < n; i++) {
                int x = t * n + i;
                boolean drop = fraction > 0 && rnd.nextDouble() < fraction;
                c[0][x] = drop ? Double.NaN : panel.open(t, i);
                c[1][x] = drop ? Double.NaN : panel.high(t, i);
                c[2][x] = drop ? Double.NaN : panel.low(t, i);
                c[3][x] = drop ? Double.NaN : panel.close(t, i);
                c[4][x] = drop ? Double.NaN : panel.volume(t, i);
            }
        }
        return Panel.of(panel.symbols(), panel.timestampsMillis(), c[0], c[1], c[2], c[3], c[4]);
    }
}
