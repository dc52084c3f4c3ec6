package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.pipeline.Backends;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.ModelIO;
import io.vectrade.model.ModelType;
import io.vectrade.model.SafeTensors;
import io.vectrade.model.train.TrainConfig;
import io.vectrade.model.train.TimeSplit;
import io.vectrade.model.train.TrainResult;
import io.vectrade.model.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vectrade train}: fits a linear (ridge) or logistic model on a panel's features against
 * forward returns, with a time-ordered train/test split, prints out-of-sample metrics and saves the
 * model directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit a linear (ridge) or logistic model on features against forward returns and save it.",
                "The split is by time: the first --train-fraction of bars train, then a gap of --horizon bars, then the test bars."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    FitOptions fit;

    @Option(names = "--train-fraction", defaultValue = "0.7", description = "Share of bars for training (default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write (model.json + model.safetensors).")
    Path out;

    @Option(names = "--from", paramLabel = "DATE|BAR",
            description = "First training bar: an ISO date (or date-time) or a bar index (default: the first bar). With --from or --to, --train-fraction is not used.")
    String from;

    @Option(names = "--to", paramLabel = "DATE|BAR",
            description = "Last bar whose close training may see (inclusive): an ISO date (or date-time) or a bar index; the test bars follow it"
                    + " (default: --train-fraction).")
    String to;

    @Override
    public Integer call() throws Exception {
        ModelType modelType = fit.modelType();
        FeatureSet set = fit.featureSet();
        TrainConfig config = new TrainConfig(modelType, set.columnNames(), fit.horizon, trainFraction, fit.l2);
        DataOptions.Loaded loaded = dataOptions.load();
        Panel panel = loaded.panel();
        FeatureTable table;
        try (FeatureEngine engine = Backends.featureEngine(Backend.AUTO)) {
            table = engine.compute(panel, set);
        }
        TrainResult r;
        if (from == null && to == null) {
            r = Trainer.train(table, panel, config);
        } else {
            long[] ts = panel.timestampsMillis();
            int fromBar = from == null ? 0 : BarIndex.first(from, ts, "--from");
            int toEnd = to == null ? ts.length : BarIndex.last(to, ts, "--to") + 1;
            // training labels end at the close of bar toEnd - 1; the test bars start at toEnd
            int trainEnd = toEnd - fit.horizon;
            if (trainEnd <= fromBar) {
                throw new UsageException("training range too short for the horizon, from bar " + fromBar + " to bar "
                        + (toEnd - 1) + " horizon=" + fit.horizon);
            }
            int testEnd = Math.max(toEnd, ts.length - fit.horizon);
            r = Trainer.train(table, panel, config, fromBar, new TimeSplit(trainEnd, toEnd, testEnd, fit.horizon));
        }
        ModelIO.save(r.model(), out, SafeTensors.DType.F64);

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "data      %s: instruments=%d bars=%d%n", loaded.source(), panel.instruments(), panel.bars());
        o.printf(Locale.ROOT, "model     %s on %s, horizon %d bars, l2 %s%n", fit.type, set, fit.horizon, fit.l2);
        o.printf(Locale.ROOT, "split     train bars %s (labels to bar %d), test bars [%d, %d); train rows %d, test rows %d%n",
                r.model().metadata().get("train_bars"), r.split().trainEnd() - 1 + fit.horizon,
                r.split().testStart(), r.split().testEnd(), r.trainRows(), r.testRows());
        o.printf(Locale.ROOT, "test      IC cross-sectional %.4f, IC pooled %.4f, accuracy %.4f, AUC %.4f%n",
                r.icCrossSectional(), r.icPooled(), r.accuracy(), r.auc());
        o.printf(Locale.ROOT, "wrote     %s%n", out);
        o.flush();
        return 0;
    }
}
