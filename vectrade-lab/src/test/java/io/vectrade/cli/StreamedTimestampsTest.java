package io.vectrade.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The timestamp form of a streamed file, decided at its second bar. */
class StreamedTimestampsTest {
    /** 2024-01-02T00:00:00Z: 19,724 days after the epoch. */
    private static final long DAY = 86_400_000L;
    private static final long JAN_2 = 19_724L * DAY;

    @Test
    void twoMidnightsMakeDatesAndALaterTimeOfDayStaysADateTime() {
        StreamedTimestamps s = new StreamedTimestamps();
        double[] row = {1.5};
        assertThat(s.holdFirst(JAN_2, row)).isTrue();
        row[0] = 2.5;
        assertThat(s.heldRow()).containsExactly(1.5);
        assertThat(s.holdFirst(JAN_2 + DAY, row)).isFalse();
        assertThat(s.format(s.heldMillis())).isEqualTo("2024-01-02");
        s.released();
        assertThat(s.heldRow()).isNull();
        assertThat(s.format(JAN_2 + DAY)).isEqualTo("2024-01-03");
        assertThat(s.holdFirst(JAN_2 + DAY + 3_600_000L, row)).isFalse();
        assertThat(s.format(JAN_2 + DAY + 3_600_000L)).isEqualTo("2024-01-03T01:00:00Z");
    }

    @Test
    void minuteBarsFromMidnightAreDateTimesFromTheFirstRow() {
        StreamedTimestamps s = new StreamedTimestamps();
        assertThat(s.holdFirst(JAN_2, new double[0])).isTrue();
        assertThat(s.holdFirst(JAN_2 + 60_000L, new double[0])).isFalse();
        assertThat(s.format(JAN_2)).isEqualTo("2024-01-02T00:00:00Z");
        assertThat(s.format(JAN_2 + 60_000L)).isEqualTo("2024-01-02T00:01:00Z");
    }

    @Test
    void aOneBarFileDecidesFromItsBar() {
        StreamedTimestamps s = new StreamedTimestamps();
        assertThat(s.holdFirst(JAN_2, new double[0])).isTrue();
        assertThat(s.format(s.heldMillis())).isEqualTo("2024-01-02");
        StreamedTimestamps t = new StreamedTimestamps();
        assertThat(t.holdFirst(JAN_2 + 1, new double[0])).isTrue();
        assertThat(t.format(t.heldMillis())).isEqualTo("2024-01-02T00:00:00.001Z");
    }
}
