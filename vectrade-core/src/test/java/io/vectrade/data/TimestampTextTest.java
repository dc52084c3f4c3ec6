package io.vectrade.data;

import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.data.csv.PanelCsvWriter;
import io.vectrade.feature.FeatureCsvWriter;
import io.vectrade.feature.FeatureJsonlWriter;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Daily bars written as dates: the rule, the text, and the round trip through the readers. */
class TimestampTextTest {
    private static final long DAY = 86_400_000L;
    /** 2024-01-02T00:00:00Z, from the calendar by hand: 19,724 days after 1970-01-01. */
    private static final long JAN_2 = 19_724L * DAY;

    @TempDir
    Path dir;

    @Test
    void datesOnlyWhenEveryTimestampIsMidnightUtc() {
        assertThat(TimestampText.of(new long[] {JAN_2, JAN_2 + DAY, JAN_2 + 7 * DAY})).isEqualTo(TimestampText.DATE);
        assertThat(TimestampText.of(new long[] {-DAY, 0})).isEqualTo(TimestampText.DATE);
        assertThat(TimestampText.of(new long[] {JAN_2, JAN_2 + DAY + 1})).isEqualTo(TimestampText.DATE_TIME);
        assertThat(TimestampText.of(new long[] {JAN_2 - 60_000, JAN_2})).isEqualTo(TimestampText.DATE_TIME);
        assertThat(TimestampText.of(new long[0])).isEqualTo(TimestampText.DATE_TIME);
    }

    @Test
    void textOfBothForms() {
        assertThat(TimestampText.DATE.format(JAN_2)).isEqualTo("2024-01-02");
        assertThat(TimestampText.DATE.format(-DAY)).isEqualTo("1969-12-31");
        assertThat(TimestampText.DATE_TIME.format(JAN_2)).isEqualTo("2024-01-02T00:00:00Z");
        assertThat(TimestampText.DATE_TIME.format(JAN_2 + 14 * 3_600_000L + 30 * 60_000L + 125))
                .isEqualTo("2024-01-02T14:30:00.125Z");
        assertThatThrownBy(() -> TimestampText.DATE.format(JAN_2 + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not midnight UTC");
    }

    @Test
    void aDailyPanelIsWrittenWithDatesAndReadsBackToTheSameArrays() throws IOException {
        Panel daily = SyntheticMarket.generate(3, 40, 5);
        Path file = dir.resolve("daily.csv");
        PanelCsvWriter.write(daily, file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(1)).matches("SYN0001,\\d{4}-\\d{2}-\\d{2},.*");
        Panel back = BarCsvReader.read(file);
        assertArrayEquals(daily.timestampsMillis(), back.timestampsMillis());
        assertArrayEquals(daily.closeColumn(), back.closeColumn());
        assertThat(back.symbols()).isEqualTo(daily.symbols());
    }

    @Test
    void featureCsvAndJsonLinesOfADailyPanelUseDatesAndOfAnIntradayPanelDateTimes() throws IOException {
        Panel daily = Panel.of(List.of("A"), new long[] {JAN_2, JAN_2 + DAY},
                new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2});
        Panel intraday = Panel.of(List.of("A"), new long[] {JAN_2, JAN_2 + 60_000},
                new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2});
        FeatureSet set = FeatureSet.parse("momentum(1)");
        StringWriter csv = new StringWriter();
        FeatureCsvWriter.write(daily, FeatureTable.allocate(set, daily), csv);
        assertThat(csv.toString().lines().skip(1).map(l -> l.substring(0, l.indexOf(',')))).containsExactly("2024-01-02", "2024-01-03");
        StringWriter json = new StringWriter();
        FeatureJsonlWriter.write(daily, FeatureTable.allocate(set, daily), set.columnNames(), json);
        assertThat(json.toString()).startsWith("{\"timestamp\":\"2024-01-02\",\"timestamp_ms\":" + JAN_2 + ",");
        StringWriter intra = new StringWriter();
        FeatureCsvWriter.write(intraday, FeatureTable.allocate(set, intraday), intra);
        assertThat(intra.toString().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))))
                .containsExactly("2024-01-02T00:00:00Z", "2024-01-02T00:01:00Z");
    }
}
