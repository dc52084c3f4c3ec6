package io.vectrade.data.csv;

import io.vectrade.data.DataFormatException;
import io.vectrade.data.Panel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

class TradeCsvReaderTest {
    private static final String BITSTAMP = "bitstamp_trades_from_20131125_usd.csv";

    @TempDir
    Path dir;

    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static Panel bitstamp(Duration interval) throws IOException {
        try (InputStream in = TradeCsvReaderTest.class.getClassLoader().getResourceAsStream(BITSTAMP)) {
            assertThat(in).as(BITSTAMP + " on the test classpath").isNotNull();
            return TradeCsvReader.readBars(new InputStreamReader(in, StandardCharsets.UTF_8), Path.of(BITSTAMP), interval);
        }
    }

    @Test
    void handWorkedFileWithMixedTimestampForms() throws IOException {
        Path file = Files.writeString(dir.resolve("BTC.csv"), """
                price,amount,timestamp
                100,1,2020-01-01T00:00:05Z
                102,0.5,1577836830
                99,2,1577836859000
                101,1,2020-01-01T00:02:00Z
                """);
        Panel p = TradeCsvReader.readBars(file, Duration.ofMinutes(1));
        assertThat(p.symbols()).containsExactly("BTC");
        assertThat(p.timestampsMillis()).containsExactly(ms("2020-01-01T00:00:00Z"), ms("2020-01-01T00:02:00Z"));
        assertThat(new double[] {p.open(0, 0), p.high(0, 0), p.low(0, 0), p.close(0, 0), p.volume(0, 0)})
                .containsExactly(100, 102, 99, 99, 3.5);
        assertThat(new double[] {p.open(1, 0), p.high(1, 0), p.low(1, 0), p.close(1, 0), p.volume(1, 0)})
                .containsExactly(101, 101, 101, 101, 1);
    }

    @Test
    void bitstampMinuteBars() throws IOException {
        Panel p = bitstamp(Duration.ofMinutes(1));
        // independent count: distinct minutes among the trades, and the total amount
        Set<Long> minutes = new HashSet<>();
        double totalAmount = 0;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BITSTAMP);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                minutes.add(Long.parseLong(f[0]) / 60);
                totalAmount += Double.parseDouble(f[2]);
            }
        }
        assertThat(p.bars()).isEqualTo(minutes.size());
        double volume = 0;
        for (int t = 0; t < p.bars(); t++) {
            volume += p.volume(t, 0);
            assertThat(p.timestampMillis(t) % 60_000).isZero();
            assertThat(p.isMissing(t, 0)).isFalse();
        }
        assertThat(volume).isCloseTo(totalAmount, within(1e-6));
        // first minute 1385337600..1385337659, hand-checked from the file's first 12 trades:
        // 800.01 x0.1, 800.05 x(0.27838049+0.27436926+0.17778998), 807.47 x(0.00123844+0.12+0.08576156+0.91423844),
        // 800.75 x(0.45177022+0.45185763), 807.47 x0.00123844; the next trade (1385337683) opens minute 2
        assertThat(p.timestampMillis(0)).isEqualTo(ms("2013-11-25T00:00:00Z"));
        assertThat(p.open(0, 0)).isEqualTo(800.01);
        assertThat(p.high(0, 0)).isEqualTo(807.47);
        assertThat(p.low(0, 0)).isEqualTo(800.01);
        assertThat(p.close(0, 0)).isEqualTo(807.47);
        assertThat(p.volume(0, 0)).isCloseTo(2.85664446, within(1e-12));
        assertThat(p.timestampMillis(1)).isEqualTo(ms("2013-11-25T00:01:00Z"));
        assertThat(p.open(1, 0)).isEqualTo(807.0);
    }

    @Test
    void bitstampDailyBars() throws IOException {
        Panel p = bitstamp(Duration.ofDays(1));
        // trades run from 1385337600 (2013-11-25T00:00Z) to 1385913725 (2013-12-01T15:22:05Z): 7 days
        assertThat(p.bars()).isEqualTo(7);
        assertThat(p.timestampMillis(0)).isEqualTo(ms("2013-11-25T00:00:00Z"));
        assertThat(p.timestampMillis(6)).isEqualTo(ms("2013-12-01T00:00:00Z"));
        assertThat(p.open(0, 0)).isEqualTo(800.01);
        assertThat(p.close(6, 0)).isEqualTo(999.0); // the file's last trade: 1385913725,999.000000000000,1.292633100000
        for (int t = 0; t < 7; t++) {
            assertThat(p.low(t, 0)).isLessThanOrEqualTo(Math.min(p.open(t, 0), p.close(t, 0)));
            assertThat(p.high(t, 0)).isGreaterThanOrEqualTo(Math.max(p.open(t, 0), p.close(t, 0)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "empty file              | ''                                                       | 0 |           | empty file",
            "header only             | 'timestamp,price,amount\n'                               | 0 |           | no trades after the header line",
            "unknown column          | 'timestamp,price,amount,side\n1,1,1,b\n'                  | 1 | side      | unknown header column",
            "missing column          | 'timestamp,price\n1,1\n'                                  | 1 | amount    | missing header column",
            "wrong column count      | 'timestamp,price,amount\n1,1\n'                           | 2 |           | wrong column count, columns=2 expected=3",
            "negative amount         | 'timestamp,price,amount\n1,1,0.5\n2,1,-0.5\n'             | 3 | amount    | amount must be finite and non-negative, value=-0.5",
            "zero price              | 'timestamp,price,amount\n1,0,0.5\n'                       | 2 | price     | price must be finite and positive, value=0.0",
            "infinite price          | 'timestamp,price,amount\n1,Infinity,0.5\n'                | 2 | price     | price must be finite and positive, value=Infinity",
            "unsorted timestamps     | 'timestamp,price,amount\n1385337613,1,1\n1385337600,1,1\n' | 3 | timestamp | timestamps not in order, timestamp=2013-11-25T00:00:00Z previous=2013-11-25T00:00:13Z",
            "unparsable timestamp    | 'timestamp,price,amount\nnoon,1,1\n'                      | 2 | timestamp | unparsable timestamp, value='noon'",
            "unparsable price        | 'timestamp,price,amount\n1,1.2.3,1\n'                     | 2 | price     | not a number, value='1.2.3'",
    })
    void badTradesFileIsRejectedNamingFileLineAndField(String name, String content, int line, String field, String problem)
            throws IOException {
        Path file = Files.writeString(dir.resolve("trades.csv"), content.replace("\\n", "\n"));
        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> TradeCsvReader.readBars(file, Duration.ofMinutes(1)));
        assertThat(e).as(name).isNotNull();
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.field()).isEqualTo(field);
        String prefix = file + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : "field '" + field + "': ");
        assertThat(e.getMessage()).startsWith(prefix).contains(problem);
    }
}
