package io.vectrade.bench;

import io.vectrade.data.Panel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic market panels for the benchmark workloads (DESIGN.md "Standard workloads").
 *
 * <p>Each instrument follows a geometric random walk with its own drift and volatility and
 * occasional jumps (so that the branches of min/max and sign tests see an unpredictable mix); open,
 * high, low and volume are drawn around it consistently (low &le; open, close &le; high). Daily
 * timestamps. No missing bars. Same seed, same panel. Thread-safe (no state).
 *
 * <p>This is the bench's own small generator, kept so the lab has no dependency on input files;
 * the workload names fix only the shape, not the generator.
 */
public final class Workloads {
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long START_MILLIS = 1_262_304_000_000L; // 2010-01-01

    private Workloads() {
    }

    /** Name of the single-series workload of {@code bars} bars: {@code series-1k}, {@code series-2500}. */
    public static String seriesName(int bars) {
        if (bars % 1_000_000 == 0) {
            return "series-" + bars / 1_000_000 + "m";
        }
        return bars % 1000 == 0 ? "series-" + bars / 1000 + "k" : "series-" + bars;
    }

    /** {@code count} different panels of one shape (seeds {@code seed, seed+1, ...}), for input rotation. */
    public static List<Panel> variants(int instruments, int bars, int count, long seed) {
        List<Panel> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(panel(instruments, bars, seed + k));
        }
        return out;
    }

    /**
     * A panel of {@code instruments} × {@code bars}.
     *
     * @throws IllegalArgumentException for non-positive sizes
     */
    public static Panel panel(int instruments, int bars, long seed) {
        if (instruments < 1 || bars < 1) {
            throw new IllegalArgumentException("sizes must be positive, instruments=" + instruments + " bars=" + bars);
        }
        int cells = Math.multiplyExact(instruments, bars);
        double[] o = new double[cells];
        double[] h = new double[cells];
        double[] l = new double[cells];
        double[] c = new double[cells];
        double[] v = new double[cells];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < instruments; i++) {
            double drift = 0.0002 + 0.0004 * gaussian(rnd);
            double vol = 0.008 + 0.025 * rnd.nextDouble();
            double price = 20 + 180 * rnd.nextDouble();
            double logVolume = 12 + 2 * rnd.nextDouble();
            for (int t = 0; t < bars; t++) {
                int x = t * instruments + i;
                double gap = 0.2 * vol * gaussian(rnd);
                double open = price * Math.exp(gap);
                double ret = drift + vol * gaussian(rnd);
                if (rnd.nextInt(100) == 0) {
                    ret += 4 * vol * gaussian(rnd);
                }
                double close = open * Math.exp(ret);
                double top = Math.max(open, close);
                double bottom = Math.min(open, close);
                o[x] = open;
                c[x] = close;
                h[x] = top * (1 + 0.5 * vol * Math.abs(gaussian(rnd)));
                l[x] = bottom * (1 - 0.5 * vol * Math.min(1.5, Math.abs(gaussian(rnd))));
                v[x] = Math.floor(Math.exp(logVolume + 0.5 * gaussian(rnd)));
                price = close;
            }
        }
        long[] ts = new long[bars];
        for (int t = 0; t < bars; t++) {
            ts[t] = START_MILLIS + t * DAY_MILLIS;
        }
        List<String> symbols = new ArrayList<>(instruments);
        for (int i = 0; i < instruments; i++) {
            symbols.add(String.format("SYN%04d", i));
        }
        return Panel.of(symbols, ts, o, h, l, c, v);
    }

    private static double gaussian(SplittableRandom rnd) {
        return rnd.nextGaussian();
    }
}
