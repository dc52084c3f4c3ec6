package io.vectrade.model.train;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureTable;
import io.vectrade.model.Model;
import io.vectrade.model.ModelType;
import io.vectrade.model.Predictor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits linear (ridge, closed form) and logistic (IRLS / Newton, L2) models on a {@link FeatureTable} against
 * forward log returns of the panel's closes.
 *
 * <p>Procedure: labels {@code ln(c[t+h]/c[t])} ({@link Labels}); split by time ({@link TimeSplit}); training rows
 * are the (bar, instrument) cells of bars {@code [0, trainEnd)} whose features and label are all finite;
 * each feature is standardised with the mean and sample standard deviation of the training rows only (kept
 * in the model as its normalisation); the fit solves the normal equations with EJML. The fitted model is
 * then scored on the test bars {@code [trainEnd + h, bars - h)} for out-of-sample metrics.
 *
 * <p>No look-ahead: features at bar t come from the table (which uses bars &le; t); labels only enter the fit
 * as targets; training uses no close after bar {@code trainEnd - 1 + h}. Stateless and thread-safe.
 */
public final class Trainer {
    private static final int MAX_NEWTON = 100;
    private static final double NEWTON_TOL = 1e-10;

    private Trainer() {
    }

    /**
     * Fits {@code config} on {@code table} (computed over {@code panel}) and evaluates it out of sample.
     *
     * @throws IllegalArgumentException if a feature column is missing, shapes disagree, there are too few
     *                                  training rows, or a feature is constant on them
     */
    public static TrainResult train(FeatureTable table, Panel panel, TrainConfig config) {
        return train(table, panel, config, 0, TimeSplit.of(table.bars(), config.trainFraction(), config.horizon()));
    }

    /**
     * Fits {@code config} on the training bars {@code [fromBar, split.trainEnd())} (the fraction in {@code config}
     * is not used) and evaluates it on the split's test bars {@code [split.testStart(), split.testEnd())} (none
     * when they are equal).
     *
     * @throws IllegalArgumentException as {@link #train(FeatureTable, Panel, TrainConfig)}, or on a bad range
     */
    public static TrainResult train(FeatureTable table, Panel panel, TrainConfig config, int fromBar, TimeSplit split) {
        int bars = table.bars();
        int n = table.instruments();
        if (panel.bars() != bars || panel.instruments() != n) {
            throw new IllegalArgumentException("feature table does not match the panel, table=" + bars + "x" + n
                    + " panel=" + panel.bars() + "x" + panel.instruments());
        }
        if (fromBar < 0 || fromBar >= split.trainEnd() || split.testStart() > split.testEnd() || split.testEnd() > bars) {
            throw new IllegalArgumentException("bad training range, from=" + fromBar + " trainEnd=" + split.trainEnd()
                    + " test=" + split.testStart() + ".." + split.testEnd() + " bars=" + bars);
        }
        double[][] cols = inputColumns(table, config);
        double[] close = panel.compact().closeColumn();
        double[] labels = new double[bars * n];
        Labels.forwardLogReturns(close, bars, n, config.horizon(), labels);
        Fit fit = fit(cols, labels, n, fromBar, split.trainEnd(), config);
        int m = fit.rows();
        int iterations = fit.iterations();

        Map<String, String> md = new LinkedHashMap<>();
        md.put("trainer", config.type() == ModelType.LINEAR ? "ridge" : "logistic-irls");
        md.put("horizon", Integer.toString(config.horizon()));
        md.put("l2", Double.toString(config.l2()));
        md.put("train_bars", fromBar + ".." + (split.trainEnd() - 1));
        md.put("test_bars", split.testStart() + ".." + (split.testEnd() - 1));
        md.put("train_rows", Integer.toString(m));
        Model model = fit.model();

        // out-of-sample evaluation
        double[] scores = new double[bars * n];
        java.util.Arrays.fill(scores, Double.NaN);
        try (Predictor p = model.predictor(Backend.CPU)) {
            p.predict(cols, split.testStart() * n, split.testEnd() * n, scores);
        }
        double icCs = Metrics.crossSectionalIc(scores, labels, n, split.testStart(), split.testEnd());
        double icPooled = Metrics.pooledIc(scores, labels, n, split.testStart(), split.testEnd());
        int cells = (split.testEnd() - split.testStart()) * n;
        double[] s = new double[cells];
        boolean[] up = new boolean[cells];
        int tn = 0;
        for (int r = split.testStart() * n; r < split.testEnd() * n; r++) {
            if (Double.isFinite(scores[r]) && Double.isFinite(labels[r])) {
                s[tn] = scores[r];
                up[tn] = labels[r] > 0;
                tn++;
            }
        }
        double threshold = config.type() == ModelType.LOGISTIC ? 0.5 : 0.0;
        double acc = Metrics.accuracy(s, up, tn, threshold);
        double auc = Metrics.auc(s, up, tn);
        md.put("test_rows", Integer.toString(tn));
        md.put("ic_cross_sectional", fmt(icCs));
        md.put("ic_pooled", fmt(icPooled));
        md.put("accuracy", fmt(acc));
        md.put("auc", fmt(auc));
        return new TrainResult(model.withMetadata(md), split, m, tn, icCs, icPooled, acc, auc, iterations);
    }

    /**
     * A fitted model.
     *
     * @param model      the model (no metadata)
     * @param rows       training rows used
     * @param iterations solver iterations (1 for ridge)
     */
    public record Fit(Model model, int rows, int iterations) {
    }

    /** The table's columns of the configuration's features, in its order. */
    public static double[][] inputColumns(FeatureTable table, TrainConfig config) {
        int f = config.features().size();
        double[][] cols = new double[f][];
        for (int k = 0; k < f; k++) {
            String c = Model.canonicalColumn(config.features().get(k));
            int idx = table.features().columnIndex(c);
            if (idx < 0) {
                throw new IllegalArgumentException("feature table lacks a training feature, column=" + c
                        + " table=" + table.features().columnNames());
            }
            cols[k] = table.column(idx);
        }
        return cols;
    }

    /**
     * Fits on the cells of bars {@code [fromBar, toBar)} (time-major, {@code instruments} per bar) whose inputs and
     * label are all finite: each input standardised with the mean and sample sd of those rows, then ridge or
     * logistic. The caller chooses the bars so that no label reaches past what the model may know.
     *
     * @throws IllegalArgumentException if there are too few rows or a feature is constant on them
     */
    public static Fit fit(double[][] cols, double[] labels, int instruments, int fromBar, int toBar, TrainConfig config) {
        int n = instruments;
        int f = cols.length;
        int[] rows = new int[Math.max(0, toBar - fromBar) * n];
        int m = 0;
        for (int r = fromBar * n; r < toBar * n; r++) {
            if (finiteRow(cols, r) && Double.isFinite(labels[r])) {
                rows[m++] = r;
            }
        }
        if (m < 2 * (f + 1)) {
            throw new IllegalArgumentException("too few training rows with finite features and label, rows=" + m
                    + " features=" + f + " bars=" + fromBar + ".." + (toBar - 1));
        }
        double[] mean = new double[f];
        double[] std = new double[f];
        for (int k = 0; k < f; k++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += cols[k][rows[j]];
            }
            double mu = s / m;
            double ss = 0;
            for (int j = 0; j < m; j++) {
                double d = cols[k][rows[j]] - mu;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / (m - 1));
            if (!(sd > 0)) {
                throw new IllegalArgumentException("feature is constant on the training rows, feature="
                        + config.features().get(k));
            }
            mean[k] = mu;
            std[k] = sd;
        }
        // standardised design, row-major m × f
        double[] z = new double[m * f];
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            int r = rows[j];
            for (int k = 0; k < f; k++) {
                z[j * f + k] = (cols[k][r] - mean[k]) / std[k];
            }
            y[j] = config.type() == ModelType.LINEAR ? labels[r] : (labels[r] > 0 ? 1 : 0);
        }
        double[] w = new double[f];
        double[] b = new double[1];
        int iterations = config.type() == ModelType.LINEAR
                ? ridge(z, y, m, f, config.l2(), w, b)
                : logistic(z, y, m, f, config.l2(), w, b);

        List<String> feats = config.features();
        Model model = config.type() == ModelType.LINEAR
                ? Model.linear(feats, mean, std, w, b[0])
                : Model.logistic(feats, mean, std, w, b[0]);
        return new Fit(model, m, iterations);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static boolean finiteRow(double[][] cols, int r) {
        for (double[] c : cols) {
            if (!Double.isFinite(c[r])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ridge on standardised inputs: intercept = mean(y), {@code (ZᵀZ/m + λI) w = Zᵀ(y - ȳ)/m} (Z has zero-mean
     * columns by construction). Returns 1.
     */
    static int ridge(double[] z, double[] y, int m, int f, double l2, double[] w, double[] b) {
        double ybar = 0;
        for (int j = 0; j < m; j++) {
            ybar += y[j];
        }
        ybar /= m;
        DMatrixRMaj a = new DMatrixRMaj(f, f);
        DMatrixRMaj rhs = new DMatrixRMaj(f, 1);
        for (int j = 0; j < m; j++) {
            int o = j * f;
            double yc = y[j] - ybar;
            for (int p = 0; p < f; p++) {
                double zp = z[o + p];
                rhs.data[p] += zp * yc;
                for (int q = p; q < f; q++) {
                    a.data[p * f + q] += zp * z[o + q];
                }
            }
        }
        for (int p = 0; p < f; p++) {
            for (int q = p; q < f; q++) {
                double v = a.data[p * f + q] / m + (p == q ? l2 : 0);
                a.data[p * f + q] = v;
                a.data[q * f + p] = v;
            }
            rhs.data[p] /= m;
        }
        DMatrixRMaj sol = new DMatrixRMaj(f, 1);
        if (!CommonOps_DDRM.solve(a, rhs, sol)) {
            throw new IllegalArgumentException("ridge system is singular (collinear features?); raise l2, l2=" + l2);
        }
        System.arraycopy(sol.data, 0, w, 0, f);
        b[0] = ybar;
        return 1;
    }

    /**
     * L2 logistic regression by Newton's method (IRLS) on {@code [1, z]}: gradient
     * {@code Xᵀ(p - y)/m + λ[0; w]}, Hessian {@code XᵀSX/m + λ diag(0, 1, …)}, S = diag(p(1-p)); until the step's
     * largest component is below 1e-10 or 100 iterations. Returns the iterations used.
     */
    static int logistic(double[] z, double[] y, int m, int f, double l2, double[] w, double[] b) {
        int d = f + 1;
        double[] beta = new double[d];
        DMatrixRMaj h = new DMatrixRMaj(d, d);
        DMatrixRMaj g = new DMatrixRMaj(d, 1);
        DMatrixRMaj step = new DMatrixRMaj(d, 1);
        double[] x = new double[d];
        x[0] = 1;
        int it = 0;
        while (it < MAX_NEWTON) {
            it++;
            h.zero();
            g.zero();
            for (int j = 0; j < m; j++) {
                System.arraycopy(z, j * f, x, 1, f);
                double eta = 0;
                for (int p = 0; p < d; p++) {
                    eta += beta[p] * x[p];
                }
                double pr = 1 / (1 + StrictMath.exp(-eta));
                double s = pr * (1 - pr);
                double res = pr - y[j];
                for (int p = 0; p < d; p++) {
                    g.data[p] += x[p] * res;
                    double sp = s * x[p];
                    for (int q = p; q < d; q++) {
                        h.data[p * d + q] += sp * x[q];
                    }
                }
            }
            for (int p = 0; p < d; p++) {
                g.data[p] = g.data[p] / m + (p > 0 ? l2 * beta[p] : 0);
                for (int q = p; q < d; q++) {
                    double v = h.data[p * d + q] / m + (p == q && p > 0 ? l2 : 0);
                    h.data[p * d + q] = v;
                    h.data[q * d + p] = v;
                }
            }
            if (!CommonOps_DDRM.solve(h, g, step)) {
                throw new IllegalArgumentException("logistic Hessian is singular (separable or collinear data?); raise l2, l2=" + l2);
            }
            double maxStep = 0;
            for (int p = 0; p < d; p++) {
                beta[p] -= step.data[p];
                maxStep = Math.max(maxStep, Math.abs(step.data[p]));
            }
            if (!(maxStep >= NEWTON_TOL)) {
                break;
            }
        }
        for (int p = 0; p < d; p++) {
            if (!Double.isFinite(beta[p])) {
                throw new IllegalArgumentException("logistic fit diverged; raise l2, l2=" + l2);
            }
        }
        b[0] = beta[0];
        System.arraycopy(beta, 1, w, 0, f);
        return it;
    }
}
