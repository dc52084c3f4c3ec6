package io.vectrade.bench.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SummaryTest {

    @Test
    void percentilesOfOneToHundred() {
        double[] x = new double[100];
        for (int k = 0; k < 100; k++) {
            x[99 - k] = k + 1; // reversed: order must not matter
        }
        Summary s = Summary.of(x);
        assertThat(s.count()).isEqualTo(100);
        // type 7: h = 99 p -> p50 between 50 and 51, p90 at 89.1 -> 90.1, p99 at 98.01 -> 99.01
        assertThat(s.median()).isEqualTo(50.5);
        assertThat(s.p90()).isCloseTo(90.1, within(1e-9));
        assertThat(s.p99()).isCloseTo(99.01, within(1e-9));
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(50.5);
        // sample sd of 1..n = sqrt(n(n+1)/12) for n = 100
        assertThat(s.stddev()).isCloseTo(Math.sqrt(100 * 101 / 12.0), within(1e-9));
    }

    @Test
    void stddevOfAKnownSample() {
        // mean 5, squared deviations sum to 32, n-1 = 7
        Summary s = Summary.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
        assertThat(s.mean()).isEqualTo(5);
        assertThat(s.stddev()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
    }

    @Test
    void oneSampleHasZeroSpread() {
        Summary s = Summary.of(new double[] {1234.0});
        assertThat(s.stddev()).isZero();
        assertThat(s.median()).isEqualTo(1234);
        assertThat(s.p99()).isEqualTo(1234);
    }

    @Test
    void percentilesInterpolateLinearlyBetweenClosestRanks() {
        // type 7 by hand: n = 5, p90 at h = 4 * 0.9 = 3.6 -> 40 + 0.6 * (100 - 40) = 76
        Summary s = Summary.of(new double[] {10, 100, 20, 40, 30});
        assertThat(s.median()).isEqualTo(30);
        assertThat(s.p90()).isCloseTo(76, within(1e-12));
        // p99 at h = 3.96 -> 40 + 0.96 * 60 = 97.6
        assertThat(s.p99()).isCloseTo(97.6, within(1e-12));
        assertThat(Percentiles.of(new double[] {3, 1, 2}, 0)).isEqualTo(1);
        assertThat(Percentiles.of(new double[] {3, 1, 2}, 100)).isEqualTo(3);
    }

    @Test
    void fractionalSamplesNoLongerPutP99AboveMax() {
        // the old HdrHistogram summary rounded 123456.7 into a bucket whose top exceeded the max
        Summary s = Summary.of(new double[] {123456.7, 123000.2, 122999.9, 123456.6, 120001.5});
        assertThat(s.p99()).isLessThanOrEqualTo(s.max());
        assertThat(s.p90()).isLessThanOrEqualTo(s.p99());
    }

    /** Property: for any sample, min <= p50 <= p90 <= p99 <= max, and percentiles are monotone in p. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946})
    void percentilesLieWithinMinMaxAndAreMonotone(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(r.nextBoolean() ? 8 : 500);
            double[] x = new double[n];
            int shape = r.nextInt(4);
            for (int k = 0; k < n; k++) {
                x[k] = switch (shape) {
                    case 0 -> r.nextDouble() * 1e9; // uniform, fractional
                    case 1 -> Math.exp(r.nextGaussian() * 3 + 10); // heavy-tailed, like timings
                    case 2 -> r.nextInt(3) * 1e-3; // many ties, tiny values
                    default -> 1e15 + r.nextInt(1000); // large, close together
                };
            }
            Summary s = Summary.of(x);
            assertThat(s.min()).isLessThanOrEqualTo(s.median());
            assertThat(s.median()).isLessThanOrEqualTo(s.p90());
            assertThat(s.p90()).isLessThanOrEqualTo(s.p99());
            assertThat(s.p99()).isLessThanOrEqualTo(s.max());
            double[] sorted = x.clone();
            java.util.Arrays.sort(sorted);
            assertThat(Percentiles.ofSorted(sorted, 0)).isEqualTo(sorted[0]);
            assertThat(Percentiles.ofSorted(sorted, 100)).isEqualTo(sorted[n - 1]);
            double prev = Double.NEGATIVE_INFINITY;
            for (int p = 0; p <= 1000; p++) {
                double v = Percentiles.ofSorted(sorted, p / 10.0);
                assertThat(v).isGreaterThanOrEqualTo(prev).isBetween(sorted[0], sorted[n - 1]);
                prev = v;
            }
            // a percentile falling on a rank is that sample exactly
            int rank = r.nextInt(n);
            if (n > 1) {
                assertThat(Percentiles.ofSorted(sorted, 100.0 * rank / (n - 1))).isCloseTo(sorted[rank],
                        within(Math.ulp(sorted[rank]) * 4 + (sorted[n - 1] - sorted[0]) * 1e-12));
            }
        }
    }

    @Test
    void exactMedianOfEvenCount() {
        assertThat(Summary.exactMedian(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void rejectsBadSamples() {
        assertThatThrownBy(() -> Summary.of(new double[0])).hasMessageContaining("no samples");
        assertThatThrownBy(() -> Summary.of(new double[] {1, Double.NaN})).hasMessageContaining("sample=NaN");
        assertThatThrownBy(() -> Summary.of(new double[] {-1})).hasMessageContaining("sample=-1");
    }
}
