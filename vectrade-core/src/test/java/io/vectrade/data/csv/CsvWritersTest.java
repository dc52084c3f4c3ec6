package io.vectrade.data.csv;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureCsvWriter;
import io.vectrade.feature.FeatureTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class CsvWritersTest {
    @TempDir
    Path dir;

    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static void assertSameArrays(Panel expected, Panel actual) {
        assertThat(actual.symbols()).isEqualTo(expected.symbols());
        assertArrayEquals(expected.timestampsMillis(), actual.timestampsMillis());
        assertArrayEquals(expected.openColumn(), actual.openColumn());
        assertArrayEquals(expected.highColumn(), actual.highColumn());
        assertArrayEquals(expected.lowColumn(), actual.lowColumn());
        assertArrayEquals(expected.closeColumn(), actual.closeColumn());
        assertArrayEquals(expected.volumeColumn(), actual.volumeColumn());
    }

    @Test
    void syntheticPanelRoundTripsExactly() throws IOException {
        Panel p = SyntheticMarket.generate(20, 300, 3);
        Path file = dir.resolve("panel.csv");
        PanelCsvWriter.write(p, file);
        assertSameArrays(p, BarCsvReader.read(file));
    }

    @Test
    void panelWithMissingBarsRoundTripsExactly() throws IOException {
        double nan = Double.NaN;
        Panel p = Panel.of(List.of("AAA", "BBB"),
                new long[] {ms("2013-01-02T00:00:00Z"), ms("2013-01-02T14:30:00.125Z"), ms("2013-01-04T00:00:00Z")},
                new double[] {10, 20, 0.1 + 0.2, nan, 12, 22},
                new double[] {11, 21, 1e-5 + 0.3, nan, 13, 23},
                new double[] {9, 19, 1e-5, nan, 11, 21},
                new double[] {10.5, 20.5, 0.2, nan, 12.5, 22.5},
                new double[] {1000, 20018500, 0, nan, 123456789012.5, 1e20});
        Path file = dir.resolve("sub/dir/panel.csv");
        PanelCsvWriter.write(p, file);
        assertThat(Files.readAllLines(file)).containsExactly(
                "symbol,timestamp,open,high,low,close,volume",
                "AAA,2013-01-02T00:00:00Z,10,11,9,10.5,1000",
                "BBB,2013-01-02T00:00:00Z,20,21,19,20.5,20018500",
                "AAA,2013-01-02T14:30:00.125Z,0.30000000000000004,0.30001,1.0E-5,0.2,0",
                "AAA,2013-01-04T00:00:00Z,12,13,11,12.5,1.234567890125E11",
                "BBB,2013-01-04T00:00:00Z,22,23,21,22.5,1.0E20");
        assertSameArrays(p, BarCsvReader.read(file));
    }

    @Test
    void featureTableCsvHasOneRowPerBarAndInstrumentWithEmptyCells() throws IOException {
        double nan = Double.NaN;
        Panel p = Panel.of(List.of("A", "B"),
                new long[] {ms("2015-01-02T00:00:00Z"), ms("2015-01-05T00:00:00Z"), ms("2015-01-06T00:00:00Z")},
                new double[] {1, 2, 1, nan, 1, 2}, new double[] {1, 2, 1, nan, 1, 2}, new double[] {1, 2, 1, nan, 1, 2},
                new double[] {1, 2, 1, nan, 1, 2}, new double[] {1, 2, 1, nan, 1, 2});
        FeatureSet set = FeatureSet.parse("momentum(1),bbands(20,2.5)");
        FeatureTable table = FeatureTable.allocate(set, p);
        double[][] values = {
                {nan, nan, 0.5, nan, -0.25, 1e-7},   // momentum(1)
                {nan, nan, nan, nan, 101.5, 3},      // bbands.upper
                {nan, nan, nan, nan, 100, -0.0},     // bbands.middle
                {nan, nan, nan, nan, 98.5, 1e300}};  // bbands.lower
        for (int c = 0; c < 4; c++) {
            System.arraycopy(values[c], 0, table.column(c), 0, 6);
        }
        Path file = dir.resolve("features.csv");
        FeatureCsvWriter.write(p, table, file);
        assertThat(Files.readString(file)).isEqualTo("""
                timestamp,symbol,momentum(1),"bbands(20,2.5).upper","bbands(20,2.5).middle","bbands(20,2.5).lower"
                2015-01-02,A,,,,
                2015-01-02,B,,,,
                2015-01-05,A,0.5,,,
                2015-01-05,B,,,,
                2015-01-06,A,-0.25,101.5,100,98.5
                2015-01-06,B,1.0E-7,3,-0.0,1.0E300
                """);
    }

    @Test
    void featureWriterRejectsAMismatchedTable() {
        Panel p = SyntheticMarket.generate(2, 5, 1);
        FeatureTable table = FeatureTable.allocate(FeatureSet.parse("momentum"), 5, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FeatureCsvWriter.write(p, table, new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void numbersRoundTripBitForBit(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 20_000; k++) {
            double v = switch (k % 4) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong()); // any bits, NaN included
                case 1 -> Math.rint(rnd.nextDouble(-1e16, 1e16));
                case 2 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(-12, 12));
                default -> Math.round(rnd.nextDouble(0, 1e6)) / 100.0;
            };
            b.setLength(0);
            CsvNumbers.append(b, v);
            boolean ok = Double.isNaN(v) ? b.isEmpty()
                    : Double.doubleToRawLongBits(Double.parseDouble(b.toString())) == Double.doubleToRawLongBits(v);
            if (!ok) {
                throw new AssertionError("value " + v + " written as '" + b + "'");
            }
        }
        for (double special : new double[] {0.0, -0.0, 1e15 - 1, 1e15, -1e15 + 1, 0.1, 100.0}) {
            b.setLength(0);
            CsvNumbers.append(b, special);
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(b.toString()))).isEqualTo(Double.doubleToRawLongBits(special));
        }
        b.setLength(0);
        CsvNumbers.append(b, 100.0);
        assertThat(b.toString()).isEqualTo("100");
    }
}
