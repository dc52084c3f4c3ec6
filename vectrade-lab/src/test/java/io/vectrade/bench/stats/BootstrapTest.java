package io.vectrade.bench.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapTest {

    private static double[] normal(SplittableRandom r, int n, double mean, double sd) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = mean + sd * r.nextGaussian();
        }
        return x;
    }

    @Test
    void intervalCoversTheTrueChangeOnNormalSamples() {
        // true medians 100 and 110: true change +10%; a 95% interval should cover it about 95% of the time
        int covered = 0;
        int trials = 40;
        for (int t = 0; t < trials; t++) {
            SplittableRandom r = new SplittableRandom(1000 + t);
            double[] base = normal(r, 60, 100, 5);
            double[] cur = normal(r, 60, 110, 5);
            Bootstrap.Interval ci = Bootstrap.medianChange(base, cur, 0.95, 2000, t);
            assertThat(ci.lower()).isLessThanOrEqualTo(ci.change());
            assertThat(ci.upper()).isGreaterThanOrEqualTo(ci.change());
            if (ci.lower() <= 0.10 && 0.10 <= ci.upper()) {
                covered++;
            }
            assertThat(ci.excludesZero()).isTrue();
        }
        // binomial(40, 0.95): P(covered < 33) is below 0.3%
        assertThat(covered).isGreaterThanOrEqualTo(33);
    }

    @Test
    void sameDistributionUsuallyContainsZero() {
        int containsZero = 0;
        for (int t = 0; t < 40; t++) {
            SplittableRandom r = new SplittableRandom(5000 + t);
            Bootstrap.Interval ci = Bootstrap.medianChange(normal(r, 50, 100, 10), normal(r, 50, 100, 10), 0.95, 2000, t);
            if (!ci.excludesZero()) {
                containsZero++;
            }
        }
        assertThat(containsZero).isGreaterThanOrEqualTo(33);
    }

    @Test
    void deterministicForASeed() {
        SplittableRandom r = new SplittableRandom(3);
        double[] a = normal(r, 30, 10, 1);
        double[] b = normal(r, 30, 11, 1);
        assertThat(Bootstrap.medianChange(a, b, 0.95, 500, 42)).isEqualTo(Bootstrap.medianChange(a, b, 0.95, 500, 42));
    }

    @Test
    void changeIsTheRatioOfMedians() {
        Bootstrap.Interval ci = Bootstrap.medianChange(new double[] {1, 2, 3}, new double[] {3, 4, 5}, 0.9, 200, 1);
        assertThat(ci.change()).isEqualTo(4.0 / 2 - 1);
    }

    @Test
    void quantileInterpolates() {
        assertThat(Bootstrap.quantile(new double[] {0, 10}, 0.25)).isEqualTo(2.5);
        assertThat(Bootstrap.quantile(new double[] {1, 2, 3, 4, 5}, 0.5)).isEqualTo(3);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Bootstrap.medianChange(new double[0], new double[] {1}, 0.95, 200, 1))
                .hasMessageContaining("baseline=0");
        assertThatThrownBy(() -> Bootstrap.medianChange(new double[] {1}, new double[] {1}, 0.95, 10, 1))
                .hasMessageContaining("resamples=10");
        assertThatThrownBy(() -> Bootstrap.medianChange(new double[] {0}, new double[] {1}, 0.95, 200, 1))
                .hasMessageContaining("median=0");
    }

    @Test
    void medianIntervalOfOneSample() {
        assertThat(Bootstrap.medianInterval(new double[] {7}, 0.95, 200, 1)).containsExactly(7, 7);
        assertThat(Bootstrap.medianInterval(new double[] {5, 5, 5, 5}, 0.95, 200, 1)).containsExactly(5, 5);
        // 1..21: every resampled median is a sample, so the bounds are within [1, 21] and bracket 11
        double[] x = new double[21];
        for (int k = 0; k < x.length; k++) {
            x[k] = k + 1;
        }
        double[] ci = Bootstrap.medianInterval(x, 0.95, 2000, 3);
        org.assertj.core.api.Assertions.assertThat(ci[0]).isBetween(1.0, 11.0);
        org.assertj.core.api.Assertions.assertThat(ci[1]).isBetween(11.0, 21.0);
        org.assertj.core.api.Assertions.assertThat(ci[1] - ci[0]).isGreaterThan(2);
    }
}
