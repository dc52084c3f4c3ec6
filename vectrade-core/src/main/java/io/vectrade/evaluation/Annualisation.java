package io.vectrade.evaluation;

/**
 * Bars per year from the bar interval. The interval is the median gap between consecutive timestamps:
 * daily (16 h to 4 days) is 252, weekly (5 to 8 days) 52, monthly (25 to 35 days) 12 (empyrical's
 * conventions); otherwise (intraday or irregular) the observed bars per year, {@code (T - 1) / years spanned}
 * with a year of 365.25 days. Stateless.
 */
public final class Annualisation {
    private static final double DAY_MS = 86_400_000.0;

    private Annualisation() {
    }

    /**
     * Bars per year of strictly increasing timestamps (epoch ms).
     *
     * @throws IllegalArgumentException with fewer than 2 timestamps
     */
    public static double periodsPerYear(long[] timestampsMillis) {
        int n = timestampsMillis.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 bars to infer the bar interval, bars=" + n
                    + "; give --periods-per-year");
        }
        long[] gaps = new long[n - 1];
        for (int k = 1; k < n; k++) {
            gaps[k - 1] = timestampsMillis[k] - timestampsMillis[k - 1];
        }
        java.util.Arrays.sort(gaps);
        int m = gaps.length;
        double median = m % 2 == 1 ? gaps[m / 2] : (gaps[m / 2 - 1] + (double) gaps[m / 2]) / 2;
        double days = median / DAY_MS;
        if (days >= 16.0 / 24 && days <= 4) {
            return 252;
        }
        if (days >= 5 && days <= 8) {
            return 52;
        }
        if (days >= 25 && days <= 35) {
            return 12;
        }
        double years = (timestampsMillis[n - 1] - timestampsMillis[0]) / DAY_MS / 365.25;
        return (n - 1) / years;
    }
}
