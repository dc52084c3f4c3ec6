package io.vectrade.cli;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.data.csv.CsvNumbers;
import io.vectrade.data.csv.PanelCsvWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vendor files as they come give the same features, signals and model as the hand-cleaned files;
 * Parquet from another tool gives the same features as the CSV it came from; outputs go by
 * extension or to stdout.
 */
class DataInOutTest {
    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;
    private Panel market;

    @BeforeEach
    void market() throws IOException {
        market = SyntheticMarket.generate(SyntheticMarket.Shape.parse("3x260"), 11);
        Files.createDirectories(dir.resolve("clean"));
        for (int i = 0; i < market.instruments(); i++) {
            List<String> lines = new ArrayList<>();
            lines.add("date,open,high,low,close,volume");
            for (int t = 0; t < market.bars(); t++) {
                lines.add(date(t) + "," + bar(t, i));
            }
            Files.write(dir.resolve("clean").resolve(market.symbol(i) + ".csv"), lines);
        }
    }

    private String date(int t) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(market.timestampMillis(t)), ZoneOffset.UTC).toString();
    }

    private String bar(int t, int i) {
        return n(market.open(t, i)) + "," + n(market.high(t, i)) + "," + n(market.low(t, i)) + "," + n(market.close(t, i))
                + "," + n(market.volume(t, i));
    }

    private static String n(double v) {
        StringBuilder b = new StringBuilder();
        CsvNumbers.append(b, v);
        return b.toString();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = VectradeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Writes the vendor's form of the market into {@code dir/<vendor>/} and returns the --data argument. */
    private String vendor(String vendor) throws IOException {
        Path d = Files.createDirectories(dir.resolve(vendor));
        if (vendor.equals("yfinance")) {
            List<String> lines = new ArrayList<>();
            lines.add("Date,Ticker,Close,High,Low,Open,Volume");
            for (int t = 0; t < market.bars(); t++) {
                for (int i = 0; i < market.instruments(); i++) {
                    lines.add(date(t) + "," + market.symbol(i) + "," + n(market.close(t, i)) + "," + n(market.high(t, i)) + ","
                            + n(market.low(t, i)) + "," + n(market.open(t, i)) + "," + n(market.volume(t, i)));
                }
            }
            Files.write(d.resolve("download.csv"), lines);
            return d.resolve("download.csv").toString();
        }
        for (int i = 0; i < market.instruments(); i++) {
            List<String> lines = new ArrayList<>();
            switch (vendor) {
                case "yahoo" -> lines.add("Date,Open,High,Low,Close,Adj Close,Volume");
                case "pandas" -> lines.add(",date,open,high,low,close,volume");
                default -> { }
            }
            for (int t = 0; t < market.bars(); t++) {
                String[] f = bar(t, i).split(",");
                lines.add(switch (vendor) {
                    case "yahoo" -> date(t) + "," + f[0] + "," + f[1] + "," + f[2] + "," + f[3] + "," + n(market.close(t, i) * 0.97)
                            + "," + f[4];
                    case "binance" -> market.timestampMillis(t) + "," + bar(t, i) + "," + (market.timestampMillis(t) + 86_399_999L)
                            + ",1.5e7,1200,4.2e5,6.1e6,0";
                    case "pandas" -> t + "," + date(t) + "," + bar(t, i);
                    default -> throw new IllegalArgumentException(vendor);
                });
            }
            Files.write(d.resolve(market.symbol(i) + ".csv"), lines);
        }
        return d.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yahoo", "binance", "yfinance", "pandas"})
    void vendorFilesGiveTheFeaturesSignalsAndModelOfTheHandCleanedFiles(String vendor) throws IOException {
        String data = vendor(vendor);
        String clean = dir.resolve("clean").toString();
        for (String[] src : new String[][] {{data, vendor}, {clean, "clean"}}) {
            assertThat(run("features", "--data", src[0], "--features", "rsi(14),macd,bbands(20,2)",
                    "--out", dir.resolve(src[1] + "-f.csv").toString())).as(err.toString()).isZero();
            assertThat(run("run", "--data", src[0], "--out", dir.resolve(src[1] + "-s.csv").toString(), "--emit", "all"))
                    .as(err.toString()).isZero();
            assertThat(run("train", "--data", src[0], "--type", "linear", "--features", "rsi(14),momentum(10)", "--horizon", "3",
                    "--out", dir.resolve(src[1] + "-model").toString())).as(err.toString()).isZero();
        }
        assertThat(Files.readString(dir.resolve(vendor + "-f.csv"))).isEqualTo(Files.readString(dir.resolve("clean-f.csv")));
        assertThat(Files.readString(dir.resolve(vendor + "-s.csv"))).isEqualTo(Files.readString(dir.resolve("clean-s.csv")));
        assertThat(Files.readAllBytes(dir.resolve(vendor + "-model/model.safetensors")))
                .isEqualTo(Files.readAllBytes(dir.resolve("clean-model/model.safetensors")));
    }

    private static Path yfinance(String name) {
        try {
            return Path.of(DataInOutTest.class.getResource("/yfinance/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * yfinance's multi-level downloads (files in the layouts pandas writes, made by
     * src/test/resources/yfinance/make_fixtures.py) give the features and signals of the hand-cleaned
     * per-ticker files with the same numbers, with --format auto and --format yfinance.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "download-aapl-msft.csv, AAPL MSFT",
            "download-by-ticker-old.csv, AAPL MSFT",
            "download-aapl-btc-two-rows.csv, AAPL BTC-USD",
            "download-aapl.csv, AAPL"})
    void yfinanceMultiLevelDownloadsGiveTheValuesOfTheHandCleanedFiles(String download, String tickers) throws IOException {
        String clean = String.join(",", Stream.of(tickers.split(" ")).map(t -> yfinance("clean/" + t + ".csv").toString()).toList());
        String features = "rsi(14),macd,bbands(20,2),atr,obv";
        for (String[] src : new String[][] {{clean, "clean", "auto"}, {yfinance(download).toString(), "auto", "auto"},
                {yfinance(download).toString(), "yf", "yfinance"}}) {
            assertThat(run("features", "--data", src[0], "--format", src[2], "--features", features,
                    "--out", dir.resolve(src[1] + "-f.csv").toString())).as(err.toString()).isZero();
            assertThat(run("run", "--data", src[0], "--format", src[2], "--out", dir.resolve(src[1] + "-s.csv").toString(),
                    "--emit", "all")).as(err.toString()).isZero();
        }
        List<String> cleanFeatures = Files.readAllLines(dir.resolve("clean-f.csv"));
        assertThat(cleanFeatures.stream().skip(1).map(l -> l.split(",")[1]).distinct().toList())
                .containsExactly(tickers.split(" "));
        for (String form : List.of("auto", "yf")) {
            assertThat(Files.readAllLines(dir.resolve(form + "-f.csv"))).isEqualTo(cleanFeatures);
            assertThat(Files.readString(dir.resolve(form + "-s.csv"))).isEqualTo(Files.readString(dir.resolve("clean-s.csv")));
        }
    }

    @Test
    void aBadCellOfOneTickerInAMultiLevelDownloadNamesTheTickerOrSkipsOnlyItsBar() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(yfinance("download-aapl-msft.csv")));
        // line 6 (2024-01-04, after three header lines and two days): MSFT's close empty, the rest of the row intact
        String[] f = lines.get(5).split(",", -1);
        f[2] = "";
        lines.set(5, String.join(",", f));
        Path bad = dir.resolve("bad-download.csv");
        Files.write(bad, lines);
        Path target = dir.resolve("bad-f.csv");
        assertThat(run("features", "--data", bad.toString(), "--features", "rsi", "--out", target.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("vectrade: " + bad + ":6: field 'Close (MSFT)': empty value").doesNotContain("\tat ");
        assertThat(target).doesNotExist();
        assertThat(run("features", "--data", bad.toString(), "--on-bad-row", "skip", "--features", "momentum(1)",
                "--out", target.toString())).as(err.toString()).isZero();
        assertThat(err.toString() + out).contains("skipped 1 bad bar (line 6), each a missing bar of its ticker");
        List<String> rows = Files.readAllLines(target);
        // 2024-01-04 is the third bar: AAPL has it, MSFT's is missing (an empty cell, never a zero)
        assertThat(rows.get(1 + 2 * 2)).startsWith("2024-01-04,AAPL,").doesNotEndWith(",");
        assertThat(rows.get(1 + 2 * 2 + 1)).isEqualTo("2024-01-04,MSFT,");
        // and MSFT's next bar's momentum(1) is taken from its previous bar (2024-01-03), across the gap
        assertThat(rows.get(1 + 3 * 2 + 1)).startsWith("2024-01-05,MSFT,").doesNotEndWith(",");
    }

    @Test
    void csvToParquetByDuckDbThenFeaturesEqualsCsvToFeatures() throws Exception {
        Path csv = dir.resolve("long.csv");
        PanelCsvWriter.write(market, csv);
        Path pq = dir.resolve("long.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT symbol, CAST(timestamp AS TIMESTAMP) AS timestamp, open, high, low, close, volume FROM read_csv('"
                    + csv + "', header=true, columns={'symbol':'VARCHAR','timestamp':'VARCHAR','open':'DOUBLE','high':'DOUBLE',"
                    + "'low':'DOUBLE','close':'DOUBLE','volume':'DOUBLE'})) TO '" + pq + "' (FORMAT PARQUET)");
        }
        String features = "rsi(14),macd,bbands(20,2),atr,stoch,adx,obv,vwap";
        assertThat(run("features", "--data", csv.toString(), "--features", features, "--out", dir.resolve("a.csv").toString()))
                .as(err.toString()).isZero();
        assertThat(run("features", "--data", pq.toString(), "--features", features, "--out", dir.resolve("b.csv").toString()))
                .as(err.toString()).isZero();
        // CsvNumbers writes the shortest text that parses back to the same bits: equal text is equal bits
        assertThat(Files.readString(dir.resolve("b.csv"))).isEqualTo(Files.readString(dir.resolve("a.csv")));
        // and the Parquet output of the Parquet input, read back by DuckDB, holds the same values
        assertThat(run("features", "--data", pq.toString(), "--features", features, "--out", dir.resolve("b.parquet").toString()))
                .as(err.toString()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT count(*), count(\"rsi(14)\") FROM read_parquet('" + dir.resolve("b.parquet") + "')")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo((long) market.bars() * market.instruments());
            assertThat(r.getLong(2)).isEqualTo((long) (market.bars() - 14) * market.instruments());
        }
    }

    @Test
    void severalSourcesMakeOnePanelHoweverNamed() throws IOException {
        Path c = dir.resolve("clean");
        String[] files = market.symbols().stream().map(s -> c.resolve(s + ".csv").toString()).toArray(String[]::new);
        List<String> outputs = new ArrayList<>();
        List<String[]> forms = List.of(
                new String[] {"--data", c.toString()},
                new String[] {"--data", c.resolve("*.csv").toString()},
                new String[] {"--data", String.join(",", files)},
                new String[] {"--data", files[0], "--data", files[1] + "," + files[2]});
        for (String[] form : forms) {
            Path o = dir.resolve("m" + outputs.size() + ".csv");
            List<String> args = new ArrayList<>(List.of("features", "--features", "rsi(5)", "--out", o.toString()));
            args.addAll(List.of(form));
            assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
            assertThat(out.toString()).contains("instruments=3 bars=260");
            outputs.add(Files.readString(o));
        }
        assertThat(outputs).allMatch(s -> s.equals(outputs.get(0)));
        assertThat(run("features", "--features", "rsi", "--data", c.resolve("*.txt").toString(), "--out", dir.resolve("x.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("vectrade: no file matches --data");
    }

    @Test
    void outputFormatFollowsTheExtensionAndAnUnknownOneIsRefused() throws IOException {
        assertThat(run("features", "--synthetic", "2x40", "--features", "rsi", "--out", dir.resolve("f.jsonl").toString()))
                .as(err.toString()).isZero();
        assertThat(Files.readAllLines(dir.resolve("f.jsonl")).get(20)).startsWith("{\"timestamp\":\"").contains("\"rsi(14)\":");
        for (String bad : new String[] {"f.json", "f.parquett", "f"}) {
            assertThat(run("features", "--synthetic", "2x40", "--features", "rsi", "--out", dir.resolve(bad).toString())).isEqualTo(2);
            assertThat(err.toString()).startsWith("vectrade: unknown output format").contains(".csv, .jsonl, .parquet").hasLineCount(1);
            assertThat(dir.resolve(bad)).doesNotExist();
            assertThat(run("run", "--synthetic", "2x40", "--out", dir.resolve(bad).toString())).isEqualTo(2);
            assertThat(dir.resolve(bad)).doesNotExist();
        }
        assertThat(run("features", "--synthetic", "2x40", "--features", "rsi(14)", "--column-style", "snake",
                "--out", dir.resolve("snake.csv").toString())).isZero();
        assertThat(Files.readAllLines(dir.resolve("snake.csv")).get(0)).isEqualTo("timestamp,symbol,rsi_14");
    }

    @Test
    void outDashWritesToStdoutAndTheLogToStderr() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = run("features", "--synthetic", "2x30", "--features", "momentum(5)", "--out", "-");
        } finally {
            System.setOut(saved);
        }
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(61);
        assertThat(lines.get(0)).isEqualTo("timestamp,symbol,momentum(5)");
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("wrote     - (60 rows)");
        assertThat(dir.resolve("-")).doesNotExist();
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void parquetToStdoutHoldsTheFilesRowsAndIsRefusedOnATerminal() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = run("features", "--synthetic", "3x40", "--features", "rsi(5),momentum(2)", "--out", "-", "--out-format", "parquet");
        } finally {
            System.setOut(saved);
        }
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("wrote     - (120 rows)");
        Path piped = Files.write(dir.resolve("piped.parquet"), captured.toByteArray());
        Path file = dir.resolve("file.parquet");
        assertThat(run("features", "--synthetic", "3x40", "--features", "rsi(5),momentum(2)", "--out", file.toString()))
                .as(err.toString()).isZero();
        // DuckDB reads what went through stdout, and it is the file's rows
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT (SELECT count(*) FROM read_parquet('" + piped + "')),"
                     + " (SELECT count(*) FROM (SELECT * FROM read_parquet('" + piped + "') EXCEPT SELECT * FROM read_parquet('"
                     + file + "')))")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(120);
            assertThat(r.getLong(2)).isZero();
        }
        // binary on a terminal is refused before anything runs
        java.util.function.BooleanSupplier terminal = OutputTarget.stdoutIsTerminal;
        try {
            OutputTarget.stdoutIsTerminal = () -> true;
            assertThat(run("features", "--synthetic", "3x40", "--features", "rsi", "--out", "-", "--out-format", "parquet"))
                    .isEqualTo(2);
        } finally {
            OutputTarget.stdoutIsTerminal = terminal;
        }
        assertThat(err.toString()).startsWith("vectrade: --out - --out-format parquet writes binary Parquet to stdout, which is a terminal;")
                .doesNotContain("\tat ");
    }

    @Test
    void liveWritesItsSignalsAsParquetWithTheRowsOfItsCsv() throws Exception {
        Path csv = dir.resolve("live.csv");
        Path pq = dir.resolve("live.parquet");
        for (Path target : List.of(csv, pq)) {
            assertThat(run("live", "--replay", "--synthetic", "8x120", "--backend", "cpu", "--policy", "rank(top=2,bottom=2)",
                    "--out", target.toString())).as(err.toString()).isZero();
        }
        long csvRows = Files.readAllLines(csv).size() - 1;
        assertThat(csvRows).isPositive();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT count(*), (SELECT count(*) FROM (SELECT CAST(timestamp AS DATE) AS d, symbol, side, strength, weight"
                     + " FROM read_parquet('" + pq + "') EXCEPT SELECT CAST(timestamp AS DATE), symbol, side, strength, weight"
                     + " FROM read_csv('" + csv + "', header=true, columns={'timestamp':'DATE','symbol':'VARCHAR','side':'VARCHAR',"
                     + "'strength':'DOUBLE','weight':'DOUBLE'}))) FROM read_parquet('" + pq + "')")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(csvRows);
            assertThat(r.getLong(2)).isZero();
        }
    }

    @Test
    void badInputIsOneLineExitTwoNothingWrittenNoTempFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("BAD.csv"), "date,open,high,low,close,volume\n2023-03-13,1,1,1,1,1\n50000000000000,1,1,1,1,1\n");
        Path target = dir.resolve("outdir/f.csv");
        assertThat(run("features", "--data", bad.toString(), "--features", "rsi", "--out", target.toString())).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).startsWith("vectrade: " + bad + ":3: field 'date': ambiguous epoch");
        assertThat(target).doesNotExist();
        assertThat(run("features", "--data", bad.toString(), "--features", "rsi(14),sma(5", "--out", target.toString())).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("unclosed '(' of sma at position 12");
        assertThat(run("features", "--trades", bad.toString(), "--interval", "1M", "--features", "rsi", "--out", target.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("'M' is a month");
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().contains(".vtmp-"))).isEmpty();
        }
    }
}
