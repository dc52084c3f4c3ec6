package io.vectrade.data.csv;

import io.vectrade.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvLineTest {

    private static double number(String field) {
        CsvLine line = new CsvLine(Path.of("f.csv"), new String[] {"x"});
        line.reset(field, 2);
        return line.number(0);
    }

    /** Random decimal text, the fast path's and the slow path's, against Double.parseDouble as the reference. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void readsDecimalsExactlyAsDoubleParseDouble(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 20_000; k++) {
            b.setLength(0);
            if (rnd.nextInt(4) == 0) {
                b.append(rnd.nextBoolean() ? '-' : '+');
            }
            int intDigits = rnd.nextInt(0, 12);
            for (int d = 0; d < intDigits; d++) {
                b.append((char) ('0' + rnd.nextInt(10)));
            }
            int fracDigits = rnd.nextInt(0, 20);
            if (fracDigits > 0 || intDigits == 0) {
                b.append('.');
                for (int d = 0; d < Math.max(fracDigits, intDigits == 0 ? 1 : 0); d++) {
                    b.append((char) ('0' + rnd.nextInt(10)));
                }
            }
            if (rnd.nextInt(8) == 0) {
                b.append('e').append(rnd.nextInt(-30, 30));
            }
            String text = b.toString();
            double expected = Double.parseDouble(text);
            double actual = number(text);
            if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)) {
                throw new AssertionError("text " + text + " read as " + actual + ", expected " + expected);
            }
        }
    }

    @Test
    void fastPathDeclinesWhatItCannotReadExactly() {
        assertThat(CsvLine.fastDecimal("1234567890123456", 0, 16)).isNaN(); // 16 digits
        assertThat(CsvLine.fastDecimal("1e5", 0, 3)).isNaN();
        assertThat(CsvLine.fastDecimal(".", 0, 1)).isNaN();
        assertThat(CsvLine.fastDecimal("1.2.3", 0, 5)).isNaN();
        assertThat(CsvLine.fastDecimal("000000000000000000012.5", 0, 23)).isEqualTo(12.5);
        assertThat(CsvLine.fastDecimal("-0", 0, 2)).isEqualTo(-0.0);
        assertThat(CsvLine.fastDecimal("x553.82,", 1, 7)).isEqualTo(553.82);
    }

    @Test
    void nonNumbersAreNamed() {
        assertThat(number(" NaN ")).isNaN();
        assertThat(number("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(number("\"1.5\"")).isEqualTo(1.5);
        assertThatThrownBy(() -> number("0x10")).isInstanceOf(DataFormatException.class)
                .hasMessage("f.csv:2: field 'x': not a number, value='0x10'");
        assertThatThrownBy(() -> number("1f")).hasMessageContaining("not a number, value='1f'");
        assertThatThrownBy(() -> number("--1")).hasMessageContaining("not a number, value='--1'");
        assertThatThrownBy(() -> number("")).hasMessageContaining("empty value");
    }
}
