package io.vectrade.feature.simd;

import io.vectrade.data.Panel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random OHLCV panels (geometric random walks), optionally with missing bars. */
final class RandomPanels {
    private RandomPanels() {
    }

    /**
     * A panel of {@code instruments × bars}; with {@code missing} each bar is missing with
     * probability 1 % and some instruments start late (leading missing bars).
     */
    static Panel of(long seed, int instruments, int bars, boolean missing) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int cells = instruments * bars;
        double[] open = new double[cells];
        double[] high = new double[cells];
        double[] low = new double[cells];
        double[] close = new double[cells];
        double[] volume = new double[cells];
        for (int i = 0; i < instruments; i++) {
            double c = 20 + 180 * rnd.nextDouble();
            double vol = 0.005 + 0.02 * rnd.nextDouble();
            int start = missing && rnd.nextInt(5) == 0 ? rnd.nextInt(Math.max(1, bars / 3)) : 0;
            for (int t = 0; t < bars; t++) {
                int x = t * instruments + i;
                double o = c * (1 + 0.002 * gaussian(rnd));
                c = o * Math.exp(vol * gaussian(rnd));
                open[x] = o;
                close[x] = c;
                high[x] = Math.max(o, c) * (1 + 0.004 * Math.abs(gaussian(rnd)));
                low[x] = Math.min(o, c) * (1 - 0.004 * Math.abs(gaussian(rnd)));
                volume[x] = 1000 + rnd.nextInt(1_000_000);
                if (t < start || (missing && rnd.nextInt(100) == 0)) {
                    open[x] = Double.NaN;
                    high[x] = Double.NaN;
                    low[x] = Double.NaN;
                    close[x] = Double.NaN;
                    volume[x] = Double.NaN;
                }
            }
        }
        long[] ts = new long[bars];
        for (int t = 0; t < bars; t++) {
            ts[t] = 1_600_000_000_000L + t * 86_400_000L;
        }
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < instruments; i++) {
            symbols.add("S" + i);
        }
        return Panel.of(symbols, ts, open, high, low, close, volume);
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

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian on every JDK level we target
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
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
