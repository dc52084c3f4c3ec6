package io.vectrade.data;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2013-01-02                    | 2013-01-02T00:00:00Z",
            "1970-01-01                    | 1970-01-01T00:00:00Z",
            "1969-12-31                    | 1969-12-31T00:00:00Z",
            "2013-01-02T14:30:00Z          | 2013-01-02T14:30:00Z",
            "2013-01-02T14:30:00.250Z      | 2013-01-02T14:30:00.250Z",
            "2013-01-02T09:30:00-05:00     | 2013-01-02T14:30:00Z",
            "2013-01-02T23:30:00+02:00     | 2013-01-02T21:30:00Z",
            "2013-01-02 14:30:00Z          | 2013-01-02T14:30:00Z",
            "2013-01-02T14:30:00           | 2013-01-02T14:30:00Z",
            "2013-01-02T14:30:00.123456789Z| 2013-01-02T14:30:00.123Z",
            "2013-01-02T14:30:00.5Z        | 2013-01-02T14:30:00.500Z",
            "2013-01-02T14:30:00.05+05:30  | 2013-01-02T09:00:00.050Z",
            "2013-01-02T14:30Z             | 2013-01-02T14:30:00Z",
            "2013-01-02T14:30:00+01:00[Europe/Paris] | 2013-01-02T13:30:00Z",
            "2000-02-29T23:59:59Z          | 2000-02-29T23:59:59Z",
            "1969-12-31T23:59:59.999Z      | 1969-12-31T23:59:59.999Z",
            "1385337600                    | 2013-11-25T00:00:00Z",
            "1385337600000                 | 2013-11-25T00:00:00Z",
            "0                             | 1970-01-01T00:00:00Z",
            "9999999999                    | 2286-11-20T17:46:39Z",
            "100000000000                  | 1973-03-03T09:46:40Z",
            "1678665600000000              | 2023-03-13T00:00:00Z",
            "1678665600123456789           | 2023-03-13T00:00:00.123Z",
            "1678665600123456              | 2023-03-13T00:00:00.123Z",
            "20230313                      | 2023-03-13T00:00:00Z",
            "18991231                      | 1899-12-31T00:00:00Z",
            "20231301                      | 1970-08-23T03:48:21Z",
    })
    void parsesEveryForm(String text, String expected) {
        assertThat(Timestamps.parseMillis(text)).isEqualTo(Instant.parse(expected).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2013-13-01", "2013-02-30", "2013/01/02", "2013-1-2", "12.5", "-5",
            "2013-01-02T25:00:00Z", "2013-02-29T00:00:00Z", "2013-01-02T14:30:00+5", "99999999999999999999", " "})
    void rejectsWithTheValueNamed(String text) {
        assertThatThrownBy(() -> Timestamps.parseMillis(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isBlank() ? "empty timestamp" : "unparsable timestamp, value='" + text.strip() + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "10000000000", "10000000000000", "50000000000000", "20000000000000000",
            "10000000000000000"})
    void aMagnitudeBetweenTheUnitsIsRefusedNamingEpochUnit(String text) {
        assertThatThrownBy(() -> Timestamps.parseMillis(text))
                .hasMessageContaining("ambiguous epoch timestamp, value='" + text + "'").hasMessageContaining("--epoch-unit s|ms|us|ns");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "20230313         | s  | 1970-08-23T03:31:53Z",
            "99999999999      | s  | 5138-11-16T09:46:39Z",
            "5000000000       | ms | 1970-02-27T20:53:20Z",
            "50000000000000   | us | 1971-08-02T16:53:20Z",
            "1678665600000001 | ns | 1970-01-20T10:17:45.600Z",
    })
    void anExplicitUnitIsUsedForEveryInteger(String text, String unit, String expected) {
        assertThat(Timestamps.parseMillis(text, Timestamps.EpochUnit.parse(unit), java.time.ZoneOffset.UTC))
                .isEqualTo(Instant.parse(expected).toEpochMilli());
    }

    @org.junit.jupiter.api.Test
    void naiveDateTimesAreReadInTheZoneGivenDatesAndOffsetsAreNot() {
        java.time.ZoneId ny = java.time.ZoneId.of("America/New_York");
        assertThat(Timestamps.parseMillis("2023-03-13 09:30:00", Timestamps.EpochUnit.AUTO, ny))
                .isEqualTo(Instant.parse("2023-03-13T13:30:00Z").toEpochMilli());
        assertThat(Timestamps.parseMillis("2023-01-13T09:30:00", Timestamps.EpochUnit.AUTO, ny))
                .isEqualTo(Instant.parse("2023-01-13T14:30:00Z").toEpochMilli());
        assertThat(Timestamps.parseMillis("2023-03-13T09:30:00Z", Timestamps.EpochUnit.AUTO, ny))
                .isEqualTo(Instant.parse("2023-03-13T09:30:00Z").toEpochMilli());
        assertThat(Timestamps.parseMillis("2023-03-13", Timestamps.EpochUnit.AUTO, ny))
                .isEqualTo(Instant.parse("2023-03-13T00:00:00Z").toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2015-01-02T00:00:00Z", "2013-01-02T14:30:00.250Z", "1969-07-20T20:17:40Z"})
    void formatsIsoUtcAndReadsBack(String iso) {
        long ms = Instant.parse(iso).toEpochMilli();
        assertThat(Timestamps.formatIso(ms)).isEqualTo(iso);
        assertThat(Timestamps.parseMillis(Timestamps.formatIso(ms))).isEqualTo(ms);
    }

    /** Found by TimestampsFuzzTest: a time after the year 9999 would be written in a form that does not read back. */
    @ParameterizedTest
    @ValueSource(strings = {"1000035708480000", "253402300800000"})
    void epochMillisAfterTheYear9999AreRefused(String value) {
        assertThatThrownBy(() -> Timestamps.parseMillis(value, Timestamps.EpochUnit.MS, java.time.ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the year 9999");
        assertThat(Timestamps.parseMillis(Timestamps.formatIso(253_402_300_799_999L))).isEqualTo(253_402_300_799_999L);
    }

    /** Found by TimestampsFuzzTest: a 1,000-character value was quoted whole in the message. */
    @org.junit.jupiter.api.Test
    void aLongValueIsCutInTheMessage() {
        String value = "2013-01-02 09:30:00." + "2".repeat(1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Timestamps.parseMillis(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unparsable timestamp, value='" + value.substring(0, 64) + "... (956 more chars)'")
                .message().hasSizeLessThan(300);
    }
}
