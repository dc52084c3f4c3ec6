package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.backtest.BacktestConfig;
import io.vectrade.data.Panel;
import io.vectrade.evaluation.report.Evaluation;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.FeatureType;
import io.vectrade.model.ModelType;
import io.vectrade.model.train.TrainConfig;
import io.vectrade.model.train.WalkForward;
import io.vectrade.pipeline.Backends;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.signal.SignalWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vectrade walkforward}: refits a linear or logistic model every {@code --step} bars on a rolling or
 * expanding window, scores only the bars after each fit, turns the stitched out-of-sample scores into signals
 * with the policy and backtests them; optionally writes the signals with their scores ({@code --out}) and the
 * report ({@code --report}).
 */
@Command(name = "walkforward", mixinStandardHelpOptions = true,
        description = {"Walk-forward: refit every --step bars on the last --train-bars bars (or all bars before, --window expanding),",
                "score only the bars after each fit, and backtest the out-of-sample signals with costs.",
                "Default data: the synthetic market " + DataOptions.DEFAULT_SHAPE + " seed 42."})
final class WalkforwardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    PolicyListOption policy;

    @Mixin
    BackendOption backend;

    @Mixin
    BacktestOptions options;

    @Mixin
    FitOptions fit;

    @Option(names = "--train-bars", defaultValue = "504", paramLabel = "BARS",
            description = "Training window in bars (the first window with --window expanding) (default: ${DEFAULT-VALUE}).")
    int trainBars;

    @Option(names = "--step", defaultValue = "63", paramLabel = "K", description = "Bars between refits (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--window", defaultValue = "rolling", paramLabel = "rolling|expanding",
            description = "Rolling: the last --train-bars bars; expanding: every bar before (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Out-of-sample signals with their model score, every instrument and bar (.csv, or .jsonl / .json).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelType modelType = fit.modelType();
        boolean expanding = switch (window.strip().toLowerCase(Locale.ROOT)) {
            case "rolling" -> false;
            case "expanding" -> true;
            default -> throw new UsageException("unknown --window, window=" + window + "; valid: rolling, expanding");
        };
        SignalWriter.Format format = out == null ? null : SignalWriter.Format.forPath(out);
        FeatureSet trainSet = fit.featureSet();
        TrainConfig tc = new TrainConfig(modelType, trainSet.columnNames(), fit.horizon, 0.5, fit.l2);
        WalkForward.Config wf = new WalkForward.Config(tc, trainBars, step, expanding, trainBars);
        DataOptions.Loaded loaded = dataOptions.load();
        Panel panel = loaded.panel();
        BacktestConfig config = options.config(panel);
        List<SignalChain> chains = policy.chains(panel.instruments());
        if (out != null && chains.size() > 1) {
            throw new UsageException("--out writes the signals of one policy; give one --policy with --out, policies="
                    + chains.size());
        }
        Backend chosen = backend.get();

        long t0 = System.nanoTime();
        List<FeatureSpec> specs = new ArrayList<>(trainSet.specs());
        FeatureSpec vol = FeatureSpec.defaults(FeatureType.VOLATILITY);
        String volColumn = null;
        if (chains.stream().anyMatch(SignalChain::needsVolatility)) {
            volColumn = specs.stream().filter(s -> s.type() == FeatureType.VOLATILITY).map(FeatureSpec::canonical)
                    .findFirst().orElse(null);
            if (volColumn == null) {
                specs.add(vol);
                volColumn = vol.canonical();
            }
        }
        FeatureSet set = FeatureSet.of(specs);
        FeatureTable table;
        try (FeatureEngine engine = Backends.featureEngine(chosen)) {
            table = engine.compute(panel, set);
        }
        long t1 = System.nanoTime();
        WalkForward.Result r = WalkForward.run(table, panel, wf, chosen == Backend.CPU ? Backend.CPU : Backend.SIMD);
        long t2 = System.nanoTime();
        SignalFrame frame = SignalFrame.allocate(panel.bars(), panel.instruments());
        List<Evaluation.PolicyWeights> weights = new ArrayList<>();
        for (SignalChain chain : chains) {
            chain.reset();
            chain.apply(r.scores(), volColumn == null || !chain.needsVolatility() ? null : table.column(volColumn), frame);
            weights.add(new Evaluation.PolicyWeights(chain.spec(), frame.weight().clone()));
        }
        long t3 = System.nanoTime();
        Evaluation e = Evaluation.run("walk-forward " + fit.type + " on " + fit.features + " (" + window + " " + trainBars
                        + " bars, refit every " + step + "), " + (chains.size() == 1 ? "policy " + chains.getFirst().spec()
                        : chains.size() + " policies") + ", " + loaded.source(), panel,
                weights, r.scores(), config, options.costBps, r.firstTestBar(), options.quantiles, chosen);
        long t4 = System.nanoTime();

        PrintWriter o = spec.commandLine().getOut();
        List<WalkForward.Fold> folds = r.folds();
        WalkForward.Fold last = folds.getLast();
        o.printf(Locale.ROOT, "walk      %d refits, %s window of %d bars, every %d bars; out-of-sample bars %d..%d;"
                        + " last fit trained on bars %d..%d (%d rows)%n", folds.size(), window, trainBars, step,
                r.firstTestBar(), panel.bars() - 1, last.trainFrom(), last.trainTo() - 1, last.rows());
        o.printf(Locale.ROOT, "time      features %.1f ms, %d fits + scoring %.1f ms, signals %.1f ms, backtests %.1f ms%n",
                (t1 - t0) / 1e6, folds.size(), (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
        BacktestCommand.print(o, e, null);
        if (out != null) {
            SignalWriter.writeScored(out, format, frame, r.scores(), panel.timestampsMillis(), panel.symbols(),
                    r.firstTestBar(), panel.bars());
            o.printf(Locale.ROOT, "wrote     %s (out-of-sample signals with scores, bars %d..%d)%n", out, r.firstTestBar(),
                    panel.bars() - 1);
        }
        BacktestCommand.write(o, e, options.report);
        return 0;
    }
}
