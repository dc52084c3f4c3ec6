package io.vectrade.model.train;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
import io.vectrade.model.Predictor;

import java.util.ArrayList;
import java.util.List;

/**
 * Walk-forward training: refits the model every {@code stepBars} bars on a rolling or expanding window and scores
 * only the bars after each fit, stitching the out-of-sample scores into one T × N series.
 *
 * <p>Fold k tests bars {@code [s, min(s + step, T))}, {@code s = firstTestBar + k · step}. It trains on the cells of
 * bars {@code [from, s - h)} with {@code from = 0} (expanding) or {@code max(0, s - trainBars)} (rolling), so the
 * latest label it sees, {@code ln(close[s-1] / close[s-1-h])}, ends at bar s - 1: no score of bar t depends on
 * a close after t (features at t use bars &le; t). Cells before {@code firstTestBar} score NaN. Stateless and
 * thread-safe.
 */
public final class WalkForward {
    private WalkForward() {
    }

    /**
     * How to walk.
     *
     * @param train        model type, features, horizon h, L2 (its train fraction is not used)
     * @param trainBars    window length in bars (rolling), or the first window's (expanding)
     * @param stepBars     bars between refits (K)
     * @param expanding    true: every fit starts at bar 0
     * @param firstTestBar first out-of-sample bar; {@code trainBars} when the window starts at 0
     */
    public record Config(TrainConfig train, int trainBars, int stepBars, boolean expanding, int firstTestBar) {
        public Config {
            if (trainBars <= train.horizon()) {
                throw new IllegalArgumentException("train window must be longer than the horizon, trainBars=" + trainBars
                        + " horizon=" + train.horizon());
            }
            if (stepBars < 1) {
                throw new IllegalArgumentException("step must be >= 1 bar, step=" + stepBars);
            }
            if (firstTestBar < train.horizon() + 1) {
                throw new IllegalArgumentException("first test bar must leave room for a label, firstTestBar=" + firstTestBar);
            }
        }
    }

    /**
     * One refit.
     *
     * @param trainFrom first training bar
     * @param trainTo   end (exclusive) of the training bars: {@code testFrom - h}
     * @param testFrom  first bar scored by this fit
     * @param testTo    end (exclusive) of the bars it scores
     * @param rows      training cells used
     * @param model     the fitted model
     */
    public record Fold(int trainFrom, int trainTo, int testFrom, int testTo, int rows, Model model) {
    }

    /**
     * The stitched out-of-sample scores and the folds.
     *
     * @param scores       T × N time-major, NaN before {@code firstTestBar} and where an input is NaN
     * @param firstTestBar first scored bar
     * @param folds        the refits in time order
     */
    public record Result(double[] scores, int firstTestBar, List<Fold> folds) {
    }

    /**
     * Walks over {@code table} (features of {@code panel}, which must include the configuration's features).
     *
     * @throws IllegalArgumentException if shapes disagree, the first test bar is past the end, or a fold cannot be fit
     */
    public static Result run(FeatureTable table, Panel panel, Config config, Backend backend) {
        int bars = table.bars();
        int n = table.instruments();
        if (panel.bars() != bars || panel.instruments() != n) {
            throw new IllegalArgumentException("feature table does not match the panel, table=" + bars + "x" + n
                    + " panel=" + panel.bars() + "x" + panel.instruments());
        }
        if (config.firstTestBar() >= bars) {
            throw new IllegalArgumentException("no bars left to test, firstTestBar=" + config.firstTestBar() + " bars=" + bars);
        }
        TrainConfig tc = config.train();
        int h = tc.horizon();
        double[][] cols = Trainer.inputColumns(table, tc);
        double[] labels = new double[bars * n];
        Labels.forwardLogReturns(panel.compact().closeColumn(), bars, n, h, labels);
        double[] scores = new double[bars * n];
        java.util.Arrays.fill(scores, Double.NaN);
        List<Fold> folds = new ArrayList<>();
        for (int s = config.firstTestBar(); s < bars; s += config.stepBars()) {
            int from = config.expanding() ? 0 : Math.max(0, s - config.trainBars());
            int to = s - h;
            int end = Math.min(bars, s + config.stepBars());
            Trainer.Fit fit;
            try {
                fit = Trainer.fit(cols, labels, n, from, to, tc);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("walk-forward fold " + (folds.size() + 1) + " (test bars " + s + ".."
                        + (end - 1) + "): " + e.getMessage(), e);
            }
            try (Predictor p = fit.model().predictor(backend)) {
                p.predict(fit.model().inputColumns(table), s * n, end * n, scores);
            }
            folds.add(new Fold(from, to, s, end, fit.rows(), fit.model()));
        }
        return new Result(scores, config.firstTestBar(), List.copyOf(folds));
    }
}
