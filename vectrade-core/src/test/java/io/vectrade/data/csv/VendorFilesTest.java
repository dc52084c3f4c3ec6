package io.vectrade.data.csv;

import io.vectrade.data.DataFormatException;
import io.vectrade.data.Panel;
import io.vectrade.data.PanelBuilder;
import io.vectrade.data.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files as vendors write them read like the hand-cleaned equivalent, value for value. */
class VendorFilesTest {
    @TempDir
    Path dir;

    private final List<String> notices = new ArrayList<>();

    private BarReadOptions options(ColumnPreset preset) {
        return new BarReadOptions(preset, Map.of(), false, null, Timestamps.EpochUnit.AUTO, ZoneOffset.UTC,
                BarReadOptions.BadRowPolicy.FAIL, notices::add);
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertSamePanel(Panel actual, Panel expected) {
        assertThat(actual.symbols()).isEqualTo(expected.symbols());
        assertThat(actual.timestampsMillis()).isEqualTo(expected.timestampsMillis());
        for (int t = 0; t < expected.bars(); t++) {
            for (int i = 0; i < expected.instruments(); i++) {
                assertThat(Double.doubleToRawLongBits(actual.close(t, i))).isEqualTo(Double.doubleToRawLongBits(expected.close(t, i)));
                assertThat(Double.doubleToRawLongBits(actual.open(t, i))).isEqualTo(Double.doubleToRawLongBits(expected.open(t, i)));
                assertThat(Double.doubleToRawLongBits(actual.high(t, i))).isEqualTo(Double.doubleToRawLongBits(expected.high(t, i)));
                assertThat(Double.doubleToRawLongBits(actual.low(t, i))).isEqualTo(Double.doubleToRawLongBits(expected.low(t, i)));
                assertThat(Double.doubleToRawLongBits(actual.volume(t, i))).isEqualTo(Double.doubleToRawLongBits(expected.volume(t, i)));
            }
        }
    }

    private static final String CLEAN = """
            date,open,high,low,close,volume
            2023-03-13,150.95,153.14,147.7,150.47,84457100
            2023-03-14,151.28,153.4,150.1,152.59,73695900
            """;

    @Test
    void yahooDailyWithAdjClose() throws IOException {
        Path yahoo = file("AAPL.csv", """
                Date,Open,High,Low,Close,Adj Close,Volume
                2023-03-13,150.95,153.14,147.7,150.47,149.2,84457100
                2023-03-14,151.28,153.4,150.1,152.59,151.3,73695900
                """);
        Panel p = BarCsvReader.read(yahoo, options(ColumnPreset.YAHOO));
        assertSamePanel(p, BarCsvReader.read(file("clean/AAPL.csv".replace("clean/", ""), CLEAN).resolveSibling("AAPL.csv")));
        assertThat(notices).anyMatch(n -> n.contains("column 'Adj Close' not used") && n.contains("--adjust"));
    }

    @Test
    void adjustScalesOpenHighLowByAdjOverCloseAndUsesAdjAsClose() throws IOException {
        Path yahoo = file("AAPL.csv", """
                Date,Open,High,Low,Close,Adj Close,Volume
                2023-03-13,100,110,90,104,52,1000
                """);
        BarReadOptions adjust = new BarReadOptions(ColumnPreset.YAHOO, Map.of(), true, null, Timestamps.EpochUnit.AUTO,
                ZoneOffset.UTC, BarReadOptions.BadRowPolicy.FAIL, notices::add);
        Panel p = BarCsvReader.read(yahoo, adjust);
        // factor 52/104 = 0.5, exact in binary
        assertThat(p.open(0, 0)).isEqualTo(50.0);
        assertThat(p.high(0, 0)).isEqualTo(55.0);
        assertThat(p.low(0, 0)).isEqualTo(45.0);
        assertThat(p.close(0, 0)).isEqualTo(52.0);
        assertThat(p.volume(0, 0)).isEqualTo(1000.0);
        assertThatThrownBy(() -> BarCsvReader.read(file("B.csv", CLEAN), adjust)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("B.csv:1: field 'adjclose': --adjust needs an adjusted close column");
    }

    @Test
    void binanceKlinesWithAndWithoutHeader() throws IOException {
        String rows = """
                1678665600000,150.95,153.14,147.7,150.47,84457100,1678751999999,1.2e10,1000,4e7,6e9,0
                1678752000000,151.28,153.4,150.1,152.59,73695900,1678838399999,1.1e10,900,3e7,5e9,0
                """;
        Path headerless = file("BTCUSDT-1d.csv", rows);
        Path withHeader = file("BTCUSDT-1d-h.csv", String.join(",", ColumnPreset.BINANCE_KLINE_COLUMNS) + "\n" + rows);
        Path clean = file("BTCUSDT-1d-clean.csv", CLEAN);
        Panel expected = BarCsvReader.read(clean);
        for (ColumnPreset preset : List.of(ColumnPreset.AUTO, ColumnPreset.BINANCE)) {
            Panel a = BarCsvReader.read(headerless, options(preset).withSymbol("BTCUSDT-1d-clean"));
            Panel b = BarCsvReader.read(withHeader, options(preset).withSymbol("BTCUSDT-1d-clean"));
            assertSamePanel(a, expected);
            assertSamePanel(b, expected);
        }
        assertThat(notices).anyMatch(n -> n.contains("ignored columns close_time, quote_volume, count"));
        // Binance's 2025 spot files are in microseconds: the same bars
        Path micros = file("BTC-us.csv", rows.replace("1678665600000,", "1678665600000000,").replace("1678752000000,", "1678752000000000,"));
        assertSamePanel(BarCsvReader.read(micros, options(ColumnPreset.BINANCE).withSymbol("BTCUSDT-1d-clean")), expected);
    }

    @Test
    void yfinanceStackedIsTheLongFormWithTicker() throws IOException {
        Path stacked = file("yf.csv", """
                Date,Ticker,Close,High,Low,Open,Volume
                2023-03-13,AAPL,150.47,153.14,147.7,150.95,84457100
                2023-03-13,MSFT,253.92,260.12,251.18,256.06,33339700
                2023-03-14,AAPL,152.59,153.4,150.1,151.28,73695900
                2023-03-14,MSFT,260.79,261.07,255.86,256.75,33620300
                """);
        Path clean = file("long.csv", """
                symbol,timestamp,open,high,low,close,volume
                AAPL,2023-03-13,150.95,153.14,147.7,150.47,84457100
                MSFT,2023-03-13,256.06,260.12,251.18,253.92,33339700
                AAPL,2023-03-14,151.28,153.4,150.1,152.59,73695900
                MSFT,2023-03-14,256.75,261.07,255.86,260.79,33620300
                """);
        assertSamePanel(BarCsvReader.read(stacked, options(ColumnPreset.YFINANCE)), BarCsvReader.read(clean));
        assertSamePanel(BarCsvReader.read(stacked, options(ColumnPreset.AUTO)), BarCsvReader.read(clean));
    }

    @Test
    void pandasIndexColumnIsIgnoredWithANotice() throws IOException {
        Path pandas = file("AAPL.csv", """
                ,date,open,high,low,close,volume
                0,2023-03-13,150.95,153.14,147.7,150.47,84457100
                1,2023-03-14,151.28,153.4,150.1,152.59,73695900
                """);
        Panel p = BarCsvReader.read(pandas, options(ColumnPreset.AUTO));
        assertSamePanel(p, BarCsvReader.read(file("clean.csv", CLEAN), BarReadOptions.DEFAULTS.withSymbol("AAPL")));
        assertThat(notices).containsExactly(pandas + ": ignored column '' (field 1, an unnamed index column)");
    }

    @Test
    void explicitColumnsAndSymbol() throws IOException {
        Path odd = file("x.csv", """
                when,first,top,bottom,last,qty
                2023-03-13,150.95,153.14,147.7,150.47,84457100
                2023-03-14,151.28,153.4,150.1,152.59,73695900
                """);
        BarReadOptions o = new BarReadOptions(ColumnPreset.AUTO, Map.of("timestamp", "when", "open", "first", "high", "top",
                "low", "bottom", "close", "Last", "volume", "qty"), false, "AAPL", Timestamps.EpochUnit.AUTO, ZoneOffset.UTC,
                BarReadOptions.BadRowPolicy.FAIL, notices::add);
        assertSamePanel(BarCsvReader.read(odd, o), BarCsvReader.read(file("AAPL.csv", CLEAN)));
        BarReadOptions wrong = new BarReadOptions(ColumnPreset.AUTO, Map.of("close", "Adj Close"), false, null,
                Timestamps.EpochUnit.AUTO, ZoneOffset.UTC, BarReadOptions.BadRowPolicy.FAIL, notices::add);
        assertThatThrownBy(() -> BarCsvReader.read(odd, wrong)).hasMessageContaining("--columns close=Adj Close names no header column");
    }

    @Test
    void badRowsAreSkippedAsMissingBarsAndCountedWithTheirLines() throws IOException {
        Path withNull = file("AAPL.csv", """
                date,open,high,low,close,volume
                2023-03-13,150.95,153.14,147.7,150.47,84457100
                2023-03-14,null,null,null,null,null
                2023-03-15,151.28,153.4,150.1,152.59,73695900
                """);
        assertThatThrownBy(() -> BarCsvReader.read(withNull, options(ColumnPreset.AUTO)))
                .hasMessageContaining("AAPL.csv:3: field 'open': not a number, value='null'");
        BarReadOptions skip = new BarReadOptions(ColumnPreset.AUTO, Map.of(), false, null, Timestamps.EpochUnit.AUTO,
                ZoneOffset.UTC, BarReadOptions.BadRowPolicy.SKIP, notices::add);
        PanelBuilder b = new PanelBuilder();
        BarCsvReader.readInto(withNull, skip, b);
        BarCsvReader.readInto(file("MSFT.csv", """
                date,open,high,low,close,volume
                2023-03-13,256.06,260.12,251.18,253.92,33339700
                2023-03-14,256.75,261.07,255.86,260.79,33620300
                2023-03-15,256.75,261.07,255.86,260.79,33620300
                """), skip, b);
        Panel p = b.build();
        assertThat(p.bars()).isEqualTo(3);
        assertThat(p.isMissing(1, 0)).isTrue();
        assertThat(p.close(1, 0)).isNaN();
        assertThat(p.close(1, 1)).isEqualTo(260.79);
        assertThat(notices).containsExactly(withNull + ": skipped 1 bad row (line 3), each a missing bar");
    }

    @Test
    void aSymbolFromTwoFilesIsRefusedNamingBoth() throws IOException {
        PanelBuilder b = new PanelBuilder();
        BarCsvReader.readInto(file("AAPL.csv", CLEAN), BarReadOptions.DEFAULTS, b);
        Path other = Files.createDirectories(dir.resolve("more")).resolve("AAPL.csv");
        Files.writeString(other, CLEAN);
        assertThatThrownBy(() -> BarCsvReader.readInto(other, BarReadOptions.DEFAULTS, b))
                .hasMessageContaining("symbol AAPL comes from two sources").hasMessageContaining("more/AAPL.csv");
    }

    @Test
    void compactDatesAreDatesAndAmbiguousEpochsAreRefused() throws IOException {
        Path compact = file("AAPL.csv", CLEAN.replace("2023-03-13", "20230313").replace("2023-03-14", "20230314"));
        assertSamePanel(BarCsvReader.read(compact), BarCsvReader.read(file("c/AAPL.csv".replace("c/", "A.csv.tmp"), CLEAN), BarReadOptions.DEFAULTS.withSymbol("AAPL")));
        Path gap = file("G.csv", "timestamp,open,high,low,close,volume\n50000000000000,1,1,1,1,1\n");
        assertThatThrownBy(() -> BarCsvReader.read(gap)).hasMessageContaining("G.csv:2: field 'timestamp': ambiguous epoch timestamp")
                .hasMessageContaining("--epoch-unit");
    }
}
