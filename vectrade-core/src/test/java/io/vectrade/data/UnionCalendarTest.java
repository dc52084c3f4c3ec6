package io.vectrade.data;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The aligned panel cell by cell against the builders it came from, on the dense (one calendar) and the general path. */
class UnionCalendarTest {
    @ParameterizedTest
    @CsvSource({"1, 40, false", "17, 300, false", "37, 129, false", "17, 300, true", "5, 64, true"})
    void everyCellIsItsBuildersBarOrMissing(int n, int bars, boolean gaps) {
        SplittableRandom rnd = new SplittableRandom(n * 31L + bars);
        List<BarSeriesBuilder> series = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BarSeriesBuilder b = new BarSeriesBuilder();
            for (int t = 0; t < bars; t++) {
                if (gaps && rnd.nextInt(5) == 0) {
                    continue;
                }
                b.add(1_000L * t, rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble());
            }
            if (b.size() == 0) {
                b.add(0, 1, 1, 1, 1, 1);
            }
            series.add(b);
            symbols.add("S" + i);
        }
        Panel p = UnionCalendar.align(symbols, series);
        for (int i = 0; i < n; i++) {
            BarSeriesBuilder b = series.get(i);
            int j = 0;
            for (int t = 0; t < p.bars(); t++) {
                if (j < b.size() && b.timestampMillis(j) == p.timestampMillis(t)) {
                    assertThat(Double.doubleToRawLongBits(p.open(t, i))).isEqualTo(Double.doubleToRawLongBits(b.open(j)));
                    assertThat(Double.doubleToRawLongBits(p.high(t, i))).isEqualTo(Double.doubleToRawLongBits(b.high(j)));
                    assertThat(Double.doubleToRawLongBits(p.low(t, i))).isEqualTo(Double.doubleToRawLongBits(b.low(j)));
                    assertThat(Double.doubleToRawLongBits(p.close(t, i))).isEqualTo(Double.doubleToRawLongBits(b.close(j)));
                    assertThat(Double.doubleToRawLongBits(p.volume(t, i))).isEqualTo(Double.doubleToRawLongBits(b.volume(j)));
                    j++;
                } else {
                    assertThat(p.isMissing(t, i)).isTrue();
                }
            }
            assertThat(j).as("every bar of S%d placed", i).isEqualTo(b.size());
        }
        if (!gaps) {
            assertThat(p.bars()).isEqualTo(bars);
        }
    }
}
