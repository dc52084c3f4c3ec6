package io.vectrade.data.csv;

import io.vectrade.data.Panel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BarCsvReaderTest {
    @TempDir
    Path dir;

    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void singleFormTakesSymbolFromFileNameAndColumnOrderFromHeader() throws IOException {
        Path file = Files.writeString(dir.resolve("MSFT.csv"), """
                Volume, CLOSE ,low,High,Open,Date
                1000,10.5,9,11,10,2013-01-02

                2000,11,10,12,10.5,2013-01-03
                """);
        Panel p = BarCsvReader.read(file);
        assertThat(p.symbols()).containsExactly("MSFT");
        assertThat(p.bars()).isEqualTo(2);
        assertThat(p.timestampsMillis()).containsExactly(ms("2013-01-02T00:00:00Z"), ms("2013-01-03T00:00:00Z"));
        assertThat(new double[] {p.open(0, 0), p.high(0, 0), p.low(0, 0), p.close(0, 0), p.volume(0, 0)})
                .containsExactly(10, 11, 9, 10.5, 1000);
        assertThat(new double[] {p.open(1, 0), p.high(1, 0), p.low(1, 0), p.close(1, 0), p.volume(1, 0)})
                .containsExactly(10.5, 12, 10, 11, 2000);
    }

    @Test
    void acceptsTimestampFormsBomQuotesAndCrlf() throws IOException {
        Path file = Files.writeString(dir.resolve("X.txt"), "\uFEFF\"timestamp\",open,high,low,close,volume\r\n"
                + "2013-01-02,1,1,1,1,0\r\n"
                + "2013-01-02T14:30:00Z,1,1,1,1,0\r\n"
                + "2013-01-02T10:00:00-05:00,1,1,1,1,0\r\n"
                + "1357153200,1,1,1,1,0\r\n"
                + "1357156800000,1,1,1,1,0\r\n");
        Panel p = BarCsvReader.read(file);
        assertThat(p.symbols()).containsExactly("X");
        assertThat(p.timestampsMillis()).containsExactly(
                ms("2013-01-02T00:00:00Z"), ms("2013-01-02T14:30:00Z"), ms("2013-01-02T15:00:00Z"),
                ms("2013-01-02T19:00:00Z"), ms("2013-01-02T20:00:00Z"));
    }

    @Test
    void longFormAlignsDifferentCalendarsOnTheUnionWithNaNWhereMissing() throws IOException {
        // A trades on 01-02, 01-03, 01-07; B has a holiday on 01-03 but trades on 01-04 (A's holiday)
        Path file = Files.writeString(dir.resolve("two.csv"), """
                symbol,timestamp,open,high,low,close,volume
                A,2013-01-02,10,11,9,10,100
                B,2013-01-02,20,21,19,20,200
                A,2013-01-03,11,12,10,11,101
                B,2013-01-04,22,23,21,22,202
                A,2013-01-07,12,13,11,12,102
                B,2013-01-07,23,24,22,23,203
                """);
        Panel p = BarCsvReader.read(file);
        assertThat(p.symbols()).containsExactly("A", "B");
        assertThat(p.timestampsMillis()).containsExactly(ms("2013-01-02T00:00:00Z"), ms("2013-01-03T00:00:00Z"),
                ms("2013-01-04T00:00:00Z"), ms("2013-01-07T00:00:00Z"));
        double[] closeA = {p.close(0, 0), p.close(1, 0), p.close(2, 0), p.close(3, 0)};
        double[] closeB = {p.close(0, 1), p.close(1, 1), p.close(2, 1), p.close(3, 1)};
        assertThat(closeA).containsExactly(10, 11, Double.NaN, 12);
        assertThat(closeB).containsExactly(20, Double.NaN, 22, 23);
        for (double[] col : List.of(p.openColumn(), p.highColumn(), p.lowColumn(), p.volumeColumn())) {
            assertThat(col[p.index(2, 0)]).isNaN();
            assertThat(col[p.index(1, 1)]).isNaN();
        }
        assertThat(p.isMissing(2, 0)).isTrue();
        assertThat(p.isMissing(1, 1)).isTrue();
        assertThat(p.volume(3, 1)).isEqualTo(203);
        assertThat(p.high(1, 0)).isEqualTo(12);
    }

    @Test
    void longFormRowsMayInterleaveInAnyOrderAcrossSymbols() throws IOException {
        // grouped by symbol instead of by time: still sorted per symbol, so valid
        Path file = Files.writeString(dir.resolve("grouped.csv"), """
                symbol,timestamp,open,high,low,close,volume
                B,2013-01-02,20,21,19,20,200
                B,2013-01-03,20,21,19,21,200
                A,2013-01-03,10,11,9,10,100
                """);
        Panel p = BarCsvReader.read(file);
        assertThat(p.symbols()).containsExactly("B", "A");
        assertThat(p.close(0, 1)).isNaN();
        assertThat(p.close(1, 1)).isEqualTo(10);
        assertThat(p.close(1, 0)).isEqualTo(21);
    }

    @Test
    void invalidUtf8IsADataFormatError() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "date,open,high,low,close,volume\n2013-01-02,10,11,9,10.5,1000\n\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BarCsvReader.read(file))
                .isInstanceOf(io.vectrade.data.DataFormatException.class)
                .hasMessageStartingWith(file + ": not utf-8 text");
    }

    @Test
    void readsTheAppleBarsOfTheTa4jExamples() throws IOException {
        String name = "appleinc_bars_from_20130101_usd.csv";
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the test classpath").isNotNull();
            Panel p = BarCsvReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), Path.of(name));
            assertThat(p.symbols()).containsExactly("appleinc_bars_from_20130101_usd");
            assertThat(p.bars()).isEqualTo(252); // 253 lines, one header
            // first data line: 2013-01-02,553.82,555.00,541.63,549.03,20018500
            assertThat(p.timestampMillis(0)).isEqualTo(ms("2013-01-02T00:00:00Z"));
            assertThat(new double[] {p.open(0, 0), p.high(0, 0), p.low(0, 0), p.close(0, 0), p.volume(0, 0)})
                    .containsExactly(553.82, 555.00, 541.63, 549.03, 20018500);
            // second: 2013-01-03,547.88,549.67,541.00,542.10,12605900
            assertThat(p.close(1, 0)).isEqualTo(542.10);
            assertThat(p.volume(1, 0)).isEqualTo(12605900);
        }
    }
}
