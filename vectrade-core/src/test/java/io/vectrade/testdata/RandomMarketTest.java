package io.vectrade.testdata;

import io.vectrade.data.Panel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The random markets are consistent, reproducible and really contain the edge cases they promise. */
class RandomMarketTest {

    @Test
    void barsAreConsistentAndEdgeCasesOccur() {
        int flatRuns = 0;
        int zeroVolume = 0;
        int tickSeeds = 0;
        for (long seed = 1; seed <= 40; seed++) {
            OhlcvSeries s = RandomMarket.series(seed, 2000);
            int run = 0;
            boolean ties = false;
            for (int t = 0; t < s.length(); t++) {
                assertThat(s.low()[t]).isPositive().isLessThanOrEqualTo(Math.min(s.open()[t], s.close()[t]));
                assertThat(s.high()[t]).isGreaterThanOrEqualTo(Math.max(s.open()[t], s.close()[t]));
                assertThat(s.volume()[t]).isGreaterThanOrEqualTo(0);
                zeroVolume += s.volume()[t] == 0 ? 1 : 0;
                run = t > 0 && s.close()[t] == s.close()[t - 1] ? run + 1 : 0;
                flatRuns += run == 20 ? 1 : 0;
                ties |= t > 0 && s.high()[t] == s.high()[t - 1] && s.high()[t] != s.low()[t];
            }
            tickSeeds += ties ? 1 : 0;
        }
        assertThat(flatRuns).as("runs of 21 equal closes").isGreaterThan(10);
        assertThat(zeroVolume).as("zero-volume bars").isGreaterThan(1000);
        assertThat(tickSeeds).as("seeds with tied highs on moving bars").isGreaterThan(3);
    }

    @Test
    void sameSeedSameData() {
        assertThat(RandomMarket.series(5, 100).close()).isEqualTo(RandomMarket.series(5, 100).close());
        Panel a = RandomMarket.panel(5, 3, 100, 0.1);
        Panel b = RandomMarket.panel(5, 3, 100, 0.1);
        assertThat(a.closeColumn()).isEqualTo(b.closeColumn());
        assertThat(RandomMarket.series(6, 100).close()).isNotEqualTo(RandomMarket.series(5, 100).close());
    }

    @Test
    void realDataLoads() {
        OhlcvSeries aapl = RealData.aaplDaily();
        assertThat(aapl.close()[0]).isEqualTo(549.03);
        OhlcvSeries btc = RealData.bitstampMinutes();
        // first minute 1385337600: the first trade opens it at 800.01
        assertThat(btc.timestampsMillis()[0]).isEqualTo(1385337600_000L);
        assertThat(btc.open()[0]).isEqualTo(800.01);
        for (int t = 1; t < btc.length(); t++) {
            assertThat(btc.timestampsMillis()[t]).isGreaterThan(btc.timestampsMillis()[t - 1]);
            assertThat(btc.low()[t]).isLessThanOrEqualTo(btc.high()[t]);
        }
    }
}
