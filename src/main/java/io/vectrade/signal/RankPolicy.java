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
            sort(scores, row, m);
            int wantLong = Double.isNaN(quantile) ? top : (int) Math.floor(quantile * m);
            int wantShort = Double.isNaN(quantile) ? bottom : wantLong;
            int kShort = Math.min(wantShort, wantLong + wantShort > m ? m / 2 : wantShort);
            int kLong = Math.min(wantLong, m - kShort);
            double denom = m > 1 ? m - 1 : 1;
            // order is ascending by (score, -index): order[m-1] is the best
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

    /** Stable bottom-up merge sort of {@code order[0, m)} by (score ascending, index descending); no allocation. */
    private void sort(double[] scores, int row, int m) {
        // reverse first so that a stable ascending sort leaves equal scores with the higher index first
        for (int a = 0, b = m - 1; a < b; a++, b--) {
            int x = order[a];
            order[a] = order[b];
            order[b] = x;
        }
        int[] src = order;
        int[] dst = tmp;
        for (int width = 1; width < m; width *= 2) {
            for (int lo = 0; lo < m; lo += 2 * width) {
                int mid = Math.min(lo + width, m);
                int hi = Math.min(lo + 2 * width, m);
                int a = lo;
                int b = mid;
                int k = lo;
                while (a < mid && b < hi) {
                    dst[k++] = scores[row + src[b]] < scores[row + src[a]] ? src[b++] : src[a++];
                }
                while (a < mid) {
                    dst[k++] = src[a++];
                }
                while (b < hi) {
                    dst[k++] = src[b++];
                }
            }
            int[] x = src;
            src = dst;
            dst = x;
        }
        if (src != order) {
            System.arraycopy(src, 0, order, 0, m);
        }
    }

    @Override
    public boolean generator() {
        return true;
    }

    @Override
    public String spec() {
        return Double.isNaN(quantile) ? "rank(top=" + top + ",bottom=" + bottom + ")"
                : "rank(quantile=" + Policies.num(quantile) + ")";
    }
}
