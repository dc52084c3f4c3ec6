package io.vectrade.signal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * A per-bar chain ({@code rank | voltarget | caps}, see {@link SignalChain#perBar()}) run bar by bar with all
 * stages fused: the bar's row of the frame is cleared, ranked, and then only its non-flat cells go through
 * {@code voltarget} and {@code caps}. The frame equals {@link SignalChain#apply}'s bit for bit (raw bits,
 * tested): the same tie rule, the same arithmetic and the same summation order for the caps totals (a block
 * of {@value CapsPolicy#SUM_BLOCK} instruments with no position adds {@code +0.0}, which changes no total).
 *
 * <p>Rank without sorting the bar. The {@code kLong} highest (and {@code kShort} lowest) scores of a bar
 * are found among candidates: the scores at or above a threshold carried from an earlier bar (the
 * score {@code kLong + kLong / 4 + 16} places from the top there, in standard deviations from that bar's
 * mean score, so that a common shift or rescaling of all scores moves it along), selected with a vector compare
 * and compress. The candidates are an upper set of the ranking order, so once there are at least
 * {@code kLong} of them, their top {@code kLong} are the bar's. They are sorted as 64-bit keys: the score's
 * order-preserving bits with the candidate's slot (its position in instrument order) in the low bits,
 * which encodes the tie rule (equal scores: the lower instrument ranks higher). Scores that differ only in
 * those low bits are re-sorted exactly afterwards. When the threshold lets through too few, every finite
 * score of the bar is a candidate. So the threshold only changes the time, never the frame.
 *
 * <p>Not thread-safe (scratch and the thresholds are per object); allocation-free after the first call at
 * a given number of instruments. Needs {@code jdk.incubator.vector}.
 */
public final class BarwiseChain {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final LongVector ONE_L = LongVector.broadcast(L, 1L);
    /** Most candidates sorted by counting (c² / lanes compares); more go to the quicksort. */
    static final int COUNT_SORT_MAX = 256;
    private static final DoubleVector IOTA = DoubleVector.zero(D).addIndex(1);

    private final RankPolicy rank;
    /** The transforms after rank, in order: {@link VolTargetPolicy} or {@link CapsPolicy}. */
    private final SignalPolicy[] transforms;
    private final String spec;
    private final boolean needsVolatility;

    private int n = -1;
    private long[] keyLong = new long[0];
    private long[] keyShort = new long[0];
    private long[] bitsLong = new long[0];
    private long[] bitsShort = new long[0];
    private double[] scoreLong = new double[0];
    private double[] scoreShort = new double[0];
    private double[] idxLong = new double[0];
    private double[] idxShort = new double[0];
    private long[] picked = new long[0];
    private int[] active = new int[0];
    private long[] sorted = new long[0];
    /**
     * The thresholds for the next bar, in standard deviations from a bar's mean finite score (so a level
     * shift or a change of dispersion of the whole cross-section moves them along); NaN: none yet, every
     * finite score passes.
     */
    private double offLong = Double.NaN;
    private double offShort = Double.NaN;
    /** The standard deviation of the bar's finite scores, set by {@link #meanFinite} (NaN when not usable). */
    private double spread;
    // counts from the last collect: finite scores, long and short candidates
    private int finiteCount;
    private int longCount;
    private int shortCount;
    /** Bars whose candidates were every finite score (no usable threshold): for tests and profiles. */
    private long fullPasses;

    private BarwiseChain(RankPolicy rank, SignalPolicy[] transforms, String spec, boolean needsVolatility) {
        this.rank = rank;
        this.transforms = transforms;
        this.spec = spec;
        this.needsVolatility = needsVolatility;
    }

    /**
     * The fused form of {@code chain} (a copy: its own state and scratch).
     *
     * @throws IllegalArgumentException when the chain is not per bar (a threshold stage)
     */
    public static BarwiseChain of(SignalChain chain) {
        if (!chain.perBar()) {
            throw new IllegalArgumentException("the chain carries state across bars, chain=" + chain.spec());
        }
        SignalChain copy = SignalChain.parse(chain.spec());
        SignalPolicy[] stages = copy.stagePolicies();
        SignalPolicy[] transforms = Arrays.copyOfRange(stages, 1, stages.length);
        return new BarwiseChain((RankPolicy) stages[0], transforms, copy.spec(), copy.needsVolatility());
    }

    /** The chain's canonical text. */
    public String spec() {
        return spec;
    }

    /**
     * Applies the chain to bars {@code [fromBar, toBar)}, as {@link SignalChain#apply} does.
     *
     * @throws IllegalArgumentException if shapes disagree or volatility is needed but null
     */
    public void apply(double[] scores, double[] volatility, int fromBar, int toBar, SignalFrame frame) {
        SignalPolicy.check(scores, volatility, needsVolatility, fromBar, toBar, frame);
        size(frame.instruments());
        for (int t = fromBar; t < toBar; t++) {
            int count = rankBar(scores, t * n, frame);
            for (SignalPolicy p : transforms) {
                if (p instanceof VolTargetPolicy v) {
                    volTarget(v.scale(), volatility, t * n, count, frame);
                } else {
                    caps((CapsPolicy) p, t * n, count, frame);
                }
            }
        }
    }

    private void size(int instruments) {
        if (instruments == n) {
            return;
        }
        n = instruments;
        int cap = n + D.length();
        keyLong = new long[cap];
        keyShort = new long[cap];
        bitsLong = new long[cap];
        bitsShort = new long[cap];
        scoreLong = new double[cap];
        scoreShort = new double[cap];
        idxLong = new double[cap];
        idxShort = new double[cap];
        picked = new long[(n + 63) / 64];
        active = new int[n];
        sorted = new long[cap];
        offLong = Double.NaN;
        offShort = Double.NaN;
    }

    /** Score bits that order as the scores do (signed), for a finite score with -0.0 made +0.0. */
    private static long orderBits(long bits) {
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /**
     * Ranks one bar: clears the row, writes the picked cells, and leaves their instrument indices in
     * {@code active[0, count)} ascending. Returns count.
     */
    private int rankBar(double[] scores, int row, SignalFrame frame) {
        byte[] side = frame.side();
        double[] strength = frame.strength();
        double[] weight = frame.weight();
        Arrays.fill(side, row, row + n, SignalFrame.FLAT);
        Arrays.fill(strength, row, row + n, 0.0);
        Arrays.fill(weight, row, row + n, 0.0);
        double mean = meanFinite(scores, row);
        double sd = spread;
        // a NaN threshold (no usable spread) lets nothing through: the fallback below takes every score
        double tauLong = Double.isNaN(offLong) ? Double.NEGATIVE_INFINITY : mean + offLong * sd;
        double tauShort = Double.isNaN(offShort) ? Double.POSITIVE_INFINITY : mean + offShort * sd;
        collect(scores, row, tauLong, tauShort);
        int m = finiteCount;
        int cl = longCount;
        int cs = shortCount;
        if (m == 0) {
            return 0;
        }
        int wantLong = rank.wantLong(m);
        int wantShort = rank.wantShort(m);
        int kShort = Math.min(wantShort, wantLong + wantShort > m ? m / 2 : wantShort);
        int kLong = Math.min(wantLong, m - kShort);
        if (Double.isNaN(offLong) && Double.isNaN(offShort)) {
            fullPasses++;
        } else if (cl < kLong || cs < kShort) {
            fullPasses++; // the side that got too few takes every finite score, the other keeps its threshold
            collect(scores, row, cl < kLong ? Double.NEGATIVE_INFINITY : tauLong,
                    cs < kShort ? Double.POSITIVE_INFINITY : tauShort);
            cl = longCount;
            cs = shortCount;
        }
        Arrays.fill(picked, 0L);
        double denom = m > 1 ? m - 1 : 1;
        if (kLong > 0) {
            int slotBits = slotBits(cl);
            long mask = (1L << slotBits) - 1;
            long[] key = keyLong;
            long[] ob = bitsLong;
            for (int j = 0; j < cl; j++) {
                key[j] = (~ob[j] & ~mask) | j; // descending score, then ascending instrument
            }
            key = sortKeys(key, cl, sorted);
            repairLong(key, cl, mask);
            for (int k = 0; k < kLong; k++) {
                int i = (int) idxLong[(int) (key[k] & mask)];
                int r = row + i;
                int rk = m - 1 - k;
                side[r] = SignalFrame.LONG;
                weight[r] = 1.0 / kLong;
                strength[r] = m > 1 ? rk / denom : 1;
                picked[i >>> 6] |= 1L << i;
            }
            int target = kLong + kLong / 4 + 16;
            if (cl > target) {
                offLong = (scoreLong[(int) (key[target] & mask)] - mean) / sd;
            } // else the threshold gave between kLong and target candidates: keep it
        }
        if (kShort > 0) {
            int slotBits = slotBits(cs);
            long mask = (1L << slotBits) - 1;
            long[] key = keyShort;
            long[] ob = bitsShort;
            for (int j = 0; j < cs; j++) {
                key[j] = (ob[j] & ~mask) | (mask - j); // ascending score, then descending instrument
            }
            key = sortKeys(key, cs, sorted);
            repairShort(key, cs, mask);
            for (int k = 0; k < kShort; k++) {
                int i = (int) idxShort[(int) (mask - (key[k] & mask))];
                int r = row + i;
                side[r] = SignalFrame.SHORT;
                weight[r] = -1.0 / kShort;
                strength[r] = m > 1 ? 1 - k / denom : 1;
                picked[i >>> 6] |= 1L << i;
            }
            int target = kShort + kShort / 4 + 16;
            if (cs > target) {
                offShort = (scoreShort[(int) (mask - (key[target] & mask))] - mean) / sd;
            }
        }
        int count = 0;
        for (int w = 0; w < picked.length; w++) {
            long bits = picked[w];
            while (bits != 0) {
                active[count++] = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        return count;
    }

    /**
     * Sorts the distinct keys {@code key[0, c)} ascending (signed) and returns the array that holds them
     * sorted: up to {@value #COUNT_SORT_MAX} keys by counting, for each key, the keys below it with vector
     * compares (no branches to mispredict; written into {@code out}), more in place by {@link #quicksort}.
     * Allocation-free (the JDK's {@code Arrays.sort(long[], int, int)} allocates on each call).
     */
    static long[] sortKeys(long[] key, int c, long[] out) {
        if (c > COUNT_SORT_MAX) {
            quicksort(key, 0, c);
            return key;
        }
        int lanes = L.length();
        int padded = (c + lanes - 1) / lanes * lanes;
        Arrays.fill(key, c, padded, Long.MAX_VALUE); // never below a key: no finite score maps to it
        for (int j = 0; j < c; j++) {
            long kj = key[j];
            LongVector below = LongVector.zero(L);
            for (int q = 0; q < padded; q += lanes) {
                below = below.add(ONE_L, LongVector.fromArray(L, key, q).compare(VectorOperators.LT, kj));
            }
            out[(int) below.reduceLanes(VectorOperators.ADD)] = kj;
        }
        return out;
    }

    /**
     * Sorts {@code a[lo, hi)} ascending (signed): quicksort with a median-of-three pivot, the smaller side
     * recursed (depth at most log2 of the length), insertion sort under 24 keys.
     */
    static void quicksort(long[] a, int lo, int hi) {
        while (hi - lo > 24) {
            int mid = (lo + hi) >>> 1;
            long x = a[lo];
            long y = a[mid];
            long z = a[hi - 1];
            long pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi - 1;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (j + 1 - lo < hi - i) {
                quicksort(a, lo, j + 1);
                lo = i;
            } else {
                quicksort(a, i, hi);
                hi = j + 1;
            }
        }
        for (int i = lo + 1; i < hi; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static int slotBits(int c) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, c - 1)));
    }

    /**
     * The mean of the bar's finite scores (0 when there is none), and their standard deviation into
     * {@link #spread} (NaN when it is 0 or not finite); they only place the thresholds.
     */
    private double meanFinite(double[] scores, int row) {
        int lanes = D.length();
        DoubleVector sum = DoubleVector.zero(D);
        DoubleVector squares = DoubleVector.zero(D);
        int count = 0;
        int i = 0;
        for (int full = n - lanes; i <= full; i += lanes) {
            DoubleVector v = DoubleVector.fromArray(D, scores, row + i);
            VectorMask<Double> finite = v.test(VectorOperators.IS_FINITE);
            DoubleVector x = DoubleVector.zero(D).blend(v, finite);
            sum = sum.add(x);
            squares = x.fma(x, squares);
            count += finite.trueCount();
        }
        double total = sum.reduceLanes(VectorOperators.ADD);
        double total2 = squares.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double v = scores[row + i];
            if (Double.isFinite(v)) {
                total += v;
                total2 += v * v;
                count++;
            }
        }
        if (count == 0) {
            spread = Double.NaN;
            return 0;
        }
        double mean = total / count;
        double sd = Math.sqrt(total2 / count - mean * mean);
        spread = sd > 0 && sd < Double.POSITIVE_INFINITY ? sd : Double.NaN;
        return mean;
    }

    /**
     * One pass over the bar: counts the finite scores (m) and compresses the long candidates (order bits
     * {@code >= tl}) and short candidates ({@code <= ts}) with their instrument indices, in instrument
     * order. Leaves the three counts in {@link #finiteCount}, {@link #longCount} and {@link #shortCount}.
     */
    private void collect(double[] scores, int row, double tl, double ts) {
        int lanes = D.length();
        int m = 0;
        int cl = 0;
        int cs = 0;
        // compared as doubles; the order bits are made from the few candidates afterwards
        double[] sl = scoreLong;
        double[] ss = scoreShort;
        int i = 0;
        for (int full = n - lanes; i <= full; i += lanes) {
            DoubleVector v = DoubleVector.fromArray(D, scores, row + i).add(0.0);
            VectorMask<Double> finite = v.test(VectorOperators.IS_FINITE);
            VectorMask<Double> ml = v.compare(VectorOperators.GE, tl).and(finite);
            VectorMask<Double> ms = v.compare(VectorOperators.LE, ts).and(finite);
            DoubleVector idx = IOTA.add(i); // instrument indices as doubles: exact, and one mask for both
            v.compress(ml).intoArray(sl, cl);
            idx.compress(ml).intoArray(idxLong, cl);
            v.compress(ms).intoArray(ss, cs);
            idx.compress(ms).intoArray(idxShort, cs);
            m += finite.trueCount();
            cl += ml.trueCount();
            cs += ms.trueCount();
        }
        for (; i < n; i++) {
            double s = scores[row + i] + 0.0;
            if (!Double.isFinite(s)) {
                continue;
            }
            m++;
            if (s >= tl) {
                sl[cl] = s;
                idxLong[cl++] = i;
            }
            if (s <= ts) {
                ss[cs] = s;
                idxShort[cs++] = i;
            }
        }
        for (int j = 0; j < cl; j++) {
            bitsLong[j] = orderBits(Double.doubleToRawLongBits(sl[j]));
        }
        for (int j = 0; j < cs; j++) {
            bitsShort[j] = orderBits(Double.doubleToRawLongBits(ss[j]));
        }
        finiteCount = m;
        longCount = cl;
        shortCount = cs;
    }

    /**
     * Keys whose high bits are equal may hold scores that differ in the bits the slot replaced: each such run
     * is re-sorted exactly (descending score, then ascending instrument; insertion sort, runs are short).
     */
    private void repairLong(long[] key, int c, long mask) {
        for (int a = 0; a < c - 1; ) {
            int b = a + 1;
            while (b < c && (key[b] & ~mask) == (key[a] & ~mask)) {
                b++;
            }
            for (int x = a + 1; x < b; x++) {
                long kx = key[x];
                long bx = bitsLong[(int) (kx & mask)];
                double ix = idxLong[(int) (kx & mask)];
                int y = x - 1;
                while (y >= a) {
                    long by = bitsLong[(int) (key[y] & mask)];
                    double iy = idxLong[(int) (key[y] & mask)];
                    if (by > bx || (by == bx && iy < ix)) {
                        break;
                    }
                    key[y + 1] = key[y];
                    y--;
                }
                key[y + 1] = kx;
            }
            a = b;
        }
    }

    /** {@link #repairLong} for the short side: ascending score, then descending instrument. */
    private void repairShort(long[] key, int c, long mask) {
        for (int a = 0; a < c - 1; ) {
            int b = a + 1;
            while (b < c && (key[b] & ~mask) == (key[a] & ~mask)) {
                b++;
            }
            for (int x = a + 1; x < b; x++) {
                long kx = key[x];
                int sx = (int) (mask - (kx & mask));
                long bx = bitsShort[sx];
                double ix = idxShort[sx];
                int y = x - 1;
                while (y >= a) {
                    int sy = (int) (mask - (key[y] & mask));
                    long by = bitsShort[sy];
                    double iy = idxShort[sy];
                    if (by < bx || (by == bx && iy > ix)) {
                        break;
                    }
                    key[y + 1] = key[y];
                    y--;
                }
                key[y + 1] = kx;
            }
            a = b;
        }
    }

    /** {@link VolTargetPolicy} on the bar's picked cells (the others have weight 0, which it skips). */
    private void volTarget(double scale, double[] volatility, int row, int count, SignalFrame frame) {
        double[] weight = frame.weight();
        for (int k = 0; k < count; k++) {
            int r = row + active[k];
            double w = weight[r];
            if (w == 0) {
                continue;
            }
            double v = volatility[r];
            if (v > 0 && v < Double.POSITIVE_INFINITY) {
                weight[r] = w * scale / v;
            } else {
                frame.flat(r);
            }
        }
    }

    /**
     * {@link CapsPolicy} on the bar's picked cells, with its block totals: the picked cells of a block are
     * summed in instrument order and the block totals added in block order, as it does (the blocks and cells
     * without a position add +0.0 there, which leaves a non-negative total unchanged).
     */
    private void caps(CapsPolicy c, int row, int count, SignalFrame frame) {
        double[] w = frame.weight();
        double max = c.max();
        double longs = 0;
        double shorts = 0;
        int k = 0;
        while (k < count) {
            int block = active[k] / CapsPolicy.SUM_BLOCK;
            double bl = 0;
            double bs = 0;
            for (; k < count && active[k] / CapsPolicy.SUM_BLOCK == block; k++) {
                int r = row + active[k];
                double x = w[r];
                if (x > max) {
                    x = max;
                } else if (x < -max) {
                    x = -max;
                }
                w[r] = x;
                if (x > 0) {
                    bl += x;
                } else {
                    bs -= x;
                }
            }
            longs += bl;
            shorts += bs;
        }
        double g = longs + shorts;
        if (g > c.gross()) {
            double f = c.gross() / g;
            for (int j = 0; j < count; j++) {
                w[row + active[j]] *= f;
            }
            longs *= f;
            shorts *= f;
        }
        double nt = longs - shorts;
        if (nt > c.net()) {
            double f = (shorts + c.net()) / longs;
            for (int j = 0; j < count; j++) {
                int r = row + active[j];
                if (w[r] > 0) {
                    w[r] *= f;
                }
            }
        } else if (-nt > c.net()) {
            double f = (longs + c.net()) / shorts;
            for (int j = 0; j < count; j++) {
                int r = row + active[j];
                if (w[r] < 0) {
                    w[r] *= f;
                }
            }
        }
        for (int j = 0; j < count; j++) {
            int r = row + active[j];
            if (w[r] == 0) {
                frame.flat(r);
            }
        }
    }

    /** Bars so far whose candidates were all the bar's finite scores (the threshold let too few through). */
    long fullPasses() {
        return fullPasses;
    }

    @Override
    public String toString() {
        return spec;
    }
}
