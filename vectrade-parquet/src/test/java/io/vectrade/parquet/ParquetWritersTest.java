package io.vectrade.parquet;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.pipeline.Backends;
import io.vectrade.io.AtomicFiles;
import io.vectrade.signal.Signal;
import io.vectrade.signal.SignalFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What vectrade writes as Parquet, read back by DuckDB (another tool), value for value. */
class ParquetWritersTest {
    @TempDir
    Path dir;

    @Test
    void featuresReadByDuckDbEqualTheTableBitForBitWithNullsForNaN() throws Exception {
        Panel panel = SyntheticMarket.generate(SyntheticMarket.Shape.parse("4x120"), 3);
        FeatureSet set = FeatureSet.parse("rsi(14),bbands(20,2),momentum(5)");
        FeatureTable table;
        try (FeatureEngine engine = Backends.featureEngine(Backend.CPU)) {
            table = engine.compute(panel, set);
        }
        Path out = dir.resolve("f.parquet");
        AtomicFiles.writeBytes(out, o -> FeatureParquetWriter.write(panel, table, set.columnNames(), o, out.toString()));
        int n = panel.instruments();
        int rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT epoch_ms(timestamp) AS ms, symbol, \"rsi(14)\", \"bbands(20,2).upper\","
                     + " \"momentum(5)\" FROM read_parquet('" + out + "')")) {
            while (r.next()) {
                int t = rows / n;
                int i = rows % n;
                assertThat(r.getLong(1)).isEqualTo(panel.timestampMillis(t));
                assertThat(r.getString(2)).isEqualTo(panel.symbol(i));
                String[] cols = {"rsi(14)", "bbands(20,2).upper", "momentum(5)"};
                for (int k = 0; k < cols.length; k++) {
                    double expected = table.value(set.columnIndex(cols[k]), t, i);
                    double got = r.getDouble(3 + k);
                    if (Double.isNaN(expected)) {
                        assertThat(r.wasNull()).as(cols[k] + " at " + rows).isTrue();
                    } else {
                        assertThat(Double.doubleToRawLongBits(got)).as(cols[k] + " at " + rows)
                                .isEqualTo(Double.doubleToRawLongBits(expected));
                    }
                }
                rows++;
            }
        }
        assertThat(rows).isEqualTo(panel.bars() * n);
    }

    @Test
    void signalsReadByDuckDb() throws Exception {
        List<Signal> signals = List.of(new Signal(1_700_000_000_000L, "A,B \"x\"", SignalFrame.LONG, 0.75, 0.05),
                new Signal(1_700_086_400_000L, "C", SignalFrame.SHORT, -0.5, -0.125));
        Path out = dir.resolve("s.parquet");
        AtomicFiles.writeBytes(out, o -> SignalParquetWriter.write(signals, o, out.toString()));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT epoch_ms(timestamp), symbol, side, strength, weight FROM read_parquet('" + out + "')")) {
            for (Signal expected : signals) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(expected.timestampMillis());
                assertThat(r.getString(2)).isEqualTo(expected.symbol());
                assertThat(r.getString(3)).isEqualTo(expected.sideName());
                assertThat(r.getDouble(4)).isEqualTo(expected.strength());
                assertThat(r.getDouble(5)).isEqualTo(expected.targetWeight());
            }
            assertThat(r.next()).isFalse();
        }
    }
}
