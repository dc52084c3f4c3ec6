package io.vectrade.signal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * A per-bar chain ({@code rank | voltarget | caps}, see {@link SignalChain#perBar()}) run bar by bar with all
 * stages fused, writing the frame's sparse form ({@link SignalFrame#nonFlat}): rank writes the bar's picked
 * cells as entries in instrument order, and {@code voltarget} and {@code caps} run on those entries only
 * (vectors over the entries; volatility gathered). Nothing is cleared per bar: the dense view is made on
 * demand. The frame equals {@link SignalChain#apply}'s bit for bit (raw bits through the dense view, tested):
 * the same tie rule, the same arithmetic and the same summation order for the caps totals (a block of
 * {@value CapsPolicy#SUM_BLOCK} instruments with no position adds {@code +0.0}, which changes no total).
 *
 * <p>Rank without sorting the bar. The {@code kLong} highest (and {@code kShort} lowest) scores of a bar
 * are found among candidates: the scores at or above a threshold carried from the bar before (the score
 * {@code kLong + kLong / 4 + 16} places from the top there), selected with a vector compare and compress of
 * their instrument indices in the same pass that sums the bar's finite scores and their squares. When a side
 * gets too few, the same threshold is tried relative to this bar's mean and standard deviation (so that a
 * common shift or rescaling of all scores moves it along), then {@value #RETRY_SD} standard deviations looser,
 * then every finite score of the bar is a candidate. The candidates are an upper set of the ranking order, so
 * once there are at least {@code kLong} of them, their top {@code kLong} are the bar's: the thresholds only
 * change the time, never the frame. They are sorted by an LSD radix sort of a 16-bit bucket index monotone in
 * the score (so equal scores share a bucket), then an insertion sort on the exact score, from the first score
 * out of order on, that only moves scores sharing a bucket; both stable, so that equal scores keep the tie
 * rule (the lower instrument ranks higher).
 *
 * <p>The first pass also reads one value per cache line of the next bar's scores and of this bar's volatility,
 * so that memory fetches them while the bar is ranked. Not thread-safe (scratch and the thresholds are per object); allocation-free after the first call at
 * a given number of instruments (and on a frame whose sparse storage has room, {@link SignalFrame#reserveEntries}).
 * Needs {@code jdk.incubator.vector}.
 */
public final class BarwiseChain {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final DoubleVector IOTA = DoubleVector.zero(D).addIndex(1);
    /** How much looser (standard deviations) the threshold of a side is made when it let too few through. */
    private static final double RETRY_SD = 0.5;
    /** Bits of the bucket index the candidates are sorted by, and of each of its two radix digits. */
    private static final int RADIX_BITS = 16;
    private static final int DIGIT_BITS = RADIX_BITS / 2;

    private final RankPolicy rank;
    /** The transforms after rank, in order: {@link VolTargetPolicy} or {@link CapsPolicy}. */
    private final SignalPolicy[] transforms;
    private final String spec;
    private final boolean needsVolatility;

    private int n = -1;
    /** The most cells rank picks in a bar of {@link #n} instruments (the sparse entries a bar needs). */
    private int maxEntries;
    // candidates of the bar: instrument indices (as doubles: exact, compressed with the scores' masks), scores
    private double[] idxLong = new double[0];
    private double[] idxShort = new double[0];
    private double[] scoreLong = new double[0];
    private double[] scoreShort = new double[0];
    /** The candidates' slots in ranking order (sorted by {@link #rankOrder}). */
    private int[] order = new int[0];
    private long[] radixA = new long[0];
    private long[] radixB = new long[0];
    /** Per digit value, the counts (then the next positions) of the low and the high digit of the bucket. */
    private final int[] radixCount = new int[2 << DIGIT_BITS];
    private double[] sortedScore = new double[0];
    /** The candidates' sort keys: the score (long side) or its negation (short side). */
    private double[] sortKey = new double[0];
    /** Picked instruments of the bar (one bit each), and per picked instrument its side and strength. */
    private long[] picked = new long[0];
    private byte[] pickSide = new byte[0];
    private double[] pickStrength = new double[0];
    private double[] pickWeight = new double[0];
    /** One vector of the entries' volatility, gathered by {@link #volTarget}. */
    private final double[] volGathered = new double[D.length()];
    /** The strengths by rank of the long and short picks at a bar of {@link #strengthsFor} finite scores. */
    private double[] longStrength = new double[0];
    private double[] shortStrength = new double[0];
    private int strengthsFor = -1;
    /** Per entry of the bar, its addend to caps' long total ({@code x > 0 ? x : 0.0}) and to the short one ({@code x > 0 ? 0.0 : x}). */
    private double[] positivePart = new double[0];
    private double[] otherPart = new double[0];
    /** caps' per-block sums of the long and the short addends, one slot per block of instruments. */
    private double[] blockLong = new double[0];
    private double[] blockShort = new double[0];
    /**
     * The thresholds for the next bar, in standard deviations from a bar's mean finite score (so a level
     * shift or a change of dispersion of the whole cross-section moves them along); NaN: none yet, every
     * finite score passes.
     */
    private double offLong = Double.NaN;
    private double offShort = Double.NaN;
    /**
     * The thresholds for the next bar as absolute scores (the score at the target place of the bar before, or
     * the threshold it used when it had fewer candidates than that), which the first pass over a bar uses,
     * before the bar's mean and spread are known; NaN: none yet, every finite score passes.
     */
    private double levelLong = Double.NaN;
    private double levelShort = Double.NaN;
    /** The standard deviation of the bar's finite scores, set by {@link #collectCounting} (NaN when not usable). */
    private double spread;
    /** The number of finite scores of the bar, set by {@link #collectCounting}. */
    private int finiteCount;
    // counts from the last collect: long and short candidates
    private int longCount;
    private int shortCount;
    /** Bars whose candidates were every finite score (no usable threshold): for tests and profiles. */
    private long fullPasses;
    /**
     * The row of the next bar's scores (this bar's when it is the last of the call) and the volatility (the
     * scores when there is none) that the first pass reads ahead, one value per cache line, so that memory
     * fetches them while this bar is ranked rather than when they are needed. Changes no result.
     */
    private int aheadRow;
    private double[] aheadVolatility = new double[0];
    /** The bits of the values read ahead, kept so that the compiler keeps the reads. */
    private long touched;
    /** Bars that took the looser threshold (and maybe then all scores): for tests and profiles. */
    private long looserPasses;
    /** Bars whose absolute thresholds let too few through, so that the relative ones were tried: for tests. */
    private long relativePasses;

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
     * Applies the chain to bars {@code [fromBar, toBar)}, as {@link SignalChain#apply} does, writing those bars'
     * sparse form. Copies of one chain may write disjoint bar ranges of one frame at the same time.
     *
     * @throws IllegalArgumentException if shapes disagree or volatility is needed but null
     */
    public void apply(double[] scores, double[] volatility, int fromBar, int toBar, SignalFrame frame) {
        SignalPolicy.check(scores, volatility, needsVolatility, fromBar, toBar, frame);
        size(frame.instruments());
        frame.reserveEntries(maxEntries);
        int perBar = frame.entriesPerBar();
        int[] ins = frame.entryInstruments();
        byte[] sd = frame.entrySides();
        double[] st = frame.entryStrengths();
        double[] w = frame.entryWeights();
        for (int t = fromBar; t < toBar; t++) {
            int base = t * perBar;
            aheadRow = t + 1 < toBar ? (t + 1) * n : t * n;
            aheadVolatility = volatility != null && needsVolatility ? volatility : scores;
            int count = rankBar(scores, t * n, base, ins, sd, st, w);
            boolean flattened = false;
            for (SignalPolicy p : transforms) {
                if (p instanceof VolTargetPolicy v) {
                    flattened |= volTarget(v.scale(), volatility, t * n, base, count, ins, sd, st, w);
                } else {
                    flattened |= caps((CapsPolicy) p, base, count, ins, sd, st, w);
                }
            }
            if (flattened) {
                count = dropFlat(base, count, ins, sd, st, w);
            }
            frame.sparseWritten(t, count);
        }
    }

    private void size(int instruments) {
        if (instruments == n) {
            return;
        }
        n = instruments;
        int cap = n + D.length();
        idxLong = new double[cap];
        idxShort = new double[cap];
        scoreLong = new double[cap];
        scoreShort = new double[cap];
        order = new int[cap];
        radixA = new long[cap];
        radixB = new long[cap];
        sortedScore = new double[cap];
        sortKey = new double[cap];
        picked = new long[(n + 63) / 64];
        pickSide = new byte[n];
        pickStrength = new double[n];
        pickWeight = new double[n];
        longStrength = new double[n];
        shortStrength = new double[n];
        strengthsFor = -1;
        positivePart = new double[cap];
        otherPart = new double[cap];
        blockLong = new double[(n + CapsPolicy.SUM_BLOCK - 1) / CapsPolicy.SUM_BLOCK];
        blockShort = new double[blockLong.length];
        offLong = Double.NaN;
        offShort = Double.NaN;
        levelLong = Double.NaN;
        levelShort = Double.NaN;
        int most = 0;
        for (int m = 1; m <= n; m++) {
            int wantLong = rank.wantLong(m);
            int wantShort = rank.wantShort(m);
            int kShort = Math.min(wantShort, wantLong + wantShort > m ? m / 2 : wantShort);
            int kLong = Math.min(wantLong, m - kShort);
            most = Math.max(most, Math.max(0, kLong) + Math.max(0, kShort));
        }
        maxEntries = Math.min(n, most);
    }

    /**
     * Ranks one bar: writes its picked cells as entries {@code [base, base + count)} in instrument order, and
     * returns count.
     */
    private int rankBar(double[] scores, int row, int base, int[] ins, byte[] sd, double[] st, double[] w) {
        // one pass: the bar's moments, and its candidates by the thresholds the bar before left (absolute values)
        double firstLong = Double.isNaN(levelLong) ? Double.NEGATIVE_INFINITY : levelLong;
        double firstShort = Double.isNaN(levelShort) ? Double.POSITIVE_INFINITY : levelShort;
        double mean = collectCounting(scores, row, firstLong, firstShort);
        int m = finiteCount;
        if (m == 0) {
            return 0;
        }
        double sd0 = spread;
        double tauLong = firstLong;
        double tauShort = firstShort;
        int wantLong = rank.wantLong(m);
        int wantShort = rank.wantShort(m);
        int kShort = Math.min(wantShort, wantLong + wantShort > m ? m / 2 : wantShort);
        int kLong = Math.min(wantLong, m - kShort);
        int cl = longCount;
        int cs = shortCount;
        if (Double.isNaN(offLong) && Double.isNaN(offShort)) {
            fullPasses++;
        } else if ((kLong > 0 && cl < kLong) || (kShort > 0 && cs < kShort)) {
            // the absolute thresholds let too few through (the scores moved or were rescaled): the thresholds
            // relative to this bar's mean and spread; a NaN one (no usable spread) lets nothing through, and the
            // fallbacks below take over
            relativePasses++;
            tauLong = Double.isNaN(offLong) ? Double.NEGATIVE_INFINITY : mean + offLong * sd0;
            tauShort = Double.isNaN(offShort) ? Double.POSITIVE_INFINITY : mean + offShort * sd0;
            collect(scores, row, kLong > 0 ? tauLong : Double.NaN, kShort > 0 ? tauShort : Double.NaN);
            cl = longCount;
            cs = shortCount;
        }
        if (cl < kLong || cs < kShort) {
            // then a threshold RETRY_SD standard deviations looser on the side that got too few (still an upper
            // set of the order, so exact); if that still gives too few, every finite score on that side
            double looserLong = cl < kLong ? mean + (offLong - RETRY_SD) * sd0 : tauLong;
            double looserShort = cs < kShort ? mean + (offShort + RETRY_SD) * sd0 : tauShort;
            collect(scores, row, kLong > 0 ? looserLong : Double.NaN, kShort > 0 ? looserShort : Double.NaN);
            tauLong = looserLong;
            tauShort = looserShort;
            looserPasses++;
            if (longCount < kLong || shortCount < kShort) {
                fullPasses++; // the side that got too few takes every finite score, the other keeps its threshold
                tauLong = longCount < kLong ? Double.NEGATIVE_INFINITY : tauLong;
                tauShort = shortCount < kShort ? Double.POSITIVE_INFINITY : tauShort;
                collect(scores, row, kLong <= 0 ? Double.NaN : tauLong, kShort <= 0 ? Double.NaN : tauShort);
            }
            cl = longCount;
            cs = shortCount;
        }
        Arrays.fill(picked, 0L);
        if (m != strengthsFor) {
            strengths(m, kLong, kShort);
        }
        double[] strengthLong = longStrength;
        double[] strengthShort = shortStrength;
        double wLong = kLong > 0 ? 1.0 / kLong : 0;
        double wShort = kShort > 0 ? -1.0 / kShort : 0;
        if (kLong > 0) {
            int[] o = rankOrder(scores, row, idxLong, scoreLong, cl, true);
            for (int k = 0; k < kLong; k++) {
                int i = (int) idxLong[o[k]];
                pickSide[i] = SignalFrame.LONG;
                pickStrength[i] = strengthLong[k];
                pickWeight[i] = wLong;
                picked[i >>> 6] |= 1L << i;
            }
            int target = kLong + kLong / 4 + 16;
            if (cl > target) {
                levelLong = scoreLong[o[target]];
                offLong = (levelLong - mean) / sd0;
            } else { // the threshold used gave between kLong and target candidates: keep it
                levelLong = tauLong;
            }
        }
        if (kShort > 0) {
            int[] o = rankOrder(scores, row, idxShort, scoreShort, cs, false);
            for (int k = 0; k < kShort; k++) {
                int i = (int) idxShort[o[k]];
                pickSide[i] = SignalFrame.SHORT;
                pickStrength[i] = strengthShort[k];
                pickWeight[i] = wShort;
                picked[i >>> 6] |= 1L << i;
            }
            int target = kShort + kShort / 4 + 16;
            if (cs > target) {
                levelShort = scoreShort[o[target]];
                offShort = (levelShort - mean) / sd0;
            } else {
                levelShort = tauShort;
            }
        }
        int e = base;
        for (int word = 0; word < picked.length; word++) {
            long bits = picked[word];
            while (bits != 0) {
                int i = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                ins[e] = i;
                sd[e] = pickSide[i];
                st[e] = pickStrength[i];
                w[e] = pickWeight[i];
                e++;
            }
        }
        return e - base;
    }

    /**
     * The strengths of the long picks by rank ({@code (m - 1 - k) / (m - 1)}) and of the short picks
     * ({@code 1 - k / (m - 1)}), 1 when {@code m} is 1, into {@link #longStrength} and {@link #shortStrength}:
     * the same expressions as {@link RankPolicy}, computed once per count of finite scores (which most bars
     * share) rather than a division per pick.
     */
    private void strengths(int m, int kLong, int kShort) {
        double denom = m > 1 ? m - 1 : 1;
        for (int k = 0; k < kLong; k++) {
            longStrength[k] = m > 1 ? (m - 1 - k) / denom : 1;
        }
        for (int k = 0; k < kShort; k++) {
            shortStrength[k] = m > 1 ? 1 - k / denom : 1;
        }
        strengthsFor = m;
    }

    /**
     * The candidates' slots {@code [0, c)} in ranking order, into {@link #order}; their scores (as collect
     * compared them, {@code + 0.0}, so -0.0 is +0.0) into {@code score}, gathered from the bar by their
     * instrument indices {@code idx}. For the long side descending score, equal scores in ascending slot
     * (instrument) order; for the short side ascending score, equal scores in descending slot order. One code
     * for both: the short side sorts the negated scores descending (negation reverses {@code <} and keeps
     * {@code ==}) with its slots taken in reverse.
     *
     * <p>A {@value #RADIX_BITS}-bit bucket index monotone in the key (linear between the candidates' own
     * lowest and highest key; equal keys share a bucket) sorted by an LSD radix sort in two passes of
     * {@value #DIGIT_BITS} bits (stable, no branch on the data), then an insertion sort on the exact key that
     * only moves a key within its bucket (equal keys never move: the tie order stays). With 2^16 buckets for
     * about 150 candidates, a bucket rarely holds two, so the insertion sort runs only from the first key
     * above the one before it (the keys before are in order already). Allocation-free.
     */
    private int[] rankOrder(double[] scores, int row, double[] idx, double[] score, int c, boolean descending) {
        double[] key = sortKey;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            double v = scores[row + (int) idx[j]] + 0.0;
            score[j] = v;
            double k = descending ? v : -v;
            key[j] = k;
            // branches, not Math.min/max (whose NaN and -0.0 handling is a chain of several instructions
            // carried from one candidate to the next); the bounds rarely change after the first few
            if (k < lo) {
                lo = k;
            }
            if (k > hi) {
                hi = k;
            }
        }
        int top = (1 << RADIX_BITS) - 1;
        int mask = (1 << DIGIT_BITS) - 1;
        // any positive scale keeps the index monotone; an infinite one (range 0 or tiny) puts all in the last
        // bucket or the first, a NaN product (0 * inf) in the first: still monotone
        double scale = top / (hi - lo);
        long[] a = radixA;
        long[] b = radixB;
        int[] count = radixCount;
        Arrays.fill(count, 0);
        // the long side takes slots in ascending order, the short side in descending: the sort is stable
        int first = descending ? 0 : c - 1;
        int step = descending ? 1 : -1;
        for (int q = 0, j = first; q < c; q++, j += step) {
            int bucket = Math.min(top, (int) ((hi - key[j]) * scale));
            a[q] = (long) bucket << 32 | j;
            count[bucket & mask]++;
            count[(1 << DIGIT_BITS) + (bucket >>> DIGIT_BITS)]++;
        }
        // exclusive prefix sums of both digits' counts, the running totals in registers
        int sumLow = 0;
        int sumHigh = 0;
        for (int d = 0, h = 1 << DIGIT_BITS; d < 1 << DIGIT_BITS; d++, h++) {
            int xl = count[d];
            int xh = count[h];
            count[d] = sumLow;
            count[h] = sumHigh;
            sumLow += xl;
            sumHigh += xh;
        }
        for (int q = 0; q < c; q++) {
            long x = a[q];
            b[count[(int) (x >>> 32) & mask]++] = x;
        }
        // the last pass writes the slots and their keys in bucket order
        int[] o = order;
        double[] sv = sortedScore;
        for (int q = 0; q < c; q++) {
            long x = b[q];
            int at = count[(1 << DIGIT_BITS) + ((int) (x >>> 32) >>> DIGIT_BITS)]++;
            int jx = (int) x;
            o[at] = jx;
            sv[at] = key[jx];
        }
        // keys sharing a bucket may be out of order (rarely: a bucket seldom holds two keys, and mostly near the
        // threshold, which is the end of the order): a scan finds the first key above the one before, and an
        // insertion sort on the exact key (stable) runs from there on only
        int from = 1;
        while (from < c && sv[from] <= sv[from - 1]) {
            from++;
        }
        for (int x = from; x < c; x++) {
            int jx = o[x];
            double v = sv[x];
            int y = x - 1;
            while (y >= 0 && sv[y] < v) {
                o[y + 1] = o[y];
                sv[y + 1] = sv[y];
                y--;
            }
            o[y + 1] = jx;
            sv[y + 1] = v;
        }
        return o;
    }

    /**
     * One pass over the bar: the mean of its finite scores (0 when there is none), their count into
     * {@link #finiteCount} and their standard deviation into {@link #spread} (NaN when it is 0 or not finite),
     * which only place the thresholds; and the candidates as {@link #collect} finds them. Also reads one value
     * per cache line of the next bar's scores and of this bar's volatility (see {@link #aheadRow}).
     */
    private double collectCounting(double[] scores, int row, double tl, double ts) {
        int lanes = D.length();
        DoubleVector sum = DoubleVector.zero(D);
        DoubleVector squares = DoubleVector.zero(D);
        int count = 0;
        int cl = 0;
        int cs = 0;
        double[] il = idxLong;
        double[] is = idxShort;
        int next = aheadRow;
        double[] vol = aheadVolatility;
        long acc = 0;
        int i = 0;
        for (int full = n - lanes; i <= full; i += lanes) {
            DoubleVector v = DoubleVector.fromArray(D, scores, row + i);
            VectorMask<Double> finite = v.test(VectorOperators.IS_FINITE);
            DoubleVector x = DoubleVector.zero(D).blend(v, finite);
            sum = sum.add(x);
            squares = x.fma(x, squares);
            count += finite.trueCount();
            VectorMask<Double> ml = v.compare(VectorOperators.GE, tl).and(finite);
            VectorMask<Double> ms = v.compare(VectorOperators.LE, ts).and(finite);
            DoubleVector idx = IOTA.add(i); // instrument indices as doubles: exact, and one mask for both
            idx.compress(ml).intoArray(il, cl);
            idx.compress(ms).intoArray(is, cs);
            cl += ml.trueCount();
            cs += ms.trueCount();
            // read ahead (see aheadRow): one value of each cache line of the next bar's scores and of this bar's
            // volatility, so that memory fetches them while this bar is ranked
            acc ^= Double.doubleToRawLongBits(scores[next + i]) ^ Double.doubleToRawLongBits(vol[row + i]);
        }
        touched ^= acc;
        double total = sum.reduceLanes(VectorOperators.ADD);
        double total2 = squares.reduceLanes(VectorOperators.ADD);
        for (int j = i; j < n; j++) {
            double v = scores[row + j];
            if (Double.isFinite(v)) {
                total += v;
                total2 += v * v;
                count++;
            }
        }
        collectTail(scores, row, i, tl, ts, cl, cs);
        finiteCount = count;
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
     * One pass over the bar: compresses the instrument indices of the long candidates (finite scores
     * {@code >= tl}) and of the short candidates ({@code <= ts}), in instrument order, into {@link #idxLong}
     * and {@link #idxShort}; their counts into {@link #longCount} and {@link #shortCount}. A NaN level selects
     * none on that side.
     */
    private void collect(double[] scores, int row, double tl, double ts) {
        int lanes = D.length();
        int cl = 0;
        int cs = 0;
        double[] il = idxLong;
        double[] is = idxShort;
        int i = 0;
        for (int full = n - lanes; i <= full; i += lanes) {
            DoubleVector v = DoubleVector.fromArray(D, scores, row + i);
            VectorMask<Double> finite = v.test(VectorOperators.IS_FINITE);
            VectorMask<Double> ml = v.compare(VectorOperators.GE, tl).and(finite);
            VectorMask<Double> ms = v.compare(VectorOperators.LE, ts).and(finite);
            DoubleVector idx = IOTA.add(i); // instrument indices as doubles: exact, and one mask for both
            idx.compress(ml).intoArray(il, cl);
            idx.compress(ms).intoArray(is, cs);
            cl += ml.trueCount();
            cs += ms.trueCount();
        }
        collectTail(scores, row, i, tl, ts, cl, cs);
    }

    /**
     * The scalar tail of {@link #collect} and {@link #collectCounting}: the candidates among instruments
     * {@code [i, n)} appended after the {@code cl} long and {@code cs} short ones the vectors found; the counts
     * into {@link #longCount} and {@link #shortCount}.
     */
    private void collectTail(double[] scores, int row, int i, double tl, double ts, int cl, int cs) {
        double[] il = idxLong;
        double[] is = idxShort;
        for (; i < n; i++) {
            double s = scores[row + i];
            if (!Double.isFinite(s)) {
                continue;
            }
            if (s >= tl) {
                il[cl++] = i;
            }
            if (s <= ts) {
                is[cs++] = i;
            }
        }
        longCount = cl;
        shortCount = cs;
    }

    /**
     * {@link VolTargetPolicy} on the bar's entries (an entry with weight 0 is skipped, as there): vectors over
     * the entries, the volatility gathered. Returns whether it set an entry flat.
     */
    private boolean volTarget(double scale, double[] volatility, int row, int base, int count, int[] ins,
                              byte[] sd, double[] st, double[] w) {
        int lanes = D.length();
        double[] gathered = volGathered;
        boolean flattened = false;
        int k = 0;
        for (int full = count - lanes; k <= full; k += lanes) {
            int e = base + k;
            DoubleVector x = DoubleVector.fromArray(D, w, e);
            // the entries' volatility gathered by scalar loads, not DoubleVector.fromArray(.., int[] indexMap, ..):
            // the JDK's index-map gather asks IntVector.species(shape), which is not force-inlined; where C2 did not
            // inline it (a large caller) the gather fell back to Java and allocated 80 B a vector (2,000 B a tick of
            // 1,024 instruments in LiveEngineAllocationTest, in 1 JVM of 3 after the suite's other tests)
            for (int j = 0; j < lanes; j++) {
                gathered[j] = volatility[row + ins[e + j]];
            }
            DoubleVector v = DoubleVector.fromArray(D, gathered, 0);
            VectorMask<Double> live = x.compare(VectorOperators.NE, 0.0);
            VectorMask<Double> ok = v.compare(VectorOperators.GT, 0.0).and(v.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
            VectorMask<Double> scaled = live.and(ok);
            VectorMask<Double> bad = live.andNot(ok);
            x.blend(x.mul(scale).div(v), scaled).blend(0.0, bad).intoArray(w, e);
            if (bad.anyTrue()) {
                flattened = true;
                for (int j = 0; j < lanes; j++) {
                    if (bad.laneIsSet(j)) {
                        sd[e + j] = SignalFrame.FLAT;
                        st[e + j] = 0;
                    }
                }
            }
        }
        for (; k < count; k++) {
            int e = base + k;
            double x = w[e];
            if (x == 0) {
                continue;
            }
            double v = volatility[row + ins[e]];
            if (v > 0 && v < Double.POSITIVE_INFINITY) {
                w[e] = x * scale / v;
            } else {
                flattened = true;
                sd[e] = SignalFrame.FLAT;
                st[e] = 0;
                w[e] = 0;
            }
        }
        return flattened;
    }

    /**
     * {@link CapsPolicy} on the bar's entries, with its block totals: the entries of a block are summed in
     * instrument order and the block totals added in block order, as it does (the blocks and cells without a
     * position add +0.0 there, which leaves a non-negative total unchanged; so does adding {@code +0.0} for an
     * entry of the other side, which makes the sums free of branches). Clipping and scaling are vector
     * operations over the entries. Returns whether it set an entry flat.
     */
    private boolean caps(CapsPolicy c, int base, int count, int[] ins, byte[] sd, double[] st, double[] w) {
        double max = c.max();
        int lanes = D.length();
        int end = base + count;
        double[] pos = positivePart;
        double[] neg = otherPart;
        int e = base;
        for (int full = end - lanes; e <= full; e += lanes) {
            // the reference's compares: NaN and the sign of zero kept
            DoubleVector x = DoubleVector.fromArray(D, w, e);
            x = x.blend(max, x.compare(VectorOperators.GT, max)).blend(-max, x.compare(VectorOperators.LT, -max));
            x.intoArray(w, e);
            // each entry's addend to the long and to the short total, split by a vector compare rather than a
            // branch per entry in the sums below (the sides alternate at random in instrument order)
            VectorMask<Double> isLong = x.compare(VectorOperators.GT, 0.0);
            DoubleVector.zero(D).blend(x, isLong).intoArray(pos, e - base);
            x.blend(0.0, isLong).intoArray(neg, e - base);
        }
        for (; e < end; e++) {
            double x = w[e];
            x = x > max ? max : x < -max ? -max : x;
            w[e] = x;
            pos[e - base] = x > 0 ? x : 0.0;
            neg[e - base] = x > 0 ? 0.0 : x;
        }
        // the sums of each block of instruments, entry by entry in instrument order, into a slot per block (no
        // branch at a block's end: a block's chain of adds is independent of the next), then the block totals
        // in block order, as the reference adds them
        double[] bl = blockLong;
        double[] bs = blockShort;
        int blocks = bl.length;
        Arrays.fill(bl, 0.0);
        Arrays.fill(bs, 0.0);
        for (int k = 0; k < count; k++) {
            int b = ins[base + k] / CapsPolicy.SUM_BLOCK;
            bl[b] += pos[k];
            bs[b] -= neg[k];
        }
        double longs = 0;
        double shorts = 0;
        for (int b = 0; b < blocks; b++) {
            longs += bl[b];
            shorts += bs[b];
        }
        double g = longs + shorts;
        if (g > c.gross()) {
            double f = c.gross() / g;
            scale(w, base, end, f, 0);
            longs *= f;
            shorts *= f;
        }
        double nt = longs - shorts;
        if (nt > c.net()) {
            scale(w, base, end, (shorts + c.net()) / longs, 1);
        } else if (-nt > c.net()) {
            scale(w, base, end, (longs + c.net()) / shorts, -1);
        }
        // entries whose weight is now zero (either sign) go flat: a vector compare finds them, as they are rare
        boolean flattened = false;
        e = base;
        for (int full = end - lanes; e <= full; e += lanes) {
            if (DoubleVector.fromArray(D, w, e).compare(VectorOperators.EQ, 0.0).anyTrue()) {
                flattened |= flattenZeros(e, e + lanes, sd, st, w);
            }
        }
        return flattenZeros(e, end, sd, st, w) | flattened;
    }

    /** Sets the entries of {@code [from, to)} whose weight is 0 (either sign) flat; returns whether there was one. */
    private static boolean flattenZeros(int from, int to, byte[] sd, double[] st, double[] w) {
        boolean flattened = false;
        for (int e = from; e < to; e++) {
            if (w[e] == 0) {
                flattened = true;
                sd[e] = SignalFrame.FLAT;
                st[e] = 0;
                w[e] = 0;
            }
        }
        return flattened;
    }

    /** Multiplies the weights {@code [from, to)} by {@code f}: all ({@code sign} 0), or only those > 0 (1) or < 0 (-1). */
    private static void scale(double[] w, int from, int to, double f, int sign) {
        int lanes = D.length();
        int e = from;
        for (int full = to - lanes; e <= full; e += lanes) {
            DoubleVector x = DoubleVector.fromArray(D, w, e);
            if (sign == 0) {
                x.mul(f).intoArray(w, e);
            } else {
                VectorMask<Double> side = x.compare(sign > 0 ? VectorOperators.GT : VectorOperators.LT, 0.0);
                x.blend(x.mul(f), side).intoArray(w, e);
            }
        }
        for (; e < to; e++) {
            double x = w[e];
            if (sign == 0 || (sign > 0 ? x > 0 : x < 0)) {
                w[e] = x * f;
            }
        }
    }

    /** Removes the flat entries of {@code [base, base + count)}, keeping the order; returns the new count. */
    private static int dropFlat(int base, int count, int[] ins, byte[] sd, double[] st, double[] w) {
        int out = base;
        for (int e = base, end = base + count; e < end; e++) {
            if (sd[e] != SignalFrame.FLAT) {
                ins[out] = ins[e];
                sd[out] = sd[e];
                st[out] = st[e];
                w[out] = w[e];
                out++;
            }
        }
        return out - base;
    }

    /** Bars so far whose candidates were all the bar's finite scores (the threshold let too few through). */
    long fullPasses() {
        return fullPasses;
    }

    /** Bars so far whose absolute thresholds let too few through (then the relative ones were tried). */
    long relativePasses() {
        return relativePasses;
    }

    /** Bars so far that tried a looser threshold on a side that got too few candidates. */
    long looserPasses() {
        return looserPasses;
    }

    @Override
    public String toString() {
        return spec;
    }
}
