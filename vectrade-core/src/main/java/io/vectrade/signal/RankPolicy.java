package io.vectrade.signal;

/**
 * Cross-sectional rank, bar by bar: among the instruments with a finite score at the bar (m of them), the
 * {@code top} highest go long and the {@code bottom} lowest go short; or, with {@code quantile=q}, the
 * {@code floor(q · m)} highest and lowest. Equal scores are ordered by instrument index, the lower index
 * ranking higher (so it is picked first for long and last for short). When {@code m < top + bottom} the
 * sides share the m names: short gets {@code min(bottom, m / 2)}, long the rest up to {@code top}.
 *
 * <p>Weight: {@code +1/kLong} per long and {@code -1/kShort} per short (each side sums to 1 in absolute value).
 * Strength: the percentile of the rank within the bar, {@code rank / (m - 1)} for a long (1 = the best) and
 * {@code 1 - rank / (m - 1)} for a short. Other cells are flat. Stateless across bars; scratch sized on the
 * first call.
 */
final class RankPolicy implements SignalPolicy {
    private final int top;
    private final int bottom;
    private final double quantile;
    private int[] order = new int[0];
    private int[] tmp = new int[0];

    /** {@code quantile} NaN means counts; otherwise {@code top}/{@code bottom} are ignored. */
    RankPolicy(int top, int bottom, double quantile) {
        if (Double.isNaN(quantile)) {
            if (top < 0 || bottom < 0 || top + bottom == 0) {
                throw new IllegalArgumentException("rank needs top >= 0, bottom >= 0 and at least one > 0, top=" + top
                        + " bottom=" + bottom);
            }
        } else if (!(quantile > 0 && quantile <= 0.5)) {
            throw new IllegalArgumentException("rank quantile must be in (0, 0.5], quantile=" + quantile);
        }
        this.top = top;
        this.bottom = bottom;
        this.quantile = quantile;
    }

    @Override
    public void apply(double[] scores, double[] volatility, int fromBar, int toBar, SignalFrame frame) {
        SignalPolicy.check(scores, volatility, false, fromBar, toBar, frame);
        int n = frame.instruments();
        if (order.length != n) {
            order = new int[n];
            tmp = new int[n];
        }
        byte[] side = frame.side();
        double[] strength = frame.strength();
        double[] weight = frame.weight();
        for (int t = fromBar; t < toBar; t++) {
            int row = t * n;
            int m = 0;
            for (int i = 0; i < n; i++) {
                frame.flat(row + i);
                if (Double.isFinite(scores[row + i])) {
                    order[m++] = i;
                }
            }
            if (m == 0) {
                continue;
            }
            int wantLong = wantLong(m);
            int wantShort = wantShort(m);
            int kShort = Math.min(wantShort, wantLong + wantShort > m ? m / 2 : wantShort);
            int kLong = Math.min(wantLong, m - kShort);
            // only the kShort lowest and kLong highest need their order: select them, sort just them
            if (kShort > 0 && kShort < m) {
                select(scores, row, 0, m, kShort);
            }
            if (kLong > 0 && m - kLong > kShort) {
                select(scores, row, kShort, m, m - kLong);
            }
            sort(scores, row, 0, kShort);
            sort(scores, row, m - kLong, m);
            double denom = m > 1 ? m - 1 : 1;
            // order[0, kShort) and order[m - kLong, m) are ascending in the ranking order: order[m-1] is the best
            for (int k = 0; k < kLong; k++) {
                int rank = m - 1 - k;
                int r = row + order[rank];
                side[r] = SignalFrame.LONG;
                weight[r] = 1.0 / kLong;
                strength[r] = m > 1 ? rank / denom : 1;
            }
            for (int k = 0; k < kShort; k++) {
                int r = row + order[k];
                side[r] = SignalFrame.SHORT;
                weight[r] = -1.0 / kShort;
                strength[r] = m > 1 ? 1 - k / denom : 1;
            }
        }
    }

    /** Longs wanted at a bar with {@code m} finite scores (before the sides share a short bar). */
    int wantLong(int m) {
        return Double.isNaN(quantile) ? top : (int) Math.floor(quantile * m);
    }

    /** Shorts wanted at a bar with {@code m} finite scores (before the sides share a short bar). */
    int wantShort(int m) {
        return Double.isNaN(quantile) ? bottom : wantLong(m);
    }

    /**
     * The ranking order: ascending score, and among equal scores the higher instrument index first
     * (so the lower index ranks higher). A strict total order on the finite scores of one bar.
     */
    private static boolean before(double[] scores, int row, int a, int b) {
        double sa = scores[row + a];
        double sb = scores[row + b];
        return sa < sb || (sa == sb && a > b);
    }

    /**
     * Rearranges {@code order[lo, hi)} so that {@code order[k]} holds the element of rank k, those
     * before it rank lower and those after rank higher (quickselect, median-of-three pivot; no
     * allocation). Expected O(hi - lo).
     */
    private void select(double[] scores, int row, int lo, int hi, int k) {
        int[] o = order;
        int left = lo;
        int right = hi - 1;
        while (right > left) {
            int mid = (left + right) >>> 1;
            if (before(scores, row, o[mid], o[left])) {
                swap(o, mid, left);
            }
            if (before(scores, row, o[right], o[left])) {
                swap(o, right, left);
            }
            if (before(scores, row, o[right], o[mid])) {
                swap(o, right, mid);
            }
            int pivot = o[mid];
            int i = left;
            int j = right;
            while (i <= j) {
                while (before(scores, row, o[i], pivot)) {
                    i++;
                }
                while (before(scores, row, pivot, o[j])) {
                    j--;
                }
                if (i <= j) {
                    swap(o, i++, j--);
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return;
            }
        }
    }

    private static void swap(int[] o, int a, int b) {
        int x = o[a];
        o[a] = o[b];
        o[b] = x;
    }

    /** Bottom-up merge sort of {@code order[lo, hi)} in the ranking order; no allocation. */
    private void sort(double[] scores, int row, int lo, int hi) {
        int m = hi - lo;
        if (m < 2) {
            return;
        }
        int[] src = order;
        int[] dst = tmp;
        for (int width = 1; width < m; width *= 2) {
            for (int start = lo; start < hi; start += 2 * width) {
                int mid = Math.min(start + width, hi);
                int end = Math.min(start + 2 * width, hi);
                int a = start;
                int b = mid;
                int k = start;
                while (a < mid && b < end) {
                    dst[k++] = before(scores, row, src[b], src[a]) ? src[b++] : src[a++];
                }
                while (a < mid) {
                    dst[k++] = src[a++];
                }
                while (b < end) {
                    dst[k++] = src[b++];
                }
            }
            int[] x = src;
            src = dst;
            dst = x;
        }
        if (src != order) {
            System.arraycopy(src, lo, order, lo, m);
        }
    }

    @Override
    public boolean generator() {
        return true;
    }

    /** This stage's parameters. */
    SignalStage describe() {
        return new SignalStage.Rank(top, bottom, quantile);
    }

    @Override
    public String spec() {
        return Double.isNaN(quantile) ? "rank(top=" + top + ",bottom=" + bottom + ")"
                : "rank(quantile=" + PolicyParser.num(quantile) + ")";
    }
}
