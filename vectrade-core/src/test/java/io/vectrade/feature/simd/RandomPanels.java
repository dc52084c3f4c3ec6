package io.vectrade.feature.simd;

import io.vectrade.data.Panel;

import io.vectrade.testdata.RandomMarket;

import java.util.Arrays;

/** The simd tests' panels ({@code testdata.RandomMarket}) and helpers to read one instrument back. */
final class RandomPanels {
    private RandomPanels() {
    }

    /**
     * {@code testdata.RandomMarket}'s panel of {@code instruments × bars}: price levels from 0.05
     * to 5000, some instruments tick-rounded, flat stretches; with {@code missing} each bar is
     * missing with probability 1 % and some instruments start late (leading missing bars).
     */
    static Panel of(long seed, int instruments, int bars, boolean missing) {
        return RandomMarket.panel(seed, instruments, bars, new RandomMarket.Options(missing ? 0.01 : 0.0, missing, true));
    }

    /** True when some bar of {@code p} is missing. */
    static boolean anyMissing(Panel p) {
        for (int t = 0; t < p.bars(); t++) {
            for (int i = 0; i < p.instruments(); i++) {
                if (p.isMissing(t, i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The close series of instrument {@code i} without its missing bars. */
    static double[] closes(Panel p, int i) {
        return present(p, i, 3);
    }

    /** Column {@code k} (0 open .. 4 volume) of instrument {@code i} without its missing bars. */
    static double[] present(Panel p, int i, int k) {
        double[] out = new double[p.bars()];
        int m = 0;
        for (int t = 0; t < p.bars(); t++) {
            if (!p.isMissing(t, i)) {
                out[m++] = switch (k) {
                    case 0 -> p.open(t, i);
                    case 1 -> p.high(t, i);
                    case 2 -> p.low(t, i);
                    case 3 -> p.close(t, i);
                    default -> p.volume(t, i);
                };
            }
        }
        return Arrays.copyOf(out, m);
    }
}
