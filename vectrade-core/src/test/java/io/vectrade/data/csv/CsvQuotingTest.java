package io.vectrade.data.csv;

import io.vectrade.data.Panel;
import io.vectrade.data.PanelBuilder;
import io.vectrade.feature.ColumnStyle;
import io.vectrade.feature.FeatureCsvWriter;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 4180 quoting in every CSV writer, and the reader that reads it back. */
class CsvQuotingTest {
    @TempDir
    Path dir;

    @Test
    void fieldsAreQuotedExactlyWhenTheyNeedIt() {
        assertThat(CsvText.field("AAPL")).isEqualTo("AAPL");
        assertThat(CsvText.field("BRK,B")).isEqualTo("\"BRK,B\"");
        assertThat(CsvText.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvText.field("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CsvText.field(" pad")).isEqualTo("\" pad\"");
        assertThat(CsvText.field("")).isEmpty();
    }

    @Test
    void aSymbolWithACommaFromAFileNameIsQuotedInFeaturesAndReadsBack() throws IOException {
        Path file = Files.writeString(dir.resolve("BRK,B \"x\".csv"), """
                date,open,high,low,close,volume
                2023-03-13,10,11,9,10.5,100
                2023-03-14,10,11,9,10.25,100
                """);
        Panel p = BarCsvReader.read(file);
        assertThat(p.symbols()).containsExactly("BRK,B \"x\"");
        FeatureSet set = FeatureSet.parse("momentum(1)");
        FeatureTable table = FeatureTable.allocate(set, p);
        table.column(0)[0] = Double.NaN;
        table.column(0)[1] = 0.25;
        StringWriter w = new StringWriter();
        FeatureCsvWriter.write(p, table, w);
        assertThat(w.toString()).isEqualTo("timestamp,symbol,momentum(1)\n"
                + "2023-03-13,\"BRK,B \"\"x\"\"\",\n"
                + "2023-03-14,\"BRK,B \"\"x\"\"\",0.25\n");
        // the panel writer quotes too, and the reader reads its long form back
        Path longForm = dir.resolve("long.csv");
        PanelCsvWriter.write(p, longForm);
        assertThat(Files.readString(longForm)).contains("\"BRK,B \"\"x\"\"\",2023-03-13");
        assertThat(BarCsvReader.read(longForm).symbols()).containsExactly("BRK,B \"x\"");
        assertThat(BarCsvReader.read(longForm).close(1, 0)).isEqualTo(10.25);
    }

    @Test
    void quotedFieldsAreReadAndBrokenQuotesNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("q.csv"), "symbol,timestamp,open,high,low,close,volume\n"
                + "\"A,1\", 2023-03-13 ,\"10\",11,9,10.5,100\n"
                + "\"B\"\"2\",2023-03-13,10,11,9,10.5,100\n");
        assertThat(BarCsvReader.read(file).symbols()).containsExactly("A,1", "B\"2");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "symbol,timestamp,open,high,low,close,volume\n\"A,2023-03-13,10,11,9,10.5,100\n");
        assertThatThrownBy(() -> BarCsvReader.read(bad)).hasMessageContaining("bad.csv:2: field 'symbol': unclosed quote in field 1");
        Path after = Files.writeString(dir.resolve("after.csv"), "symbol,timestamp,open,high,low,close,volume\n\"A\"x,2023-03-13,10,11,9,10.5,100\n");
        assertThatThrownBy(() -> BarCsvReader.read(after)).hasMessageContaining("after.csv:2: field 'symbol': text after the closing quote");
        PanelBuilder unused = new PanelBuilder();
        assertThat(unused.size()).isZero();
    }

    @Test
    void snakeColumnNames() {
        assertThat(ColumnStyle.SNAKE.names(FeatureSet.parse("rsi(14),macd,bbands(20,2.5),obv").columnNames())).containsExactly(
                "rsi_14", "macd_12_26_9_line", "macd_12_26_9_signal", "macd_12_26_9_hist",
                "bbands_20_2p5_upper", "bbands_20_2p5_middle", "bbands_20_2p5_lower", "obv");
        assertThat(ColumnStyle.CANONICAL.name("rsi(14)")).isEqualTo("rsi(14)");
        assertThatThrownBy(() -> ColumnStyle.parse("camel")).hasMessageContaining("valid: canonical, snake");
    }
}
