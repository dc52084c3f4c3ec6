package io.vectrade.feature.cpu;

/**
 * A running sum with Neumaier compensation: adding and later subtracting the same values leaves
 * an error of about one rounding of the true sum, however many values passed through, so a sliding
 * window sum does not drift over long series. Not thread-safe.
 */
final class CompensatedSum {
    private double sum;
    private double compensation;

    void reset() {
        sum = 0;
        compensation = 0;
    }

    void add(double x) {
        double t = sum + x;
        compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
    }

    double value() {
        return sum + compensation;
    }
}
