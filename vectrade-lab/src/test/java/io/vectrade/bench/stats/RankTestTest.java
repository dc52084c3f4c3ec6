package io.vectrade.bench.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Expected values computed by hand and with Python's math.erfc (an independent erfc). */
class RankTestTest {

    @Test
    void normalUpperTailMatchesAnIndependentErfc() {
        // 0.5 * math.erfc(z / sqrt(2)) in Python
        assertThat(RankTest.upperTail(1.96)).isCloseTo(0.024997895148220435, within(0.024997895148220435 * 2e-7));
        assertThat(RankTest.upperTail(3)).isCloseTo(0.0013498980316300957, within(0.0013498980316300957 * 2e-7));
        assertThat(RankTest.upperTail(5)).isCloseTo(2.866515718791946e-07, within(2.866515718791946e-07 * 2e-7));
        assertThat(RankTest.upperTail(0)).isCloseTo(0.5, within(1e-7));
        assertThat(RankTest.upperTail(-1.96)).isCloseTo(1 - 0.024997895148220435, within(1e-7));
    }

    @Test
    void separatedSamplesByHand() {
        // U = 9 of 9 pairs; mean 4.5, var 9/12 * 7 = 5.25, z = (9 - 4.5 - 0.5) / sqrt(5.25) = 1.7457
        assertThat(RankTest.greaterPValue(new double[] {4, 5, 6}, new double[] {1, 2, 3}))
                .isCloseTo(0.04042779918502615, within(1e-8));
        // the other direction is nowhere near significant
        assertThat(RankTest.greaterPValue(new double[] {1, 2, 3}, new double[] {4, 5, 6})).isGreaterThan(0.95);
    }

    @Test
    void tiesUseMidranksAndTheTieCorrection() {
        // x = {2,2,3}, y = {1,2}: U = 4 wins + 2 ties / 2 = 5; mean 3; three 2s: sum(t^3 - t) = 24,
        // var = 6/12 * (6 - 24/20) = 2.4, z = 1.5 / sqrt(2.4) = 0.96825
        assertThat(RankTest.greaterPValue(new double[] {2, 2, 3}, new double[] {1, 2}))
                .isCloseTo(0.16646080403278302, within(1e-8));
        // all tied: no evidence either way
        assertThat(RankTest.greaterPValue(new double[] {1, 1}, new double[] {1, 1})).isEqualTo(1);
    }

    @Test
    void holmStepDownByHand() {
        // sorted 0.005 (x4 = 0.02), 0.01 (x3 = 0.03), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04 -> running max 0.06)
        assertThat(RankTest.holm(new double[] {0.01, 0.04, 0.03, 0.005}))
                .containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
        assertThat(RankTest.holm(new double[] {0.6, 0.9})).containsExactly(1, 1);
        assertThat(RankTest.holm(new double[0])).isEmpty();
    }

    @Test
    void rejectsEmptyOrNaN() {
        assertThatThrownBy(() -> RankTest.greaterPValue(new double[0], new double[] {1}))
                .hasMessageContaining("both sides");
        assertThatThrownBy(() -> RankTest.greaterPValue(new double[] {Double.NaN}, new double[] {1}))
                .hasMessageContaining("NaN");
    }
}
