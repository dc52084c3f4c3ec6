package io.vectrade.parquet;

import io.vectrade.data.DataFormatException;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.data.csv.BarReadOptions;
import io.vectrade.data.csv.PanelCsvWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parquet files written by DuckDB (another tool than vectrade) read as the same bars as the CSV they came from. */
class ParquetBarReaderTest {
    @TempDir
    Path dir;

    /** Runs SQL in an in-memory DuckDB. */
    static void duckdb(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    static void assertSameBits(Panel a, Panel b) {
        assertThat(a.symbols()).isEqualTo(b.symbols());
        assertThat(a.timestampsMillis()).isEqualTo(b.timestampsMillis());
        for (int t = 0; t < b.bars(); t++) {
            for (int i = 0; i < b.instruments(); i++) {
                assertThat(Double.doubleToRawLongBits(a.open(t, i))).isEqualTo(Double.doubleToRawLongBits(b.open(t, i)));
                assertThat(Double.doubleToRawLongBits(a.high(t, i))).isEqualTo(Double.doubleToRawLongBits(b.high(t, i)));
                assertThat(Double.doubleToRawLongBits(a.low(t, i))).isEqualTo(Double.doubleToRawLongBits(b.low(t, i)));
                assertThat(Double.doubleToRawLongBits(a.close(t, i))).isEqualTo(Double.doubleToRawLongBits(b.close(t, i)));
                assertThat(Double.doubleToRawLongBits(a.volume(t, i))).isEqualTo(Double.doubleToRawLongBits(b.volume(t, i)));
            }
        }
    }

    @Test
    void longLayoutWrittenByDuckDbWithTimestampsEqualsTheCsv() throws Exception {
        Panel market = SyntheticMarket.generate(SyntheticMarket.Shape.parse("7x300"), 5);
        Path csv = dir.resolve("bars.csv");
        PanelCsvWriter.write(market, csv);
        Path pq = dir.resolve("bars.parquet");
        duckdb("COPY (SELECT symbol, CAST(timestamp AS TIMESTAMP) AS timestamp, open, high, low, close, volume"
                + " FROM read_csv('" + csv + "', header=true, columns={'symbol':'VARCHAR','timestamp':'VARCHAR','open':'DOUBLE',"
                + "'high':'DOUBLE','low':'DOUBLE','close':'DOUBLE','volume':'DOUBLE'})) TO '" + pq + "' (FORMAT PARQUET, ROW_GROUP_SIZE 500)");
        assertSameBits(ParquetBarReader.read(pq, BarReadOptions.DEFAULTS), BarCsvReader.read(csv));
    }

    @Test
    void wideLayoutWithDatesAndIntegerVolumeAndVendorNames() throws Exception {
        Path csv = Files.writeString(dir.resolve("AAPL.csv"), """
                date,open,high,low,close,volume
                2023-03-13,150.95,153.14,147.7,150.47,84457100
                2023-03-14,151.28,153.4,150.1,152.59,73695900
                """);
        Path pq = dir.resolve("AAPL.parquet");
        duckdb("COPY (SELECT * FROM (VALUES (DATE '2023-03-13', 150.95::DOUBLE, 153.14::DOUBLE, 147.7::DOUBLE, 150.47::DOUBLE, 149.2::DOUBLE, 84457100::BIGINT),"
                + " (DATE '2023-03-14', 151.28::DOUBLE, 153.4::DOUBLE, 150.1::DOUBLE, 152.59::DOUBLE, 151.3::DOUBLE, 73695900::BIGINT))"
                + " t(\"Date\", \"Open\", \"High\", \"Low\", \"Close\", \"Adj Close\", \"Volume\")) TO '" + pq + "' (FORMAT PARQUET)");
        java.util.List<String> notices = new java.util.ArrayList<>();
        assertSameBits(ParquetBarReader.read(pq, BarReadOptions.DEFAULTS.withNotices(notices::add)), BarCsvReader.read(csv));
        assertThat(notices).singleElement().asString().startsWith(pq + ": column 'Adj Close' not used");
    }

    @Test
    void badRowsNameFileRowAndColumnOrAreSkipped() throws Exception {
        Path pq = dir.resolve("X.parquet");
        duckdb("COPY (SELECT * FROM (VALUES (TIMESTAMP '2023-03-13 00:00:00', 10.0, 11.0, 9.0, 10.5, 5.0),"
                + " (TIMESTAMP '2023-03-14 00:00:00', NULL, 11.0, 9.0, 10.5, 5.0),"
                + " (TIMESTAMP '2023-03-15 00:00:00', 10.0, 8.0, 9.0, 10.5, 5.0),"
                + " (TIMESTAMP '2023-03-16 00:00:00', 10.0, 11.0, 9.0, 10.5, 5.0))"
                + " t(timestamp, open, high, low, close, volume)) TO '" + pq + "' (FORMAT PARQUET)");
        assertThatThrownBy(() -> ParquetBarReader.read(pq, BarReadOptions.DEFAULTS)).isInstanceOf(DataFormatException.class)
                .hasMessage(pq + ":2: field 'open': null or not a number");
        java.util.List<String> notices = new java.util.ArrayList<>();
        BarReadOptions skip = new BarReadOptions(BarReadOptions.DEFAULTS.preset(), java.util.Map.of(), false, null,
                BarReadOptions.DEFAULTS.epochUnit(), BarReadOptions.DEFAULTS.zone(), BarReadOptions.BadRowPolicy.SKIP, notices::add);
        Panel p = ParquetBarReader.read(pq, skip);
        assertThat(p.bars()).isEqualTo(2);
        assertThat(notices).containsExactly(pq + ": skipped 2 bad rows (rows 2, 3), each a missing bar");
    }

    @Test
    void notParquetIsOneLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.parquet"), "symbol,timestamp\n");
        assertThatThrownBy(() -> ParquetBarReader.read(bad, BarReadOptions.DEFAULTS)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(bad + ": not a readable Parquet file");
    }
}
