package io.vectrade.data;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ForkJoinPool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class SyntheticMarketTest {

    private static void assertSameArrays(Panel a, Panel b) {
        assertThat(a.symbols()).isEqualTo(b.symbols());
        assertArrayEquals(a.timestampsMillis(), b.timestampsMillis());
        assertArrayEquals(a.openColumn(), b.openColumn());
        assertArrayEquals(a.highColumn(), b.highColumn());
        assertArrayEquals(a.lowColumn(), b.lowColumn());
        assertArrayEquals(a.closeColumn(), b.closeColumn());
        assertArrayEquals(a.volumeColumn(), b.volumeColumn());
    }

    @Test
    void sameSeedSameArraysWhateverTheThreadCount() throws Exception {
        // 200 x 2520 is above the parallel threshold
        Panel common = SyntheticMarket.generate(200, 2520, 42);
        Panel again = SyntheticMarket.generate(200, 2520, 42);
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool three = new ForkJoinPool(3);
        try {
            Panel single = one.submit(() -> SyntheticMarket.generate(200, 2520, 42)).get();
            Panel triple = three.submit(() -> SyntheticMarket.generate(200, 2520, 42)).get();
            assertSameArrays(common, again);
            assertSameArrays(common, single);
            assertSameArrays(common, triple);
        } finally {
            one.shutdown();
            three.shutdown();
        }
        // the sequential path (a small panel) too
        assertSameArrays(SyntheticMarket.generate(3, 10, 7), SyntheticMarket.generate(3, 10, 7));
    }

    @Test
    void differentSeedDifferentArrays() {
        Panel a = SyntheticMarket.generate(10, 100, 1);
        Panel b = SyntheticMarket.generate(10, 100, 2);
        assertThat(a.timestampsMillis()).isEqualTo(b.timestampsMillis());
        int same = 0;
        for (int k = 0; k < a.closeColumn().length; k++) {
            if (a.closeColumn()[k] == b.closeColumn()[k]) {
                same++;
            }
        }
        assertThat(same).isZero();
    }

    @Test
    void ohlcConsistentFiniteAndPositiveOverTheDailyPanel() {
        Panel p = SyntheticMarket.generate(1000, 2520, 42);
        assertThat(p.instruments()).isEqualTo(1000);
        assertThat(p.bars()).isEqualTo(2520);
        double[] o = p.openColumn();
        double[] h = p.highColumn();
        double[] l = p.lowColumn();
        double[] c = p.closeColumn();
        double[] v = p.volumeColumn();
        for (int k = 0; k < c.length; k++) {
            if (!(Double.isFinite(o[k]) && Double.isFinite(h[k]) && Double.isFinite(v[k]) && l[k] > 0
                    && l[k] <= o[k] && l[k] <= c[k] && o[k] <= h[k] && c[k] <= h[k] && v[k] >= 0)) {
                throw new AssertionError("inconsistent bar at cell " + k + ": o=" + o[k] + " h=" + h[k]
                        + " l=" + l[k] + " c=" + c[k] + " v=" + v[k]);
            }
        }
        assertThat(p.symbol(0)).isEqualTo("SYN0001");
        assertThat(p.symbol(999)).isEqualTo("SYN1000");
    }

    @Test
    void businessDaysFromTheSecondOfJanuary2015() {
        Panel p = SyntheticMarket.generate(1, 300, 5);
        LocalDate first = Instant.ofEpochMilli(p.timestampMillis(0)).atZone(ZoneOffset.UTC).toLocalDate();
        assertThat(first).isEqualTo(LocalDate.of(2015, 1, 2));
        assertThat(Instant.ofEpochMilli(p.timestampMillis(1))).isEqualTo(Instant.parse("2015-01-05T00:00:00Z")); // Fri -> Mon
        LocalDate day = first;
        for (int t = 0; t < p.bars(); t++) {
            // independent walk with java.time: every weekday, no weekend
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(1);
            }
            assertThat(p.timestampMillis(t)).isEqualTo(day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            day = day.plusDays(1);
        }
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double autocorrelation(double[] x, int lag) {
        double m = mean(x);
        double num = 0;
        double den = 0;
        for (int t = 0; t < x.length; t++) {
            den += (x[t] - m) * (x[t] - m);
            if (t >= lag) {
                num += (x[t] - m) * (x[t - lag] - m);
            }
        }
        return num / den;
    }

    private static double correlation(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int t = 0; t < x.length; t++) {
            sxy += (x[t] - mx) * (y[t] - my);
            sxx += (x[t] - mx) * (x[t] - mx);
            syy += (y[t] - my) * (y[t] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void roughStatisticalProperties() {
        int n = 100;
        int bars = 2520;
        Panel p = SyntheticMarket.generate(n, bars, 11);
        double[][] r = new double[n][bars - 1];
        double acfAbs = 0;
        double acfRaw = 0;
        double volumeCorr = 0;
        double dailyVol = 0;
        for (int i = 0; i < n; i++) {
            double[] abs = new double[bars - 1];
            double[] volume = new double[bars - 1];
            for (int t = 1; t < bars; t++) {
                r[i][t - 1] = Math.log(p.close(t, i) / p.close(t - 1, i));
                abs[t - 1] = Math.abs(r[i][t - 1]);
                volume[t - 1] = p.volume(t, i);
            }
            acfAbs += autocorrelation(abs, 1) / n;
            acfRaw += autocorrelation(r[i], 1) / n;
            volumeCorr += correlation(abs, volume) / n;
            double m = mean(r[i]);
            double ss = 0;
            for (double x : r[i]) {
                ss += (x - m) * (x - m);
            }
            dailyVol += Math.sqrt(ss / (r[i].length - 1)) / n;
        }
        double pairwise = 0;
        int pairs = 0;
        for (int i = 0; i < 40; i++) {
            for (int j = i + 1; j < 40; j++) {
                pairwise += correlation(r[i], r[j]);
                pairs++;
            }
        }
        pairwise /= pairs;
        // volatility clustering: |returns| autocorrelated, returns themselves hardly
        assertThat(acfAbs).isGreaterThan(0.05);
        assertThat(Math.abs(acfRaw)).isLessThan(0.03);
        // volume rises with |return|
        assertThat(volumeCorr).isGreaterThan(0.5);
        // a mild common factor: positive but small average correlation
        assertThat(pairwise).isBetween(0.02, 0.3);
        // daily volatility in the documented 1%..3% range, plus factor and jumps
        assertThat(dailyVol).isBetween(0.015, 0.035);
    }

    @Test
    void shapeParsing() {
        assertThat(SyntheticMarket.Shape.parse("100x2520")).isEqualTo(new SyntheticMarket.Shape(100, 2520));
        assertThat(SyntheticMarket.Shape.parse(" 3 X 7 ")).isEqualTo(new SyntheticMarket.Shape(3, 7));
        assertThatThrownBy(() -> SyntheticMarket.Shape.parse("100")).hasMessageContaining("NxT");
        assertThatThrownBy(() -> SyntheticMarket.Shape.parse("0x5")).hasMessageContaining("instruments >= 1");
        assertThatThrownBy(() -> SyntheticMarket.Shape.parse("100000x100000")).hasMessageContaining("fit one array");
    }
}
