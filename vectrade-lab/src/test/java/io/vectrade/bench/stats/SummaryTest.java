package io.vectrade.bench.stats;

import org.junit.jupiter.api.Test;

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
        assertThat(s.median()).isEqualTo(50);
        assertThat(s.p90()).isEqualTo(90);
        assertThat(s.p99()).isEqualTo(99);
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
    void largeValuesStayWithinHistogramPrecision() {
        SplittableRandom r = new SplittableRandom(7);
        double[] x = new double[1001];
        for (int k = 0; k < x.length; k++) {
            x[k] = 1e6 + r.nextDouble() * 9e6;
        }
        double[] sorted = x.clone();
        java.util.Arrays.sort(sorted);
        Summary s = Summary.of(x);
        // nearest rank 501 of 1001 is the median, within the 3-significant-digit bucket
        assertThat(s.median()).isCloseTo(sorted[500], within(sorted[500] * 1e-3 + 1));
        assertThat(s.p90()).isCloseTo(sorted[900], within(sorted[900] * 1e-3 + 1));
        assertThat(Summary.exactMedian(x)).isEqualTo(sorted[500]);
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
