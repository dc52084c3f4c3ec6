package io.vectrade.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded, deterministic synthetic market: N instruments × T daily bars, the embedded default
 * data set. Symbols are {@code SYN0001, SYN0002, …}; timestamps are midnight UTC of business days
 * (Monday to Friday, no holidays) from 2015-01-02 unless another first day is given.
 *
 * <p>The model, per instrument i and bar t (daily log returns):
 * <pre>
 *   r[t]   = mu_i + beta_i * m[t] + eps[t] + jump[t]
 *   eps[t] = sigma[t] * z,   sigma²[t+1] = omega_i + ALPHA * eps[t]² + BETA * sigma²[t]   (GARCH(1,1))
 *   omega_i = sigmaLong_i² * (1 - ALPHA - BETA),   sigma²[0] = sigmaLong_i²
 *   m[t]   ~ N(0, MARKET_SIGMA²), shared by all instruments (the common market factor)
 *   jump[t] = JUMP_SCALE * sigmaLong_i * z'  with probability JUMP_PROBABILITY, else 0
 *   close[t] = close[t-1] * exp(r[t]),  open[t] = close[t-1] * exp(GAP_SCALE * sigma[t] * z'')
 *   high[t] = max(open, close) * exp(RANGE_SCALE * sigma[t] * |z|),  low[t] = min(open, close) * exp(-RANGE_SCALE * sigma[t] * |z|)
 *   volume[t] = rint(volume_i * exp(0.3 z) * (0.5 + |r[t]| / sigmaLong_i))
 * </pre>
 * with per-instrument draws sigmaLong_i ~ U[1%, 3%] (about 16% to 48% a year), beta_i ~ U[0.5, 1.5],
 * mu_i ~ U[-0.02%, 0.06%], start price log-uniform in [10, 500], volume_i log-uniform in
 * [10<sup>5</sup>, 10<sup>7</sup>]; z are independent standard normals; |r| is capped at 0.5.
 * So low &le; open, close &le; high always (multiplying by a factor &ge; 1 rounds to a value &ge; the
 * input), every value is finite and positive, and volume rises with |return|.
 *
 * <p>Determinism: a root {@link SplittableRandom} seeded with {@code seed} is split, in order,
 * into one stream for the market factor and one per instrument before any work starts; large
 * panels are then filled in parallel over instruments, so the arrays are identical whatever the
 * thread count (exp and log are {@link StrictMath}'s, the same on every JVM). Cost: primitive arrays only, no object per bar; 1,000 × 2,520 takes well under a
 * second. Stateless and thread-safe.
 */
public final class SyntheticMarket {
    /** GARCH reaction to the last squared shock. */
    public static final double ALPHA = 0.08;
    /** GARCH persistence of the variance. */
    public static final double BETA = 0.90;
    /** Daily standard deviation of the common market factor. */
    public static final double MARKET_SIGMA = 0.006;
    /** Probability of a jump on any bar. */
    public static final double JUMP_PROBABILITY = 0.004;
    /** Jump standard deviation in units of the instrument's long-run daily volatility. */
    public static final double JUMP_SCALE = 6.0;
    /** Overnight gap standard deviation in units of sigma[t]. */
    public static final double GAP_SCALE = 0.3;
    /** Intraday range scale in units of sigma[t]. */
    public static final double RANGE_SCALE = 0.5;
    /** The default first day. */
    public static final LocalDate DEFAULT_FIRST_DAY = LocalDate.of(2015, 1, 2);

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long PARALLEL_CELLS = 1L << 18;

    private SyntheticMarket() {
    }

    /** The shape {@code NxT} of a synthetic panel, e.g. {@code 100x2520}. */
    public record Shape(int instruments, int bars) {
        public Shape {
            if (instruments < 1 || bars < 1 || (long) instruments * bars > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("synthetic shape must have instruments >= 1, bars >= 1 and fit one array,"
                        + " instruments=" + instruments + " bars=" + bars);
            }
        }

        /** Parses {@code NxT} (N instruments, T bars). */
        public static Shape parse(String text) {
            String s = text.strip().toLowerCase(java.util.Locale.ROOT);
            int x = s.indexOf('x');
            try {
                if (x > 0) {
                    return new Shape(Integer.parseInt(s.substring(0, x).strip()), Integer.parseInt(s.substring(x + 1).strip()));
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("synthetic shape must be NxT (instruments x bars), e.g. 100x2520, value=" + text.strip());
        }

        @Override
        public String toString() {
            return instruments + "x" + bars;
        }
    }

    /** N × T bars from the default first day. */
    public static Panel generate(int instruments, int bars, long seed) {
        return generate(instruments, bars, seed, DEFAULT_FIRST_DAY);
    }

    /** The panel of {@code shape}. */
    public static Panel generate(Shape shape, long seed) {
        return generate(shape.instruments(), shape.bars(), seed, DEFAULT_FIRST_DAY);
    }

    /**
     * N × T bars starting on {@code firstDay} (moved forward to a Monday when it is a weekend).
     *
     * @throws IllegalArgumentException if N or T is below 1 or the panel does not fit one array
     */
    public static Panel generate(int instruments, int bars, long seed, LocalDate firstDay) {
        Shape shape = new Shape(instruments, bars);
        int n = shape.instruments();
        int t = shape.bars();
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom marketRandom = root.split();
        SplittableRandom[] streams = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            streams[i] = root.split();
        }
        double[] market = new double[t];
        for (int k = 0; k < t; k++) {
            market[k] = MARKET_SIGMA * marketRandom.nextGaussian();
        }
        int cells = n * t;
        double[] o = new double[cells];
        double[] h = new double[cells];
        double[] l = new double[cells];
        double[] c = new double[cells];
        double[] v = new double[cells];
        IntStream range = IntStream.range(0, n);
        if ((long) cells >= PARALLEL_CELLS) {
            range = range.parallel();
        }
        range.forEach(i -> fillInstrument(i, n, t, streams[i], market, o, h, l, c, v));
        List<String> symbols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            symbols.add(String.format(java.util.Locale.ROOT, "SYN%04d", i + 1));
        }
        return Panel.of(symbols, businessDays(firstDay, t), o, h, l, c, v);
    }

    private static void fillInstrument(int i, int n, int t, SplittableRandom rnd, double[] market,
                                       double[] o, double[] h, double[] l, double[] c, double[] v) {
        double sigmaLong = rnd.nextDouble(0.01, 0.03);
        double beta = rnd.nextDouble(0.5, 1.5);
        double mu = rnd.nextDouble(-0.0002, 0.0006);
        double logPrice = rnd.nextDouble(StrictMath.log(10), StrictMath.log(500));
        double baseVolume = StrictMath.exp(rnd.nextDouble(StrictMath.log(1e5), StrictMath.log(1e7)));
        double omega = sigmaLong * sigmaLong * (1 - ALPHA - BETA);
        double variance = sigmaLong * sigmaLong;
        for (int k = 0; k < t; k++) {
            double sigma = Math.sqrt(variance);
            double eps = sigma * rnd.nextGaussian();
            double jumpDraw = rnd.nextDouble();
            double jump = jumpDraw < JUMP_PROBABILITY ? JUMP_SCALE * sigmaLong * rnd.nextGaussian() : 0.0;
            double r = mu + beta * market[k] + eps + jump;
            r = Math.max(-0.5, Math.min(0.5, r));
            double prevClose = StrictMath.exp(logPrice);
            logPrice += r;
            double close = StrictMath.exp(logPrice);
            double open = prevClose * StrictMath.exp(GAP_SCALE * sigma * rnd.nextGaussian());
            double top = Math.max(open, close);
            double bottom = Math.min(open, close);
            double high = top * StrictMath.exp(RANGE_SCALE * sigma * Math.abs(rnd.nextGaussian()));
            double low = bottom * StrictMath.exp(-RANGE_SCALE * sigma * Math.abs(rnd.nextGaussian()));
            double volume = Math.rint(baseVolume * StrictMath.exp(0.3 * rnd.nextGaussian()) * (0.5 + Math.abs(r) / sigmaLong));
            int x = k * n + i;
            o[x] = open;
            h[x] = high;
            l[x] = low;
            c[x] = close;
            v[x] = volume;
            variance = omega + ALPHA * eps * eps + BETA * variance;
        }
    }

    /** Midnight UTC of {@code count} business days (Mon–Fri) from {@code firstDay}, in epoch millis. */
    static long[] businessDays(LocalDate firstDay, int count) {
        long[] out = new long[count];
        long day = firstDay.toEpochDay();
        for (int k = 0; k < count; k++) {
            while (Math.floorMod(day + 3, 7) >= 5) { // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays
                day++;
            }
            out[k] = day * MILLIS_PER_DAY;
            day++;
        }
        return out;
    }
}
