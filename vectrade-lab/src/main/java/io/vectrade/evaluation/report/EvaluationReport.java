package io.vectrade.evaluation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vectrade.bench.report.AtomicWrite;
import io.vectrade.bench.report.Plot;
import io.vectrade.evaluation.PortfolioMetrics;
import io.vectrade.evaluation.SignalQuality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Writes an {@link Evaluation} into a directory: {@code backtest.md}, {@code backtest.html} (self-contained: the
 * plots are inlined), {@code backtest_<plot>.png} and {@code backtest_metrics.json} ({@value #SCHEMA} version
 * {@value #SCHEMA_VERSION}; NaN is null). Each file is written atomically. Stateless.
 */
public final class EvaluationReport {
    public static final String SCHEMA = "vectrade-backtest";
    /** 2: one run per (policy, cost level), each with its own long and short legs (1: runs per cost level, one pair of legs). */
    public static final int SCHEMA_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationReport() {
    }

    /** The files written, in order. */
    public static List<Path> write(Evaluation e, Path dir) throws IOException {
        List<Plot> plots = EvaluationPlots.of(e);
        String md = markdown(e, plots);
        String html = html(e, plots);
        String json = JSON.writeValueAsString(json(e));
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Plot p : plots) {
            Path f = dir.resolve("backtest_" + p.fileSuffix());
            AtomicWrite.write(f, p.png(), true);
            out.add(f);
        }
        Path j = dir.resolve("backtest_metrics.json");
        AtomicWrite.write(j, json + "\n", true);
        out.add(j);
        Path m = dir.resolve("backtest.md");
        AtomicWrite.write(m, md, true);
        out.add(m);
        Path h = dir.resolve("backtest.html");
        AtomicWrite.write(h, html, true);
        out.add(h);
        return out;
    }

    /** The metric rows of the portfolio table: label, how to read it, percent or plain. */
    private record Row(String label, ToDoubleFunction<PortfolioMetrics> get, boolean percent) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("total return", PortfolioMetrics::totalReturn, true),
            new Row("annual return", PortfolioMetrics::annualReturn, true),
            new Row("annual volatility", PortfolioMetrics::annualVolatility, true),
            new Row("Sharpe", PortfolioMetrics::sharpe, false),
            new Row("Sortino", PortfolioMetrics::sortino, false),
            new Row("max drawdown", PortfolioMetrics::maxDrawdown, true),
            new Row("max drawdown length (bars)", m -> m.maxDrawdownBars(), false),
            new Row("Calmar", PortfolioMetrics::calmar, false),
            new Row("hit rate", PortfolioMetrics::hitRate, true),
            new Row("turnover per bar", PortfolioMetrics::turnoverPerBar, true),
            new Row("turnover per year", PortfolioMetrics::turnoverPerYear, false),
            new Row("gross annual return", PortfolioMetrics::grossAnnualReturn, true),
            new Row("gross Sharpe", PortfolioMetrics::grossSharpe, false),
            new Row("cost drag per year", PortfolioMetrics::costDrag, true));

    /** A row of a metrics table: what it is (policy, cost or leg) and its metrics. */
    private record Line(String policy, String cost, PortfolioMetrics metrics) {
    }

    /** The portfolio table: one row per (policy, cost level), then the benchmark. */
    private static List<Line> portfolio(Evaluation e) {
        List<Line> rows = new ArrayList<>();
        for (Evaluation.Run r : e.runs()) {
            rows.add(new Line(r.policy(), fmtBps(r.costs().commissionBps()), r.metrics()));
        }
        rows.add(new Line("equal-weight universe", "0", e.benchmark()));
        return rows;
    }

    /** The legs table: the long and the short leg of every (policy, cost level). */
    private static List<Line> legs(Evaluation e) {
        List<Line> rows = new ArrayList<>();
        for (Evaluation.Run r : e.runs()) {
            rows.add(new Line(r.policy() + ", long leg", fmtBps(r.costs().commissionBps()), r.longLeg()));
            rows.add(new Line(r.policy() + ", short leg", fmtBps(r.costs().commissionBps()), r.shortLeg()));
        }
        return rows;
    }

    private static void markdownTable(StringBuilder b, List<Line> lines) {
        b.append("| policy | cost (bps) |");
        ROWS.forEach(r -> b.append(' ').append(r.label()).append(" |"));
        b.append("\n|---|---:|");
        ROWS.forEach(r -> b.append("---:|"));
        b.append('\n');
        for (Line l : lines) {
            b.append("| ").append(l.policy().replace("|", "\\|")).append(" | ").append(l.cost()).append(" |");
            for (Row r : ROWS) {
                b.append(' ').append(cell(r.get().applyAsDouble(l.metrics()), r.percent())).append(" |");
            }
            b.append('\n');
        }
    }

    private static void htmlTable(StringBuilder b, List<Line> lines) {
        b.append("<table><tr><th>policy</th><th>cost (bps)</th>");
        ROWS.forEach(r -> b.append("<th>").append(esc(r.label())).append("</th>"));
        b.append("</tr>\n");
        for (Line l : lines) {
            b.append("<tr><td>").append(esc(l.policy())).append("</td><td>").append(esc(l.cost())).append("</td>");
            for (Row r : ROWS) {
                b.append("<td>").append(esc(cell(r.get().applyAsDouble(l.metrics()), r.percent()))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    static String markdown(Evaluation e, List<Plot> plots) {
        StringBuilder b = new StringBuilder();
        b.append("# Backtest: ").append(e.title()).append("\n\n");
        for (String line : setup(e)) {
            b.append("- ").append(line).append('\n');
        }
        b.append("\n## Portfolio\n\nOne row per policy and cost level; the benchmark has no costs.\n\n");
        markdownTable(b, portfolio(e));
        b.append("\n## Long and short legs\n\nEach policy's positive and negative weights alone, at each cost level.\n\n");
        markdownTable(b, legs(e));
        if (!e.quality().isEmpty()) {
            b.append("\n## Signal quality\n\n");
            b.append("| horizon (bars) | IC mean | ICIR | IC t-stat | rank IC mean | rank ICIR | rank IC t-stat | bars |"
                    + " top − bottom quantile |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (SignalQuality q : e.quality()) {
                b.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %d | %s |%n", q.horizon(),
                        num(q.icMean()), num(q.icir()), num(q.icTstat()), num(q.rankIcMean()), num(q.rankIcir()),
                        num(q.rankIcTstat()), q.rankIcBars(), cell(q.spread(), true)));
            }
            int nq = e.quality().getFirst().quantileMeans().length;
            b.append("\nMean forward return by score quantile (1 = lowest scores):\n\n| horizon |");
            for (int k = 1; k <= nq; k++) {
                b.append(' ').append(k).append(" |");
            }
            b.append("\n|---:|").append("---:|".repeat(nq)).append('\n');
            for (SignalQuality q : e.quality()) {
                b.append("| ").append(q.horizon()).append(" |");
                for (double v : q.quantileMeans()) {
                    b.append(' ').append(cell(v, true)).append(" |");
                }
                b.append('\n');
            }
        }
        b.append("\n## Plots\n\n");
        for (Plot p : plots) {
            b.append("![").append(p.title()).append("](backtest_").append(p.fileSuffix()).append(")\n\n");
        }
        b.append("Formulas and conventions: docs/evaluation.md of vectrade.\n");
        return b.toString();
    }

    private static List<String> setup(Evaluation e) {
        long[] ts = e.timestamps();
        List<String> s = new ArrayList<>();
        s.add(String.format(Locale.ROOT, "%d instruments; evaluated bars %d..%d (%s to %s), %d bars", e.symbols().size(),
                e.from(), ts.length - 1, Instant.ofEpochMilli(ts[e.from()]), Instant.ofEpochMilli(ts[ts.length - 1]),
                ts.length - e.from()));
        s.add("execution: " + e.config().execution().id() + " (a weight decided at the close of bar t is "
                + (e.config().execution().id().equals("close") ? "traded at that close" : "traded at the open of t+1")
                + " and held to the next bar)");
        s.add("policies: " + String.join("; ", e.runs().stream().map(Evaluation.Run::policy).distinct().toList())
                + " (one model run: the same scores)");
        s.add(String.format(Locale.ROOT, "costs: commission %s bps of traded notional (one row per level), slippage %s bps,"
                        + " borrow %s bps a year on shorts", String.join(", ", e.runs().stream()
                        .map(r -> fmtBps(r.costs().commissionBps())).distinct().toList()), fmtBps(e.config().costs().slippageBps()),
                fmtBps(e.config().costs().borrowBpsPerYear())));
        s.add(String.format(Locale.ROOT, "annualised with %s bars a year; Sharpe and Sortino with a risk-free rate of 0;"
                + " sample standard deviation (n − 1)", num(e.config().periodsPerYear())));
        return s;
    }

    static String html(Evaluation e, List<Plot> plots) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest: ").append(esc(e.title()))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right}th:first-child,td:first-child{text-align:left}img{max-width:100%}</style>"
                        + "</head><body>\n");
        b.append("<h1>Backtest: ").append(esc(e.title())).append("</h1>\n<ul>");
        for (String line : setup(e)) {
            b.append("<li>").append(esc(line)).append("</li>");
        }
        b.append("</ul>\n<h2>Portfolio</h2>\n<p>One row per policy and cost level; the benchmark has no costs.</p>\n");
        htmlTable(b, portfolio(e));
        b.append("<h2>Long and short legs</h2>\n<p>Each policy's positive and negative weights alone, at each cost level.</p>\n");
        htmlTable(b, legs(e));
        if (!e.quality().isEmpty()) {
            b.append("<h2>Signal quality</h2>\n<table><tr><th>horizon (bars)</th><th>IC mean</th><th>ICIR</th>"
                    + "<th>IC t-stat</th><th>rank IC mean</th><th>rank ICIR</th><th>rank IC t-stat</th><th>bars</th>"
                    + "<th>top − bottom quantile</th></tr>\n");
            for (SignalQuality q : e.quality()) {
                b.append("<tr><td>").append(q.horizon()).append("</td><td>").append(num(q.icMean())).append("</td><td>")
                        .append(num(q.icir())).append("</td><td>").append(num(q.icTstat())).append("</td><td>")
                        .append(num(q.rankIcMean())).append("</td><td>").append(num(q.rankIcir())).append("</td><td>")
                        .append(num(q.rankIcTstat())).append("</td><td>").append(q.rankIcBars()).append("</td><td>")
                        .append(esc(cell(q.spread(), true))).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<h2>Plots</h2>\n");
        for (Plot p : plots) {
            b.append("<figure><img alt=\"").append(esc(p.title())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(p.png())).append("\"><figcaption>").append(esc(p.title()))
                    .append("</figcaption></figure>\n");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    static ObjectNode json(Evaluation e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("schema_version", SCHEMA_VERSION);
        root.put("title", e.title());
        root.put("instruments", e.symbols().size());
        root.put("bars", e.timestamps().length);
        root.put("first_bar", e.from());
        root.put("first_timestamp", Instant.ofEpochMilli(e.timestamps()[e.from()]).toString());
        root.put("last_timestamp", Instant.ofEpochMilli(e.timestamps()[e.timestamps().length - 1]).toString());
        root.put("execution", e.config().execution().id());
        root.put("periods_per_year", e.config().periodsPerYear());
        root.put("slippage_bps", e.config().costs().slippageBps());
        root.put("borrow_bps_per_year", e.config().costs().borrowBpsPerYear());
        root.put("risk_free_rate", 0.0);
        root.put("sd", "sample (n - 1)");
        ArrayNode runs = root.putArray("runs");
        for (Evaluation.Run r : e.runs()) {
            ObjectNode o = runs.addObject();
            o.put("policy", r.policy());
            o.put("cost_bps", r.costs().commissionBps());
            metrics(o.putObject("metrics"), r.metrics());
            metrics(o.putObject("long_leg"), r.longLeg());
            metrics(o.putObject("short_leg"), r.shortLeg());
        }
        metrics(root.putObject("benchmark_equal_weight"), e.benchmark());
        ArrayNode qs = root.putArray("signal_quality");
        for (SignalQuality q : e.quality()) {
            ObjectNode o = qs.addObject();
            o.put("horizon", q.horizon());
            o.put("ic_bars", q.icBars());
            put(o, "ic_mean", q.icMean());
            put(o, "ic_sd", q.icSd());
            put(o, "icir", q.icir());
            put(o, "ic_tstat", q.icTstat());
            o.put("rank_ic_bars", q.rankIcBars());
            put(o, "rank_ic_mean", q.rankIcMean());
            put(o, "rank_ic_sd", q.rankIcSd());
            put(o, "rank_icir", q.rankIcir());
            put(o, "rank_ic_tstat", q.rankIcTstat());
            o.put("quantile_bars", q.quantileBars());
            ArrayNode qm = o.putArray("quantile_mean_forward_return");
            for (double v : q.quantileMeans()) {
                if (Double.isFinite(v)) {
                    qm.add(v);
                } else {
                    qm.addNull();
                }
            }
            put(o, "top_minus_bottom", q.spread());
        }
        return root;
    }

    private static void metrics(ObjectNode o, PortfolioMetrics m) {
        o.put("bars", m.bars());
        put(o, "total_return", m.totalReturn());
        put(o, "annual_return", m.annualReturn());
        put(o, "annual_volatility", m.annualVolatility());
        put(o, "sharpe", m.sharpe());
        put(o, "sortino", m.sortino());
        put(o, "max_drawdown", m.maxDrawdown());
        o.put("max_drawdown_bars", m.maxDrawdownBars());
        put(o, "calmar", m.calmar());
        put(o, "hit_rate", m.hitRate());
        put(o, "turnover_per_bar", m.turnoverPerBar());
        put(o, "turnover_per_year", m.turnoverPerYear());
        put(o, "gross_annual_return", m.grossAnnualReturn());
        put(o, "gross_sharpe", m.grossSharpe());
        put(o, "cost_drag", m.costDrag());
    }

    private static void put(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    static String cell(double v, boolean percent) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return percent ? String.format(Locale.ROOT, "%.2f%%", Math.abs(v) < 5e-7 ? 0.0 : v * 100) : num(v);
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    static String fmtBps(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
