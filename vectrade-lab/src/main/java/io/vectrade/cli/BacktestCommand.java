package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.backtest.BacktestConfig;
import io.vectrade.data.Panel;
import io.vectrade.evaluation.PortfolioMetrics;
import io.vectrade.evaluation.SignalQuality;
import io.vectrade.evaluation.report.Evaluation;
import io.vectrade.evaluation.report.EvaluationReport;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.FeatureType;
import io.vectrade.model.Model;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vectrade backtest}: simulates target weights, from a model and policy run over the data or from a
 * signals file, with costs, and prints (and with {@code --report} writes) the portfolio metrics, the benchmarks
 * and the signal quality.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Backtest target weights with costs: from --model and --policy over the data, or from --signals FILE.csv.",
                "Several --policy and --cost-bps levels reuse one model run: one row per (policy, cost level).",
                "A weight decided at the close of bar t is held from t to t+1. Formulas: docs/evaluation.md.",
                "Default data: the synthetic market " + DataOptions.DEFAULT_SHAPE + " seed 42."})
final class BacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    ModelOption model;

    @Mixin
    PolicyListOption policy;

    @Mixin
    BackendOption backend;

    @Mixin
    BacktestOptions options;

    @Option(names = "--signals", paramLabel = "FILE.csv",
            description = "Signals to backtest (from run or walkforward; a score column adds the signal quality) instead of running a model.")
    Path signals;

    @Override
    public Integer call() throws Exception {
        DataOptions.Loaded loaded = dataOptions.load();
        Panel panel = loaded.panel();
        BacktestConfig config = options.config(panel);
        List<Evaluation.PolicyWeights> weights = new ArrayList<>();
        double[] scores;
        String title;
        String note = null;
        Backend b = backend.get();
        if (signals != null) {
            if (policy.given()) {
                throw new UsageException("--policy applies to a model run, not to --signals (the file holds the weights)");
            }
            SignalsFile.Read read = SignalsFile.read(signals, panel);
            weights.add(new Evaluation.PolicyWeights(signals.getFileName().toString(), read.weights()));
            scores = read.scores();
            title = signals.getFileName() + " on " + loaded.source();
        } else {
            Model m = model.load();
            List<SignalChain> chains = policy.chains(panel.instruments());
            scores = scoreAndApply(m, chains, panel, b, weights);
            title = "model " + model.name() + ", " + (chains.size() == 1 ? "policy " + chains.getFirst().spec()
                    : chains.size() + " policies") + ", " + loaded.source();
            String trained = m.metadata().get("train_bars");
            if (trained != null) {
                note = "the model was trained on bars " + trained + " of its data: bars it saw are in sample"
                        + " (use walkforward for out-of-sample scores)";
            }
        }
        Evaluation e = Evaluation.run(title, panel, weights, scores, config, options.costBps, -1, options.quantiles, b);
        print(spec.commandLine().getOut(), e, note);
        write(spec.commandLine().getOut(), e, options.report);
        return 0;
    }

    /**
     * Scores the panel once and turns the scores into each policy's weights (added to {@code out}); returns the
     * scores. One policy runs the pipeline as {@code run} does. Several compute the features (with volatility
     * when any policy sizes by it) and the model's scores once, then apply each chain to those scores on the host.
     */
    static double[] scoreAndApply(Model m, List<SignalChain> chains, Panel panel, Backend b,
                                  List<Evaluation.PolicyWeights> out) {
        if (chains.size() == 1) {
            try (TradingPipeline p = TradingPipeline.create(m, chains.getFirst(), b)) {
                SignalFrame frame = p.run(panel);
                out.add(new Evaluation.PolicyWeights(chains.getFirst().spec(), frame.weight().clone()));
                return p.scores().clone();
            }
        }
        // the pipeline's chain decides its feature set: take one that needs volatility if any does
        SignalChain featureChain = chains.stream().filter(SignalChain::needsVolatility).findFirst().orElse(chains.getFirst());
        try (TradingPipeline p = TradingPipeline.create(m, featureChain, b)) {
            FeatureTable table = p.calculateFeatures(panel);
            double[] scores = p.generatePredictions(table).clone();
            double[] vol = null;
            for (FeatureSpec s : p.featureSet().specs()) {
                if (s.type() == FeatureType.VOLATILITY) {
                    vol = table.column(s.canonical());
                    break;
                }
            }
            SignalFrame frame = SignalFrame.allocate(panel.bars(), panel.instruments());
            for (SignalChain c : chains) {
                if (c.needsVolatility() && vol == null) {
                    throw new IllegalStateException("no volatility column for " + c.spec());
                }
                c.reset();
                c.apply(scores, c.needsVolatility() ? vol : null, frame);
                out.add(new Evaluation.PolicyWeights(c.spec(), frame.weight().clone()));
            }
            return scores;
        }
    }

    /** Writes the report when asked, and says where. */
    static void write(PrintWriter o, Evaluation e, Path report) throws IOException {
        if (report != null) {
            List<Path> files = EvaluationReport.write(e, report);
            o.printf(Locale.ROOT, "wrote     %s (%d files: backtest.md, backtest.html, backtest_metrics.json, plots)%n",
                    report, files.size());
        }
        o.flush();
    }

    /** The summary: setup, one line of metrics per cost level and benchmark, signal quality per horizon. */
    static void print(PrintWriter o, Evaluation e, String note) {
        long[] ts = e.timestamps();
        o.printf(Locale.ROOT, "backtest  %s%n", e.title());
        o.printf(Locale.ROOT, "bars      %d..%d (%s to %s), %d instruments, %s bars a year, execution %s%n", e.from(),
                ts.length - 1, java.time.Instant.ofEpochMilli(ts[e.from()]), java.time.Instant.ofEpochMilli(ts[ts.length - 1]),
                e.symbols().size(), EvaluationReportFormat.num(e.config().periodsPerYear()), e.config().execution().id());
        if (note != null) {
            o.printf(Locale.ROOT, "note      %s%n", note);
        }
        o.printf(Locale.ROOT, "%-26s %9s %9s %8s %8s %9s %8s %10s %9s%n", "", "ann.ret", "ann.vol", "Sharpe", "Sortino",
                "max DD", "Calmar", "turn/yr", "cost/yr");
        List<String> policies = e.runs().stream().map(Evaluation.Run::policy).distinct().toList();
        for (String p : policies) {
            if (policies.size() > 1) {
                o.printf(Locale.ROOT, "policy    %s%n", p);
            }
            for (Evaluation.Run r : e.runs()) {
                if (r.policy().equals(p)) {
                    String cost = "cost " + EvaluationReportFormat.num(r.costs().commissionBps()) + " bps"
                            + (r.costs().slippageBps() > 0 ? " + slip " + EvaluationReportFormat.num(r.costs().slippageBps()) : "");
                    row(o, cost, r.metrics());
                    row(o, "  long leg", r.longLeg());
                    row(o, "  short leg", r.shortLeg());
                }
            }
        }
        row(o, "equal-weight universe", e.benchmark());
        for (SignalQuality q : e.quality()) {
            o.printf(Locale.ROOT, "signal    h=%-2d IC %s (ICIR %s, t %s), rank IC %s (ICIR %s, t %s), top-bottom %s over %d bars%n",
                    q.horizon(), EvaluationReportFormat.num(q.icMean()), EvaluationReportFormat.num(q.icir()),
                    EvaluationReportFormat.num(q.icTstat()), EvaluationReportFormat.num(q.rankIcMean()),
                    EvaluationReportFormat.num(q.rankIcir()), EvaluationReportFormat.num(q.rankIcTstat()),
                    EvaluationReportFormat.pct(q.spread()), q.rankIcBars());
        }
    }

    private static void row(PrintWriter o, String name, PortfolioMetrics m) {
        o.printf(Locale.ROOT, "%-26s %9s %9s %8s %8s %9s %8s %10s %9s%n", name, EvaluationReportFormat.pct(m.annualReturn()),
                EvaluationReportFormat.pct(m.annualVolatility()), EvaluationReportFormat.num(m.sharpe()),
                EvaluationReportFormat.num(m.sortino()), EvaluationReportFormat.pct(m.maxDrawdown()),
                EvaluationReportFormat.num(m.calmar()), EvaluationReportFormat.num(m.turnoverPerYear()),
                EvaluationReportFormat.pct(m.costDrag()));
    }

    /** Number formats of the summary. */
    static final class EvaluationReportFormat {
        private EvaluationReportFormat() {
        }

        static String num(double v) {
            if (!Double.isFinite(v)) {
                return "n/a";
            }
            return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
        }

        static String pct(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", Math.abs(v) < 5e-7 ? 0.0 : v * 100) : "n/a";
        }
    }
}
