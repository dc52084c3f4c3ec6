package io.vectrade.cli;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.data.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FeaturesCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = VectradeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "features";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    @Test
    void syntheticMomentumMatchesAStraightforwardComputation() throws IOException {
        Path target = dir.resolve("out/features.csv");
        int rc = run("--synthetic", "3x30", "--seed", "9", "--features", "momentum(5)", "--out", target.toString());
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).contains("instruments=3 bars=30", "(asked: auto)", "load", "compute", "write",
                "(90 rows)");
        List<String> lines = Files.readAllLines(target);
        assertThat(lines).hasSize(1 + 90);
        assertThat(lines.get(0)).isEqualTo("timestamp,symbol,momentum(5)");
        Panel p = SyntheticMarket.generate(3, 30, 9);
        for (int t = 0; t < 30; t++) {
            for (int i = 0; i < 3; i++) {
                String[] f = lines.get(1 + t * 3 + i).split(",", -1);
                // daily bars: the date of the bar (midnight UTC), read back to the same instant
                assertThat(f[0]).matches("\\d{4}-\\d{2}-\\d{2}");
                assertThat(Timestamps.parseMillis(f[0])).isEqualTo(p.timestampMillis(t));
                assertThat(f[1]).isEqualTo(String.format("SYN%04d", i + 1));
                if (t < 5) {
                    assertThat(f[2]).isEmpty();
                } else {
                    assertThat(Double.parseDouble(f[2])).isEqualTo(p.close(t, i) - p.close(t - 5, i));
                }
            }
        }
        assertThat(listing()).containsExactly("out");
    }

    @Test
    void theStandardExampleFeatureListGivesOneColumnEachWithWarmUpCellsEmpty() throws IOException {
        Path target = dir.resolve("std.csv");
        assertThat(run("--synthetic", "4x60", "--features", "rsi(14),momentum(10),volatility(20)", "--backend", "auto",
                "--out", target.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("features  3 (3 columns)", "backend   simd (asked: auto)");
        List<String> lines = Files.readAllLines(target);
        assertThat(lines.get(0)).isEqualTo("timestamp,symbol,rsi(14),momentum(10),volatility(20)");
        assertThat(lines).hasSize(1 + 4 * 60);
        for (int t = 0; t < 60; t++) {
            for (int i = 0; i < 4; i++) {
                String[] f = lines.get(1 + t * 4 + i).split(",", -1);
                assertThat(f).hasSize(5);
                assertThat(f[2].isEmpty()).as("rsi warm-up at t=%d", t).isEqualTo(t < 14);
                assertThat(f[3].isEmpty()).as("momentum warm-up at t=%d", t).isEqualTo(t < 10);
                assertThat(f[4].isEmpty()).as("volatility warm-up at t=%d", t).isEqualTo(t < 20);
                if (t >= 14) {
                    assertThat(Double.parseDouble(f[2])).isBetween(0.0, 100.0);
                }
            }
        }
    }

    @Test
    void defaultDataIsTheSyntheticMarket100x2520Seed42() throws IOException {
        Path target = dir.resolve("f.csv");
        assertThat(run("--features", "momentum", "--out", target.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("synthetic 100x2520 seed=42", "instruments=100 bars=2520");
        try (Stream<String> lines = Files.lines(target)) {
            assertThat(lines.count()).isEqualTo(1 + 100 * 2520);
        }
    }

    @Test
    void barsFromACsvFile() throws IOException {
        Path data = resource("appleinc_bars_from_20130101_usd.csv");
        Path target = dir.resolve("aapl-features.csv");
        assertThat(run("--data", data.toString(), "--features", "momentum(1)", "--out", target.toString()))
                .as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(target);
        assertThat(lines).hasSize(253);
        assertThat(lines.get(1)).isEqualTo("2013-01-02,appleinc_bars_from_20130101_usd,");
        // closes 549.03 then 542.10 (file lines 2 and 3)
        assertThat(Double.parseDouble(lines.get(2).split(",")[2])).isEqualTo(542.10 - 549.03);
    }

    @Test
    void barsFromTrades() throws IOException {
        Path trades = resource("bitstamp_trades_from_20131125_usd.csv");
        Path target = dir.resolve("btc.csv");
        assertThat(run("--trades", trades.toString(), "--interval", "1d", "--features", "momentum(1)",
                "--backend", "simd", "--out", target.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("instruments=1 bars=7", "backend   simd\n");
        assertThat(Files.readAllLines(target)).hasSize(8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.vectrade.data.csv.BadBarFiles#cases")
    void badDataExitsWithCode2OneLineAndNoOutput(String name, String content, int line, String field, String problem)
            throws IOException {
        Path data = Files.writeString(dir.resolve("bad.csv"), content);
        Path target = dir.resolve("out.csv");
        int rc = run("--data", data.toString(), "--features", "momentum", "--out", target.toString());
        assertThat(rc).isEqualTo(2);
        String expected = "vectrade: " + data + (line > 0 ? ":" + line : "") + ": "
                + (field == null ? "" : "field '" + field + "': ");
        assertThat(err.toString()).startsWith(expected).contains(problem);
        assertThat(err.toString().strip().lines().count()).isEqualTo(1);
        assertThat(listing()).containsExactly("bad.csv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.vectrade.data.csv.BadBarFiles#cases")
    void badDataLeavesAnExistingOutputUntouched(String name, String content, int line, String field, String problem)
            throws IOException {
        Path data = Files.writeString(dir.resolve("bad.csv"), content);
        Path target = Files.writeString(dir.resolve("out.csv"), "earlier results\n");
        assertThat(run("--data", data.toString(), "--features", "momentum", "--out", target.toString())).isEqualTo(2);
        assertThat(Files.readString(target)).isEqualTo("earlier results\n");
        assertThat(listing()).containsExactly("bad.csv", "out.csv");
    }

    @Test
    void badTradesExitWithCode2() throws IOException {
        Path trades = Files.writeString(dir.resolve("t.csv"), "timestamp,price,amount\n1,10,1\n2,10,-1\n");
        Path target = dir.resolve("out.csv");
        assertThat(run("--trades", trades.toString(), "--interval", "1m", "--features", "momentum", "--out",
                target.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("vectrade: " + trades + ":3: field 'amount': amount must be finite and non-negative");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void cudaIsNotAvailable() {
        Path target = dir.resolve("out.csv");
        assertThat(run("--synthetic", "2x20", "--features", "momentum", "--backend", "cuda", "--out", target.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("vectrade: cuda backend not available:");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void usageErrorsExitWithCode2() {
        String o = dir.resolve("out.csv").toString();
        assertThat(run("--synthetic", "2x20", "--data", "x.csv", "--features", "momentum", "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("give one of --data, --trades, --synthetic");
        assertThat(run("--trades", "x.csv", "--features", "momentum", "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("--trades needs --interval");
        assertThat(run("--interval", "1m", "--features", "momentum", "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("--interval applies to --trades only");
        assertThat(run("--data", dir.resolve("missing.csv").toString(), "--features", "momentum", "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("input file not found, file=");
        assertThat(run("--data", "x.csv", "--seed", "3", "--features", "momentum", "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("--seed applies to --synthetic only");
        assertThat(run("--synthetic", "2by20", "--features", "momentum", "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("synthetic shape must be NxT");
        assertThat(run("--synthetic", "2x20", "--features", "momentum(x)", "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("is not a number");
        assertThat(run("--synthetic", "2x20", "--features", "momentum", "--backend", "gpu", "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("unknown backend, backend=gpu");
        assertThat(run("--trades", "x.csv", "--interval", "7m", "--features", "momentum", "--out", o)).isEqualTo(2);
        assertThat(err.toString()).contains("interval must divide 24 hours");
        assertThat(run("--synthetic", "2x20", "--features", "momentum")).isEqualTo(2);
        assertThat(err.toString()).contains("--out");
        assertThat(Files.exists(Path.of(o))).isFalse();
    }
}
