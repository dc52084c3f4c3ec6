package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * One Neumaier-compensated running sum per instrument, the same arithmetic as the cpu backend's
 * {@code CompensatedSum}: adding and later subtracting the same values leaves about one rounding of
 * the true sum, however many values passed through.
 */
final class CompensatedSums {
    private final double[] sum;
    private final double[] compensation;

    CompensatedSums(int instruments) {
        this.sum = new double[instruments];
        this.compensation = new double[instruments];
    }

    void add(int i, double x) {
        double s = sum[i];
        double t = s + x;
        compensation[i] += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
        sum[i] = t;
    }

    double value(int i) {
        return sum[i] + compensation[i];
    }

    void clear(int i) {
        sum[i] = 0;
        compensation[i] = 0;
    }

    void reset() {
        Arrays.fill(sum, 0.0);
        Arrays.fill(compensation, 0.0);
    }
}
