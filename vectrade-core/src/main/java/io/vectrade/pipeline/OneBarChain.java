package io.vectrade.pipeline;

import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.signal.SignalStage;

import java.util.Arrays;
import java.util.List;

/**
 * A per-bar policy chain ({@code rank}, then any {@code voltarget} and {@code caps} stages: a
 * {@link SignalChain#perBar()} chain) for the one bar of a live tick, in time that does not grow with
 * the ranking's churn: the frame equals {@link SignalChain#apply}'s for that bar, raw bits of side,
 * strength and weight (tested against it on seeded ticks with NaN, infinite scores, ties and
 * {@code ±0.0}).
 *
 * <p><b>Rank, carried from the previous tick.</b> A bar's {@code kLong} highest and {@code kShort}
 * lowest finite scores are found among candidates, collected in the one pass over the bar that also
 * counts its finite scores: the scores at or above (at or below) a threshold carried from the
 * previous tick, the score that stood {@code k + k/2 + 32} places from that side's end there.
 * Candidates form an upper (lower) set of the ranking order, so when
 * there are at least {@code k} of them their top {@code k} are the bar's. They are sorted as 64-bit
 * keys: a score's order-preserving bits with its candidate slot (candidates are collected in
 * instrument order) in the low bits, which encodes the tie rule (equal scores: the lower instrument
 * ranks higher); runs of keys whose scores differ only in those low bits are re-sorted exactly
 * afterwards (a radix sort on the bytes below the keys' common prefix, then an insertion sort).
 * When a side gets fewer than {@code k} candidates (the first tick, a jump of the cross-section),
 * its threshold is found again by selecting the {@code k + k/2 + 32}-th score (expected O(B)). So
 * the carried threshold changes the time only, never the frame. (Re-sorting the previous tick's
 * order instead does not pay: with the default model, 1,024 instruments, the top 140 of one tick
 * are about 1,970 inversions away from the previous tick's order, with 38 new names.)
 *
 * <p><b>Transforms on the picked cells only.</b> {@code voltarget} and {@code caps} run over the
 * {@code kLong + kShort} picked cells in instrument order: a flat cell has weight {@code +0.0},
 * which no transform changes, and which adds nothing to a caps total, whose blocks of 32 instruments
 * are summed as {@code CapsPolicy} sums them.
 *
 * <p>Scalar Java, the same on every backend. Not thread-safe; all scratch is allocated at
 * construction, {@link #apply} allocates nothing.
 */
final class OneBarChain {
    /** Instruments per partial sum of a caps total: {@code CapsPolicy.SUM_BLOCK}. */
    static final int CAPS_BLOCK = 32;
    private static final int INSERTION_SORT_MAX = 24;
    /** Digits of the radix sort: 8 bits. */
    private static final int RADIX = 256;
    /** Radix passes: the 24 bits below the keys' common prefix. */
    private static final int RADIX_PASSES = 3;

    private final int n;
    private final int top;
    private final int bottom;
    private final double quantile;
    /** The transforms after rank, in order: {@link SignalStage.VolTarget} or {@link SignalStage.Caps}. */
    private final SignalStage[] transforms;
    private final boolean needsVolatility;

    private final long[] keyLong;
    private final long[] keyShort;
    private final double[] scoreLong;
    private final double[] scoreShort;
    private final int[] idxLong;
    private final int[] idxShort;
    private final double[] selectScratch;
    private final long[] radixScratch;
    private final int[] digitCounts = new int[RADIX];
    private final long[] pickedBits;
    private final int[] picked;
    private int pickedCount;
    /**
     * Thresholds for the next tick: the score {@code k + k/2 + 32} places from that side's end in this
     * tick; NaN: none (nothing passes, the side selects its threshold).
     */
    private double tauLongNext = Double.NaN;
    private double tauShortNext = Double.NaN;
    private int finiteCount;
    private int longCount;
    private int shortCount;
    /** Sides that took the select fallback since construction (for tests and profiles). */
    private long fallbacks;

    private OneBarChain(int instruments, SignalStage.Rank rank, SignalStage[] transforms, boolean needsVolatility) {
        this.n = instruments;
        this.top = rank.top();
        this.bottom = rank.bottom();
        this.quantile = rank.quantile();
        this.transforms = transforms;
        this.needsVolatility = needsVolatility;
        this.keyLong = new long[instruments];
        this.keyShort = new long[instruments];
        this.radixScratch = new long[instruments];
        this.scoreLong = new double[instruments + 1];
        this.scoreShort = new double[instruments + 1];
        this.idxLong = new int[instruments + 1];
        this.idxShort = new int[instruments + 1];
        this.selectScratch = new double[instruments];
        this.pickedBits = new long[(instruments + 63) >>> 6];
        this.picked = new int[instruments];
    }

    /**
     * The one-bar form of {@code chain} for {@code instruments} instruments, or null when the chain
     * is not a per-bar chain starting with rank (a threshold chain carries state from bar to bar).
     */
    static OneBarChain of(SignalChain chain, int instruments) {
        if (!chain.perBar()) {
            return null;
        }
        List<SignalStage> stages = chain.stages();
        if (!(stages.get(0) instanceof SignalStage.Rank rank)) {
            return null;
        }
        SignalStage[] transforms = stages.subList(1, stages.size()).toArray(SignalStage[]::new);
        for (SignalStage s : transforms) {
            if (!(s instanceof SignalStage.VolTarget) && !(s instanceof SignalStage.Caps)) {
                return null;
            }
        }
        return new OneBarChain(instruments, rank, transforms, chain.needsVolatility());
    }

    /**
     * Writes the signals of one bar: {@code scores[0, B)} (NaN or infinite: no score) and, when a
     * stage needs it, {@code volatility[0, B)}, into bar 0 of {@code frame} (1 × B).
     *
     * @throws IllegalArgumentException if the shapes disagree or volatility is needed but null
     */
    void apply(double[] scores, double[] volatility, SignalFrame frame) {
        if (frame.bars() != 1 || frame.instruments() != n || scores.length != n
                || (needsVolatility && (volatility == null || volatility.length != n))) {
            throw new IllegalArgumentException("one bar of " + n + " instruments expected, frame=" + frame.bars() + "x"
                    + frame.instruments() + " scores=" + scores.length
                    + " volatility=" + (volatility == null ? "null" : String.valueOf(volatility.length)));
        }
        byte[] side = frame.side();
        double[] strength = frame.strength();
        double[] weight = frame.weight();
        Arrays.fill(side, SignalFrame.FLAT);
        Arrays.fill(strength, 0.0);
        Arrays.fill(weight, 0.0);
        rank(scores, side, strength, weight);
        for (SignalStage t : transforms) {
            if (t instanceof SignalStage.VolTarget v) {
                volTarget(v.scale(), volatility, side, strength, weight);
            } else {
                caps((SignalStage.Caps) t, side, strength, weight);
            }
        }
    }

    /** Forgets the carried thresholds (the frame does not depend on them). */
    void reset() {
        tauLongNext = Double.NaN;
        tauShortNext = Double.NaN;
    }

    /** Sides that had to select their threshold again since construction. */
    long fallbacks() {
        return fallbacks;
    }

    private int wantLong(int m) {
        return Double.isNaN(quantile) ? top : (int) Math.floor(quantile * m);
    }

    private int wantShort(int m) {
        return Double.isNaN(quantile) ? bottom : wantLong(m);
    }

    private void rank(double[] scores, byte[] side, double[] strength, double[] weight) {
        // one pass: the finite count and the candidates at the thresholds the previous tick placed
        collect(scores, tauLongNext, tauShortNext);
        int m = finiteCount;
        pickedCount = 0;
        if (m == 0) {
            return;
        }
        int wantLong = wantLong(m);
        int wantShort = wantShort(m);
        int kShort = Math.min(wantShort, wantLong + wantShort > m ? m / 2 : wantShort);
        int kLong = Math.min(wantLong, m - kShort);
        double tauLong = tauLongNext;
        double tauShort = tauShortNext;
        int targetLong = Math.min(m, kLong + kLong / 2 + 32);
        int targetShort = Math.min(m, kShort + kShort / 2 + 32);
        if (kLong > 0 && longCount < kLong || kShort > 0 && shortCount < kShort) {
            // too few candidates (the first tick, a jump of the cross-section): select the threshold
            if (kLong > 0 && longCount < kLong) {
                tauLong = kthLargest(scores, m, targetLong);
                fallbacks++;
            }
            if (kShort > 0 && shortCount < kShort) {
                tauShort = kthSmallest(scores, m, targetShort);
                fallbacks++;
            }
            collect(scores, tauLong, tauShort);
        }
        Arrays.fill(pickedBits, 0L);
        double denom = m > 1 ? m - 1 : 1;
        if (kLong > 0) {
            int c = longCount;
            long mask = slotMask(c);
            long[] key = keyLong;
            for (int j = 0; j < c; j++) {
                double sj = scores[idxLong[j]] + 0.0; // -0.0 ranks as +0.0
                scoreLong[j] = sj;
                key[j] = (~orderBits(sj) & ~mask) | j; // descending score, then ascending instrument
            }
            sortKeys(key, c);
            repair(key, c, mask, scoreLong, true);
            double w = 1.0 / kLong;
            for (int k = 0; k < kLong; k++) {
                int i = idxLong[(int) (key[k] & mask)];
                side[i] = SignalFrame.LONG;
                weight[i] = w;
                strength[i] = m > 1 ? (m - 1 - k) / denom : 1;
                pickedBits[i >>> 6] |= 1L << i;
            }
            // the next tick's threshold: where the (target + 1)-th best stands now, or the last candidate
            tauLongNext = scoreLong[(int) (key[Math.min(targetLong, c - 1)] & mask)];
        }
        if (kShort > 0) {
            int c = shortCount;
            long mask = slotMask(c);
            long[] key = keyShort;
            for (int j = 0; j < c; j++) {
                double sj = scores[idxShort[j]] + 0.0;
                scoreShort[j] = sj;
                // ascending score, then descending instrument; stored last slot first, so that tied keys
                // reach the sort already in order
                key[c - 1 - j] = (orderBits(sj) & ~mask) | (mask - j);
            }
            sortKeys(key, c);
            repair(key, c, mask, scoreShort, false);
            double w = -1.0 / kShort;
            for (int k = 0; k < kShort; k++) {
                int i = idxShort[(int) (mask - (key[k] & mask))];
                side[i] = SignalFrame.SHORT;
                weight[i] = w;
                strength[i] = m > 1 ? 1 - k / denom : 1;
                pickedBits[i >>> 6] |= 1L << i;
            }
            tauShortNext = scoreShort[(int) (mask - (key[Math.min(targetShort, c - 1)] & mask))];
        }
        int count = 0;
        for (int word = 0; word < pickedBits.length; word++) {
            long bits = pickedBits[word];
            while (bits != 0) {
                picked[count++] = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        pickedCount = count;
    }

    /**
     * One pass: counts the finite scores and collects the long candidates ({@code >= tl}) and short
     * candidates ({@code <= ts}) with their instruments, in instrument order ({@code -0.0} as
     * {@code +0.0}, as the ranking compares them).
     */
    private void collect(double[] scores, double tl, double ts) {
        int m = 0;
        int cl = 0;
        int cs = 0;
        int[] il = idxLong;
        int[] is = idxShort;
        for (int i = 0; i < n; i++) {
            double s = scores[i];
            boolean finite = s - s == 0;
            // written always, kept by advancing the count: no branch on whether a score is a candidate
            il[cl] = i;
            cl += finite & s >= tl ? 1 : 0;
            is[cs] = i;
            cs += finite & s <= ts ? 1 : 0;
            m += finite ? 1 : 0;
        }
        finiteCount = m;
        longCount = cl;
        shortCount = cs;
    }

    /** The {@code k}-th largest finite score ({@code 1 <= k <= m}, m the finite count). Expected O(B). */
    private double kthLargest(double[] scores, int m, int k) {
        return select(scores, m, m - k);
    }

    /** The {@code k}-th smallest finite score. */
    private double kthSmallest(double[] scores, int m, int k) {
        return select(scores, m, k - 1);
    }

    /** The finite score of ascending position {@code p} (numeric order, {@code -0.0 == 0.0}). */
    private double select(double[] scores, int m, int p) {
        double[] a = selectScratch;
        int c = 0;
        for (int i = 0; i < n; i++) {
            double s = scores[i] + 0.0;
            if (s - s == 0) {
                a[c++] = s;
            }
        }
        int lo = 0;
        int hi = m - 1;
        int rounds = 0;
        while (hi > lo) {
            if (++rounds > 64) {
                heapSort(a, lo, hi + 1); // pivots that keep missing: O(m log m) from here
                return a[p];
            }
            int mid = (lo + hi) >>> 1;
            double x = a[lo];
            double y = a[mid];
            double z = a[hi];
            double pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (p <= j) {
                hi = j;
            } else if (p >= i) {
                lo = i;
            } else {
                return a[p];
            }
        }
        return a[p];
    }

    /** Sorts {@code a[lo, hi)} ascending in place (no allocation, unlike the JDK's sort on partly sorted input). */
    private static void heapSort(double[] a, int lo, int hi) {
        int len = hi - lo;
        for (int k = len / 2 - 1; k >= 0; k--) {
            siftDown(a, lo, k, len);
        }
        for (int end = len - 1; end > 0; end--) {
            double t = a[lo];
            a[lo] = a[lo + end];
            a[lo + end] = t;
            siftDown(a, lo, 0, end);
        }
    }

    private static void siftDown(double[] a, int lo, int k, int len) {
        double v = a[lo + k];
        while (2 * k + 1 < len) {
            int c = 2 * k + 1;
            if (c + 1 < len && a[lo + c + 1] > a[lo + c]) {
                c++;
            }
            if (!(a[lo + c] > v)) {
                break;
            }
            a[lo + k] = a[lo + c];
            k = c;
        }
        a[lo + k] = v;
    }

    /** Order-preserving (signed) bits of a finite score whose {@code -0.0} was made {@code +0.0}. */
    private static long orderBits(double s) {
        long bits = Double.doubleToRawLongBits(s);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** The low-bit mask that holds a slot of {@code c} candidates (at least one bit). */
    private static long slotMask(int c) {
        int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, c - 1)));
        return (1L << bits) - 1;
    }

    /**
     * Re-sorts exactly the runs of sorted keys whose high bits are equal (scores that differ only in
     * the bits the slot replaced, or are equal): by score (descending for the long side, ascending for
     * the short side), then by the tie rule, which the slot order already gives.
     */
    private static void repair(long[] key, int c, long mask, double[] score, boolean descending) {
        int start = 0;
        while (start < c) {
            long high = key[start] & ~mask;
            int end = start + 1;
            while (end < c && (key[end] & ~mask) == high) {
                end++;
            }
            if (end - start > 1) {
                for (int a = start + 1; a < end; a++) {
                    long v = key[a];
                    int b = a - 1;
                    while (b >= start && after(key[b], v, mask, score, descending)) {
                        key[b + 1] = key[b];
                        b--;
                    }
                    key[b + 1] = v;
                }
            }
            start = end;
        }
    }

    /** True when key {@code x} must come after key {@code y} in the side's order. */
    private static boolean after(long x, long y, long mask, double[] score, boolean descending) {
        int sx = descending ? (int) (x & mask) : (int) (mask - (x & mask));
        int sy = descending ? (int) (y & mask) : (int) (mask - (y & mask));
        long bx = orderBits(score[sx]);
        long by = orderBits(score[sy]);
        if (bx != by) {
            return descending ? bx < by : bx > by;
        }
        return descending ? sx > sy : sx < sy;
    }

    /**
     * Sorts the keys {@code key[0, c)} ascending (signed), allocation-free: a stable LSD radix sort on
     * the {@value #RADIX_PASSES} bytes below the keys' common prefix (for candidates from a narrow
     * band of scores these hold nearly all the order), then an insertion sort that puts in order the
     * keys that agree on them; if that sort would have to move more than {@code 8c} keys (keys that
     * differ far below the prefix), {@link #sort} finishes the job instead.
     */
    void sortKeys(long[] key, int c) {
        if (c < 2) {
            return;
        }
        long first = key[0] ^ Long.MIN_VALUE;
        long differ = 0;
        for (int j = 1; j < c; j++) {
            differ |= (key[j] ^ Long.MIN_VALUE) ^ first;
        }
        if (differ == 0) {
            return;
        }
        int shift = Math.max(0, 63 - Long.numberOfLeadingZeros(differ) - 8 * RADIX_PASSES + 1);
        long[] src = key;
        long[] dst = radixScratch;
        int[] count = digitCounts;
        for (int pass = 0; pass < RADIX_PASSES; pass++, shift += 8) {
            Arrays.fill(count, 0);
            for (int j = 0; j < c; j++) {
                count[(int) (((src[j] ^ Long.MIN_VALUE) >>> shift) & (RADIX - 1))]++;
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int x = count[d];
                count[d] = sum;
                sum += x;
            }
            for (int j = 0; j < c; j++) {
                long k = src[j];
                dst[count[(int) (((k ^ Long.MIN_VALUE) >>> shift) & (RADIX - 1))]++] = k;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != key) {
            System.arraycopy(src, 0, key, 0, c);
        }
        int budget = 8 * c;
        for (int i = 1; i < c; i++) {
            long v = key[i];
            int j = i - 1;
            while (j >= 0 && key[j] > v) {
                key[j + 1] = key[j];
                j--;
                if (--budget < 0) {
                    key[j + 1] = v;
                    sort(key, 0, c);
                    return;
                }
            }
            key[j + 1] = v;
        }
    }

    /**
     * Sorts {@code a[lo, hi)} ascending (signed): quicksort with a median-of-three pivot, recursing
     * into the smaller side (depth at most log2 of the length), insertion sort under
     * {@value #INSERTION_SORT_MAX} keys. Allocation-free (the JDK's {@code Arrays.sort(long[], ...)}
     * may allocate for partly sorted input).
     */
    static void sort(long[] a, int lo, int hi) {
        while (hi - lo > INSERTION_SORT_MAX) {
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
                sort(a, lo, j + 1);
                lo = i;
            } else {
                sort(a, i, hi);
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

    /** {@code voltarget}: {@code w · scale / vol} on the picked cells, flat where vol is not in (0, ∞). */
    private void volTarget(double scale, double[] volatility, byte[] side, double[] strength, double[] weight) {
        for (int k = 0; k < pickedCount; k++) {
            int i = picked[k];
            double w = weight[i];
            if (w == 0) {
                continue;
            }
            double v = volatility[i];
            if (v > 0 && v < Double.POSITIVE_INFINITY) {
                weight[i] = w * scale / v;
            } else {
                side[i] = SignalFrame.FLAT;
                strength[i] = 0;
                weight[i] = 0;
            }
        }
    }

    /** {@code caps}: per-name clip, gross and net scaling, as {@code CapsPolicy} does them, on the picked cells. */
    private void caps(SignalStage.Caps caps, byte[] side, double[] strength, double[] weight) {
        double max = caps.max();
        double longs = 0;
        double shorts = 0;
        double bl = 0;
        double bs = 0;
        int block = -1;
        for (int k = 0; k < pickedCount; k++) {
            int i = picked[k];
            int b = i / CAPS_BLOCK;
            if (b != block) {
                // the totals of the blocks before; a block with no picked cell adds +0.0, which changes nothing
                longs += bl;
                shorts += bs;
                bl = 0;
                bs = 0;
                block = b;
            }
            double x = weight[i];
            if (x > max) {
                x = max;
            } else if (x < -max) {
                x = -max;
            }
            weight[i] = x;
            // CapsPolicy's "if (x > 0) bl += x; else bs -= x" as selects: the other total takes +0.0,
            // which leaves it as it is (a total is never -0.0)
            boolean positive = x > 0;
            bl += positive ? x : 0.0;
            bs -= positive ? 0.0 : x;
        }
        longs += bl;
        shorts += bs;
        double g = longs + shorts;
        if (g > caps.gross()) {
            double f = caps.gross() / g;
            for (int k = 0; k < pickedCount; k++) {
                weight[picked[k]] *= f;
            }
            longs *= f;
            shorts *= f;
        }
        double net = caps.net();
        double nt = longs - shorts;
        if (nt > net) {
            double f = (shorts + net) / longs;
            for (int k = 0; k < pickedCount; k++) {
                int i = picked[k];
                if (weight[i] > 0) {
                    weight[i] *= f;
                }
            }
        } else if (-nt > net) {
            double f = (longs + net) / shorts;
            for (int k = 0; k < pickedCount; k++) {
                int i = picked[k];
                if (weight[i] < 0) {
                    weight[i] *= f;
                }
            }
        }
        for (int k = 0; k < pickedCount; k++) {
            int i = picked[k];
            if (weight[i] == 0) {
                side[i] = SignalFrame.FLAT;
                strength[i] = 0;
                weight[i] = 0;
            }
        }
    }
}
