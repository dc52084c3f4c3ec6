package io.vectrade.testdata;

import io.vectrade.data.Panel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random OHLCV data for tests, independent of the production synthetic generator: a
 * geometric random walk with per-seed price level (0.05 .. 5000) and volatility, consistent bars
 * (low &le; open, close &le; high), and edge cases on purpose: flat stretches (o = h = l = c for
 * several bars, often with zero volume), isolated zero-volume bars, and prices rounded to a tick
 * for some seeds (ties between highs, lows and closes). Same seed, same data.
 */
public final class RandomMarket {
    private static final long DAY_MILLIS = 86_400_000L;

    private RandomMarket() {
    }

    /** One instrument of {@code bars} bars. */
    public static OhlcvSeries series(long seed, int bars) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] c = new double[5][bars];
        fill(rnd, c, 0, 1, bars, true);
        long[] ts = new long[bars];
        for (int t = 0; t < bars; t++) {
            ts[t] = 1_600_000_000_000L + t * DAY_MILLIS;
        }
        return new OhlcvSeries("R" + seed, ts, c[0], c[1], c[2], c[3], c[4]);
    }

    /**
     * What a random panel holds besides the walk itself.
     *
     * @param missingProbability each bar of each instrument is missing (NaN in all five columns) with it
     * @param lateStarts         about one instrument in five starts late (leading missing bars, up to a third of the bars)
     * @param flatStretches      stretches of constant prices, mostly without volume
     */
    public record Options(double missingProbability, boolean lateStarts, boolean flatStretches) {
    }

    /**
     * {@code instruments × bars}, time-major; each bar of each instrument is missing (NaN in all
     * five columns) with probability {@code missingProbability}; flat stretches included.
     */
    public static Panel panel(long seed, int instruments, int bars, double missingProbability) {
        return panel(seed, instruments, bars, new Options(missingProbability, false, true));
    }

    /** {@code instruments × bars}, time-major, with {@code options}. */
    public static Panel panel(long seed, int instruments, int bars, Options options) {
        double missingProbability = options.missingProbability();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] c = new double[5][instruments * bars];
        int[] start = new int[instruments];
        for (int i = 0; i < instruments; i++) {
            SplittableRandom own = rnd.split();
            fill(own, c, i, instruments, bars, options.flatStretches());
            start[i] = options.lateStarts() && own.nextInt(5) == 0 ? own.nextInt(Math.max(1, bars / 3)) : 0;
        }
        for (int t = 0; t < bars; t++) {
            for (int i = 0; i < instruments; i++) {
                if (t < start[i] || rnd.nextDouble() < missingProbability) {
                    for (double[] col : c) {
                        col[t * instruments + i] = Double.NaN;
                    }
                }
            }
        }
        long[] ts = new long[bars];
        List<String> symbols = new ArrayList<>();
        for (int t = 0; t < bars; t++) {
            ts[t] = 1_600_000_000_000L + t * DAY_MILLIS;
        }
        for (int i = 0; i < instruments; i++) {
            symbols.add("S" + i);
        }
        return Panel.of(symbols, ts, c[0], c[1], c[2], c[3], c[4]);
    }

    /** Writes one instrument's bars at {@code offset + t * stride} of the five columns. */
    static void fill(SplittableRandom rnd, double[][] c, int offset, int stride, int bars, boolean flatStretches) {
        double price = Math.exp(rnd.nextDouble(Math.log(0.05), Math.log(5000)));
        double sigma = rnd.nextDouble(0.002, 0.04);
        double tick = rnd.nextInt(3) == 0 ? Math.max(0.0001, Math.pow(10, Math.floor(Math.log10(price)) - 3)) : 0;
        double baseVolume = Math.exp(rnd.nextDouble(Math.log(10), Math.log(1e7)));
        int flatLeft = 0;
        for (int t = 0; t < bars; t++) {
            int x = offset + t * stride;
            if (flatStretches && flatLeft == 0 && rnd.nextDouble() < 0.01) {
                flatLeft = 2 + rnd.nextInt(40);
            }
            double o;
            double h;
            double l;
            double cl;
            double v;
            if (flatLeft > 0) {
                flatLeft--;
                o = price;
                h = price;
                l = price;
                cl = price;
                v = rnd.nextInt(4) == 0 ? baseVolume * rnd.nextDouble() : 0.0;
            } else {
                o = price * Math.exp(sigma * 0.2 * rnd.nextGaussian());
                cl = o * Math.exp(sigma * rnd.nextGaussian());
                h = Math.max(o, cl) * (1 + Math.abs(sigma * 0.5 * rnd.nextGaussian()));
                l = Math.min(o, cl) * (1 - Math.min(0.5, Math.abs(sigma * 0.5 * rnd.nextGaussian())));
                v = rnd.nextDouble() < 0.03 ? 0.0 : baseVolume * Math.exp(rnd.nextGaussian());
                if (tick > 0) {
                    o = round(o, tick);
                    cl = round(cl, tick);
                    h = Math.max(round(h, tick), Math.max(o, cl));
                    l = Math.min(round(l, tick), Math.min(o, cl));
                }
                price = cl;
            }
            c[0][x] = o;
            c[1][x] = h;
            c[2][x] = l;
            c[3][x] = cl;
            c[4][x] = v;
        }
    }

    private static double round(double v, double tick) {
        return Math.max(tick, Math.rint(v / tick) * tick);
    }

    /** A copy of {@code series} with bars {@code [from, length)} replaced by fresh random bars. */
    public static OhlcvSeries withNewFuture(OhlcvSeries s, int from, long seed) {
        OhlcvSeries fresh = series(seed, s.length());
        double[][] cols = {s.open().clone(), s.high().clone(), s.low().clone(), s.close().clone(), s.volume().clone()};
        double[][] src = {fresh.open(), fresh.high(), fresh.low(), fresh.close(), fresh.volume()};
        for (int k = 0; k < 5; k++) {
            System.arraycopy(src[k], from, cols[k], from, s.length() - from);
        }
        return new OhlcvSeries(s.symbol(), Arrays.copyOf(s.timestampsMillis(), s.length()), cols[0], cols[1], cols[2],
                cols[3], cols[4]);
    }
}
