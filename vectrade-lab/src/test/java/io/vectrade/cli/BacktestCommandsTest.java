package io.vectrade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** backtest, walkforward, train --from/--to and run --emit scores through the command line. */
class BacktestCommandsTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cl = VectradeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static JsonNode json(Path p) throws Exception {
        return new ObjectMapper().readTree(p.toFile());
    }

    /** The same tree, every number within 1e-12 of the larger magnitude (and 1e-300 absolute), everything else equal. */
    private static void assertJsonClose(String at, JsonNode actual, JsonNode expected) {
        assertThat(actual.getNodeType()).as(at).isEqualTo(expected.getNodeType());
        if (expected.isNumber()) {
            double a = actual.asDouble();
            double e = expected.asDouble();
            assertThat(Math.abs(a - e)).as(at + ": " + a + " against " + e)
                    .isLessThanOrEqualTo(1e-12 * Math.max(Math.abs(a), Math.abs(e)) + 1e-300);
        } else if (expected.isContainerNode()) {
            assertThat(actual.size()).as(at).isEqualTo(expected.size());
            if (expected.isArray()) {
                for (int k = 0; k < expected.size(); k++) {
                    assertJsonClose(at + "[" + k + "]", actual.get(k), expected.get(k));
                }
            } else {
                expected.fieldNames().forEachRemaining(f -> assertJsonClose(at + "." + f, actual.get(f), expected.get(f)));
            }
        } else {
            assertThat(actual).as(at).isEqualTo(expected);
        }
    }

    @Test
    void backtestWritesTheReportAndCostsLowerTheReturn() throws Exception {
        Path report = dir.resolve("report");
        int code = run("backtest", "--synthetic", "30x400", "--backend", "cpu", "--policy", "rank(top=3,bottom=3)",
                "--cost-bps", "0,10", "--borrow-bps", "50", "--report", report.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("cost 0 bps").contains("cost 10 bps").contains("equal-weight universe")
                .contains("signal    h=1").contains("signal    h=20");
        JsonNode j = json(report.resolve("backtest_metrics.json"));
        assertThat(j.get("schema").asText()).isEqualTo("vectrade-backtest");
        assertThat(j.get("schema_version").asInt()).isEqualTo(2);
        JsonNode free = j.get("runs").get(0).get("metrics");
        JsonNode costly = j.get("runs").get(1).get("metrics");
        assertThat(free.get("turnover_per_bar").asDouble()).isPositive();
        assertThat(costly.get("total_return").asDouble()).isLessThan(free.get("total_return").asDouble());
        assertThat(costly.get("cost_drag").asDouble()).isGreaterThan(free.get("cost_drag").asDouble());
        assertThat(j.get("signal_quality")).hasSize(3);
        assertThat(j.get("signal_quality").get(0).get("quantile_mean_forward_return")).hasSize(10);
        for (String plot : List.of("equity", "drawdown", "rolling_sharpe", "ic", "quantiles", "turnover")) {
            byte[] png = Files.readAllBytes(report.resolve("backtest_" + plot + ".png"));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        }
        assertThat(Files.readString(report.resolve("backtest.md"))).contains("| Sharpe |").contains("## Signal quality");
        assertThat(Files.readString(report.resolve("backtest.html"))).contains("data:image/png;base64,")
                .doesNotContain("src=\"http");
    }

    /**
     * Several policies in one run (one model run, the scores reused) give, row for row, what separate runs of each
     * policy give: every (policy, cost) run with its legs, and the signal quality. One policy sizes by volatility
     * and the other does not, so the shared run computes a feature the single run of the first policy lacks.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cpu", "simd"})
    void severalPoliciesEqualSeparateRuns(String backend) throws Exception {
        String p1 = "rank(top=3,bottom=3)";
        String p2 = "rank(quantile=0.2) | voltarget(target=0.1) | caps(max=0.1,gross=1)";
        String p2Spec = io.vectrade.signal.SignalChain.parse(p2).spec();   // the canonical text names its row
        String[] common = {"--synthetic", "30x400", "--backend", backend, "--cost-bps", "0,10", "--borrow-bps", "50"};
        Path both = dir.resolve("both");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(run(concat(new String[]{"backtest", "--policy", p1, "--policy", p2, "--report", both.toString()}, common)))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("policy    " + p1).contains("policy    " + p2Spec);
        assertThat(run(concat(new String[]{"backtest", "--policy", p1, "--report", a.toString()}, common)))
                .as(err.toString()).isZero();
        assertThat(run(concat(new String[]{"backtest", "--policy", p2, "--report", b.toString()}, common)))
                .as(err.toString()).isZero();
        JsonNode jBoth = json(both.resolve("backtest_metrics.json"));
        JsonNode ja = json(a.resolve("backtest_metrics.json"));
        JsonNode jb = json(b.resolve("backtest_metrics.json"));
        assertThat(ja.get("first_bar")).isEqualTo(jb.get("first_bar")).isEqualTo(jBoth.get("first_bar"));
        JsonNode runs = jBoth.get("runs");
        assertThat(runs).hasSize(4);
        assertThat(ja.get("runs")).hasSize(2);
        assertThat(runs.get(0).get("policy").asText()).isEqualTo(p1);
        assertThat(runs.get(2).get("policy").asText()).isEqualTo(p2Spec);
        for (int k = 0; k < 2; k++) {
            assertThat(runs.get(k)).isEqualTo(ja.get("runs").get(k));
            assertThat(runs.get(2 + k)).isEqualTo(jb.get("runs").get(k));
        }
        assertThat(runs.get(0).get("metrics")).isNotEqualTo(runs.get(2).get("metrics"));
        if (backend.equals("cpu")) {
            assertThat(jBoth.get("signal_quality")).isEqualTo(ja.get("signal_quality")).isEqualTo(jb.get("signal_quality"));
        } else {
            // simd's logistic takes the Vector API's EXP: Java code until C2 has compiled the predictor, SVML after,
            // which may differ in the last bit (docs/design.md, determinism), so a first, cold run's scores may differ
            // from a later run's by an ulp, and the IC statistics with them: equal within 1e-12 relative
            assertJsonClose("signal_quality", jBoth.get("signal_quality"), ja.get("signal_quality"));
            assertJsonClose("signal_quality", jBoth.get("signal_quality"), jb.get("signal_quality"));
        }
        assertThat(jBoth.get("benchmark_equal_weight")).isEqualTo(ja.get("benchmark_equal_weight"));
        String md = Files.readString(both.resolve("backtest.md"));
        assertThat(md).contains("## Long and short legs").contains("| rank(top=3,bottom=3) | 10 |");
    }

    /** Each cost level of a sweep costs the long and short legs at that level, as a run at that level alone does. */
    @Test
    void legsAreCostedAtEveryLevelOfASweep() throws Exception {
        String[] common = {"--synthetic", "30x400", "--backend", "simd", "--policy", "rank(top=4,bottom=4)",
                "--borrow-bps", "80"};
        Path sweep = dir.resolve("sweep");
        assertThat(run(concat(new String[]{"backtest", "--cost-bps", "0,10,25", "--report", sweep.toString()}, common)))
                .as(err.toString()).isZero();
        JsonNode runs = json(sweep.resolve("backtest_metrics.json")).get("runs");
        assertThat(runs).hasSize(3);
        String[] levels = {"0", "10", "25"};
        for (int k = 0; k < levels.length; k++) {
            Path one = dir.resolve("one" + k);
            assertThat(run(concat(new String[]{"backtest", "--cost-bps", levels[k], "--report", one.toString()}, common)))
                    .as(err.toString()).isZero();
            JsonNode single = json(one.resolve("backtest_metrics.json")).get("runs");
            assertThat(single).hasSize(1);
            assertThat(runs.get(k)).isEqualTo(single.get(0));
        }
        for (String leg : List.of("long_leg", "short_leg")) {
            assertThat(runs.get(2).get(leg).get("total_return").asDouble())
                    .isLessThan(runs.get(0).get(leg).get("total_return").asDouble());
            assertThat(runs.get(2).get(leg).get("cost_drag").asDouble())
                    .isGreaterThan(runs.get(0).get(leg).get("cost_drag").asDouble());
        }
    }

    /** The weights written by run (with scores) and read back by backtest --signals give the same metrics. */
    @Test
    void aSignalsFileBacktestsLikeTheModelRun() throws Exception {
        Path signals = dir.resolve("s.csv");
        String[] common = {"--synthetic", "25x300", "--backend", "cpu"};
        assertThat(run(concat(new String[]{"run", "--emit", "scores", "--policy", "rank(top=4,bottom=4)",
                "--out", signals.toString()}, common))).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(signals);
        assertThat(lines.getFirst()).isEqualTo("timestamp,symbol,side,strength,weight,score");
        assertThat(lines).hasSize(1 + 25 * 300);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(run(concat(new String[]{"backtest", "--policy", "rank(top=4,bottom=4)", "--report", a.toString()}, common)))
                .as(err.toString()).isZero();
        assertThat(run(concat(new String[]{"backtest", "--signals", signals.toString(), "--report", b.toString()}, common)))
                .as(err.toString()).isZero();
        JsonNode ja = json(a.resolve("backtest_metrics.json"));
        JsonNode jb = json(b.resolve("backtest_metrics.json"));
        // the same rows, named by the signals file instead of the policy
        assertThat(jb.get("runs").get(0).get("policy").asText()).isEqualTo("s.csv");
        assertThat(ja.get("runs").get(0).get("policy").asText()).isEqualTo("rank(top=4,bottom=4)");
        for (JsonNode r : List.of(ja.get("runs").get(0), jb.get("runs").get(0))) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove("policy");
        }
        assertThat(jb.get("runs")).isEqualTo(ja.get("runs"));
        assertThat(jb.get("signal_quality")).isEqualTo(ja.get("signal_quality"));
    }

    @Test
    void walkforwardScoresOnlyAfterTheFirstWindowAndBacktests() throws Exception {
        Path oos = dir.resolve("oos.csv");
        Path report = dir.resolve("wf");
        int code = run("walkforward", "--synthetic", "20x400", "--backend", "cpu", "--type", "linear",
                "--train-bars", "150", "--step", "50", "--cost-bps", "5", "--out", oos.toString(), "--report", report.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("walk      5 refits").contains("out-of-sample bars 150..399");
        List<String> lines = Files.readAllLines(oos);
        assertThat(lines.getFirst()).endsWith(",score");
        assertThat(lines).hasSize(1 + 20 * 250);
        JsonNode j = json(report.resolve("backtest_metrics.json"));
        assertThat(j.get("first_bar").asInt()).isEqualTo(150);
        // the stitched file backtests to the same numbers
        Path again = dir.resolve("again");
        assertThat(run("backtest", "--synthetic", "20x400", "--signals", oos.toString(), "--cost-bps", "5",
                "--report", again.toString())).as(err.toString()).isZero();
        JsonNode k = json(again.resolve("backtest_metrics.json"));
        assertThat(k.get("runs").get(0).get("metrics").get("total_return").asDouble())
                .isEqualTo(j.get("runs").get(0).get("metrics").get("total_return").asDouble());
        // a second policy on the same out-of-sample scores adds its rows and leaves the first policy's unchanged
        Path two = dir.resolve("wf2");
        assertThat(run("walkforward", "--synthetic", "20x400", "--backend", "cpu", "--type", "linear",
                "--train-bars", "150", "--step", "50", "--cost-bps", "5", "--policy", PolicyOption.CROSS_SECTIONAL,
                "--policy", "rank(top=3,bottom=3)", "--report", two.toString())).as(err.toString()).isZero();
        JsonNode w2 = json(two.resolve("backtest_metrics.json"));
        assertThat(w2.get("runs")).hasSize(2);
        assertThat(w2.get("runs").get(0)).isEqualTo(j.get("runs").get(0));
        assertThat(w2.get("runs").get(1).get("policy").asText()).isEqualTo("rank(top=3,bottom=3)");
    }

    @Test
    void trainOnADateRange() throws Exception {
        Path model = dir.resolve("m");
        int code = run("train", "--synthetic", "10x400", "--type", "linear", "--from", "50", "--to", "299",
                "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        // labels of horizon 5 end at bar 299: training bars 50..294, test from 300
        assertThat(out.toString()).contains("train bars 50..294 (labels to bar 299), test bars [300, 395)");
        assertThat(run("train", "--synthetic", "10x400", "--from", "2099-01-01", "--out", dir.resolve("m2").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--from is after the last bar");
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingWritten() throws Exception {
        Path report = dir.resolve("r");
        assertThat(run("backtest", "--synthetic", "12x200", "--cost-bps", "-1", "--report", report.toString())).isEqualTo(2);
        assertThat(run("backtest", "--synthetic", "12x200", "--execution", "noon", "--report", report.toString())).isEqualTo(2);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "timestamp,symbol,side,strength,weight\n2015-01-02T00:00:00Z,NOPE,long,1,0.1\n");
        assertThat(run("backtest", "--synthetic", "12x200", "--signals", bad.toString(), "--report", report.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("bad.csv:2: field 'symbol'")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run("walkforward", "--synthetic", "12x200", "--train-bars", "300", "--report", report.toString()))
                .isEqualTo(2);
        assertThat(run("backtest", "--synthetic", "12x200", "--policy", "rank(top=2)", "--policy", "rank(top=2)",
                "--report", report.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--policy given twice");
        assertThat(run("walkforward", "--synthetic", "12x200", "--train-bars", "100", "--policy", "rank(top=2)",
                "--policy", "rank(top=3)", "--out", dir.resolve("o.csv").toString(), "--report", report.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--out writes the signals of one policy");
        assertThat(dir.resolve("o.csv")).doesNotExist();
        assertThat(report).doesNotExist();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
