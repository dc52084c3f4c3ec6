package io.vectrade.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class MissingBarsTest {
    @Test
    void dropsAboutTheFractionEverywhereAndKeepsTheRest() {
        Panel full = SyntheticMarket.generate(200, 500, 3);
        Panel gappy = MissingBars.scatter(full, 0.05, 11);
        int missing = 0;
        for (int i = 0; i < 200; i++) {
            int own = 0;
            for (int t = 0; t < 500; t++) {
                if (gappy.isMissing(t, i)) {
                    own++;
                    for (double v : new double[] {gappy.open(t, i), gappy.high(t, i), gappy.low(t, i), gappy.volume(t, i)}) {
                        assertThat(v).isNaN();
                    }
                } else {
                    assertThat(new double[] {gappy.open(t, i), gappy.high(t, i), gappy.low(t, i), gappy.close(t, i),
                        gappy.volume(t, i)}).containsExactly(full.open(t, i), full.high(t, i), full.low(t, i),
                            full.close(t, i), full.volume(t, i));
                }
            }
            assertThat(own).as("instrument %d has gaps", i).isPositive();
            missing += own;
        }
        // 100,000 bars, binomial sd about 69: 5 % +- 0.5 % is 7 sd
        assertThat(missing).isBetween(4_500, 5_500);
        assertThat(Arrays.equals(MissingBars.scatter(full, 0.05, 11).closeColumn(), gappy.closeColumn())).isTrue();
        assertThat(Arrays.equals(MissingBars.scatter(full, 0.05, 12).closeColumn(), gappy.closeColumn())).isFalse();
        assertThat(Arrays.equals(MissingBars.scatter(full, 0.0, 11).closeColumn(), full.closeColumn())).isTrue();
    }

    @Test
    void refusesAFractionOutsideZeroToOne() {
        Panel p = SyntheticMarket.generate(2, 5, 1);
        assertThatThrownBy(() -> MissingBars.scatter(p, 1.0, 1)).hasMessageContaining("value=1.0");
        assertThatThrownBy(() -> MissingBars.scatter(p, -0.1, 1)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> MissingBars.scatter(p, Double.NaN, 1)).hasMessageContaining("NaN");
    }
}
