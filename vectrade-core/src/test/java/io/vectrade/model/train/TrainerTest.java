package io.vectrade.model.train;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.model.Model;
import io.vectrade.model.ModelType;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainerTest {
    private static final FeatureSet SET = FeatureSet.parse("rsi(14),logret(5),zscore(20)");
    private static final List<String> COLS = List.of("rsi(14)", "logret(5)", "zscore(20)");

    /** A panel whose closes make label(t) = y[t] for horizon 1 and a table holding the given features. */
    private record Synthetic(Panel panel, FeatureTable table) {
    }

    private static Synthetic synthetic(double[][] x, double[] y, int bars, int n) {
        double[] close = new double[bars * n];
        for (int i = 0; i < n; i++) {
            close[i] = 100;
        }
        for (int t = 1; t < bars; t++) {
            for (int i = 0; i < n; i++) {
                close[t * n + i] = close[(t - 1) * n + i] * Math.exp(y[(t - 1) * n + i]);
            }
        }
        long[] ts = new long[bars];
        List<String> sym = new ArrayList<>();
        for (int t = 0; t < bars; t++) {
            ts[t] = 86_400_000L * t;
        }
        for (int i = 0; i < n; i++) {
            sym.add("S" + i);
        }
        Panel p = Panel.of(sym, ts, close.clone(), close.clone(), close.clone(), close.clone(), close.clone());
        FeatureTable table = FeatureTable.allocate(SET, bars, n);
        for (int k = 0; k < x.length; k++) {
            System.arraycopy(x[k], 0, table.column(k), 0, bars * n);
        }
        return new Synthetic(p, table);
    }

    @Test
    void ridgeRecoversKnownCoefficients() {
        SplittableRandom rnd = new SplittableRandom(11);
        int bars = 400;
        int n = 20;
        double[] trueW = {0.002, -0.001, 0.0005};
        double trueB = 0.0003;
        double[][] x = new double[3][bars * n];
        double[] y = new double[bars * n];
        for (int r = 0; r < bars * n; r++) {
            x[0][r] = 50 + 10 * rnd.nextGaussian();
            x[1][r] = 0.03 * rnd.nextGaussian();
            x[2][r] = 1 + rnd.nextGaussian();
            y[r] = trueB + trueW[0] * (x[0][r] - 50) / 10 + trueW[1] * x[1][r] / 0.03 + trueW[2] * (x[2][r] - 1)
                    + 1e-5 * rnd.nextGaussian();
        }
        x[1][5] = Double.NaN; // a NaN row is dropped
        Synthetic s = synthetic(x, y, bars, n);
        TrainResult res = Trainer.train(s.table(), s.panel(), new TrainConfig(ModelType.LINEAR, COLS, 1, 0.7, 0.0));
        Model m = res.model();
        // back to raw units: raw w = w_std / std, raw b = b - Σ w_std mean / std
        double[] w = m.layers().get(0).weights();
        double[] mean = m.mean();
        double[] std = m.std();
        double[] rawW = new double[3];
        double rawB = m.layers().get(0).bias()[0];
        for (int k = 0; k < 3; k++) {
            rawW[k] = w[k] / std[k];
            rawB -= w[k] * mean[k] / std[k];
        }
        assertThat(rawW[0]).isCloseTo(trueW[0] / 10, within(1e-6));
        assertThat(rawW[1]).isCloseTo(trueW[1] / 0.03, within(1e-5));
        assertThat(rawW[2]).isCloseTo(trueW[2], within(1e-6));
        assertThat(rawB).isCloseTo(trueB - trueW[0] * 5 + trueW[2] * -1, within(1e-5));
        // train rows: bars [0, 280) × 20 minus the NaN row (label of the last bar is fine: 280 + 1 < 400)
        assertThat(res.trainRows()).isEqualTo(280 * 20 - 1);
        assertThat(res.split()).isEqualTo(new TimeSplit(280, 281, 399, 1));
        assertThat(res.testRows()).isEqualTo(118 * 20);
        // nearly noiseless: out-of-sample ranks agree almost perfectly
        assertThat(res.icPooled()).isGreaterThan(0.99);
        assertThat(res.icCrossSectional()).isGreaterThan(0.99);
        assertThat(res.model().metadata()).containsEntry("trainer", "ridge").containsKey("ic_pooled");
    }

    @Test
    void ridgePenaltyMatchesAnIndependentClosedForm() {
        SplittableRandom rnd = new SplittableRandom(12);
        int bars = 100;
        int n = 5;
        double[][] x = new double[3][bars * n];
        double[] y = new double[bars * n];
        for (int r = 0; r < bars * n; r++) {
            for (int k = 0; k < 3; k++) {
                x[k][r] = rnd.nextGaussian() * (k + 1);
            }
            y[r] = 0.01 * x[0][r] + 0.01 * rnd.nextGaussian();
        }
        Synthetic s = synthetic(x, y, bars, n);
        double l2 = 0.3;
        TrainResult res = Trainer.train(s.table(), s.panel(), new TrainConfig(ModelType.LINEAR, COLS, 1, 0.5, l2));
        // independent: rows of bars [0, 50), standardise, w = (ZᵀZ/m + λI)⁻¹ Zᵀ(y - ȳ)/m via EJML products
        int m = 50 * n;
        DMatrixRMaj z = new DMatrixRMaj(m, 3);
        DMatrixRMaj yc = new DMatrixRMaj(m, 1);
        double ybar = 0;
        for (int r = 0; r < m; r++) {
            ybar += Math.log(s.panel().close(r / n + 1, r % n) / s.panel().close(r / n, r % n));
        }
        ybar /= m;
        for (int k = 0; k < 3; k++) {
            double mu = 0;
            for (int r = 0; r < m; r++) {
                mu += x[k][r];
            }
            mu /= m;
            double ss = 0;
            for (int r = 0; r < m; r++) {
                ss += (x[k][r] - mu) * (x[k][r] - mu);
            }
            double sd = Math.sqrt(ss / (m - 1));
            for (int r = 0; r < m; r++) {
                z.set(r, k, (x[k][r] - mu) / sd);
            }
        }
        for (int r = 0; r < m; r++) {
            yc.set(r, 0, Math.log(s.panel().close(r / n + 1, r % n) / s.panel().close(r / n, r % n)) - ybar);
        }
        DMatrixRMaj a = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransA(z, z, a);
        CommonOps_DDRM.scale(1.0 / m, a);
        for (int k = 0; k < 3; k++) {
            a.add(k, k, l2);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(3, 1);
        CommonOps_DDRM.multTransA(z, yc, rhs);
        CommonOps_DDRM.scale(1.0 / m, rhs);
        CommonOps_DDRM.invert(a);
        DMatrixRMaj want = new DMatrixRMaj(3, 1);
        CommonOps_DDRM.mult(a, rhs, want);
        double[] got = res.model().layers().get(0).weights();
        for (int k = 0; k < 3; k++) {
            assertThat(got[k]).isCloseTo(want.get(k, 0), within(1e-12));
        }
        assertThat(res.model().layers().get(0).bias()[0]).isCloseTo(ybar, within(1e-15));
    }

    @Test
    void logisticRecoversItsCoefficientsAndSatisfiesOptimality() {
        SplittableRandom rnd = new SplittableRandom(13);
        int bars = 1000;
        int n = 40;
        double[][] x = new double[3][bars * n];
        double[] y = new double[bars * n];
        double[] trueW = {1.0, -0.5, 0.0};
        double trueB = 0.2;
        for (int r = 0; r < bars * n; r++) {
            for (int k = 0; k < 3; k++) {
                x[k][r] = rnd.nextGaussian();
            }
            double eta = trueB + trueW[0] * x[0][r] + trueW[1] * x[1][r];
            boolean upMove = rnd.nextDouble() < 1 / (1 + Math.exp(-eta));
            y[r] = (upMove ? 1 : -1) * 0.01 * (0.5 + rnd.nextDouble());
        }
        Synthetic s = synthetic(x, y, bars, n);
        TrainResult res = Trainer.train(s.table(), s.panel(), new TrainConfig(ModelType.LOGISTIC, COLS, 1, 0.7, 0.0));
        Model m = res.model();
        double[] w = m.layers().get(0).weights();
        double[] std = m.std();
        double[] mean = m.mean();
        double b = m.layers().get(0).bias()[0];
        for (int k = 0; k < 3; k++) {
            assertThat(w[k] / std[k]).as("w%d", k).isCloseTo(trueW[k], within(0.06));
            b -= w[k] * mean[k] / std[k];
        }
        assertThat(b).isCloseTo(trueB, within(0.06));
        assertThat(res.iterations()).isBetween(2, 30);
        // optimality, checked independently: Σ (p - y) x = 0 over the training rows (raw units, λ = 0)
        double[] grad = new double[4];
        for (int r = 0; r < 700 * n; r++) {
            double eta = m.layers().get(0).bias()[0];
            for (int k = 0; k < 3; k++) {
                eta += w[k] * (x[k][r] - mean[k]) / std[k];
            }
            double p = 1 / (1 + Math.exp(-eta));
            double lab = y[r] > 0 ? 1 : 0;
            grad[0] += p - lab;
            for (int k = 0; k < 3; k++) {
                grad[k + 1] += (p - lab) * x[k][r];
            }
        }
        for (double gk : grad) {
            assertThat(gk / (700.0 * n)).isCloseTo(0.0, within(1e-9));
        }
        // out of sample the score ranks up-moves well: the true model's AUC here is about 0.76
        assertThat(res.auc()).isBetween(0.7, 0.82);
        assertThat(res.accuracy()).isBetween(0.62, 0.76);
    }

    @Test
    void noLookAheadChangingBarsAfterTheSplitChangesNothingInTraining() {
        Panel p = SyntheticMarket.generate(8, 300, 5);
        int h = 5;
        TrainConfig cfg = new TrainConfig(ModelType.LOGISTIC, COLS, h, 0.7, 1e-3);
        TimeSplit split = TimeSplit.of(300, 0.7, h);
        FeatureTable a = new CpuFeatureEngine().compute(p, SET);
        TrainResult ra = Trainer.train(a, p, cfg);

        // rewrite every bar from the test start on: wild prices
        Panel q = p.compact();
        double[][] cols = {q.openColumn().clone(), q.highColumn().clone(), q.lowColumn().clone(),
                q.closeColumn().clone(), q.volumeColumn().clone()};
        SplittableRandom rnd = new SplittableRandom(1);
        for (int r = split.testStart() * 8; r < 300 * 8; r++) {
            double c = 50 + 100 * rnd.nextDouble();
            cols[0][r] = c;
            cols[1][r] = c * 1.01;
            cols[2][r] = c * 0.99;
            cols[3][r] = c;
            cols[4][r] = 1e6;
        }
        Panel changed = Panel.of(q.symbols(), q.timestampsMillis(), cols[0], cols[1], cols[2], cols[3], cols[4]);
        FeatureTable b = new CpuFeatureEngine().compute(changed, SET);
        for (int c = 0; c < SET.columns(); c++) {
            for (int r = 0; r < split.testStart() * 8; r++) {
                assertThat(b.column(c)[r]).isEqualTo(Double.valueOf(a.column(c)[r]));
            }
        }
        TrainResult rb = Trainer.train(b, changed, cfg);
        assertThat(rb.model().layers()).isEqualTo(ra.model().layers());
        assertThat(rb.model().mean()).isEqualTo(ra.model().mean());
        assertThat(rb.trainRows()).isEqualTo(ra.trainRows());
        // the test metrics do see the change
        assertThat(rb.icPooled()).isNotEqualTo(ra.icPooled());

        // one bar earlier (the last close a training label uses) does change the fit
        double[] c2 = q.closeColumn().clone();
        c2[(split.trainEnd() - 1 + h) * 8] *= 1.5;
        Panel touched = Panel.of(q.symbols(), q.timestampsMillis(), q.openColumn(), q.highColumn(), q.lowColumn(), c2,
                q.volumeColumn());
        TrainResult rc = Trainer.train(a, touched, cfg);
        assertThat(rc.model().layers()).isNotEqualTo(ra.model().layers());
    }

    @Test
    void labelsAndSplitAreHandWorked() {
        double[] close = {100, 200, 110, 220, 121, 242};
        double[] out = new double[6];
        Labels.forwardLogReturns(close, 3, 2, 1, out);
        assertThat(out[0]).isCloseTo(Math.log(1.1), within(1e-15));
        assertThat(out[1]).isCloseTo(Math.log(1.1), within(1e-15));
        assertThat(out[4]).isNaN();
        assertThat(out[5]).isNaN();
        assertThat(TimeSplit.of(100, 0.7, 5)).isEqualTo(new TimeSplit(70, 75, 95, 5));
        assertThatThrownBy(() -> TimeSplit.of(10, 0.7, 5)).hasMessageContaining("too few bars");
        assertThatThrownBy(() -> new TrainConfig(ModelType.MLP, COLS, 1, 0.7, 0)).hasMessageContaining("type=mlp");
    }

    @Test
    void trainedModelPredictsLikeItsCoefficients() {
        Panel p = SyntheticMarket.generate(6, 200, 9);
        FeatureTable t = new CpuFeatureEngine().compute(p, SET);
        TrainResult r = Trainer.train(t, p, TrainConfig.of(ModelType.LINEAR, COLS, 3));
        Model m = r.model();
        double[] scores = new double[200 * 6];
        try (var pr = m.predictor(Backend.CPU)) {
            pr.predict(t, scores);
        }
        int row = 150 * 6 + 2;
        double want = m.layers().get(0).bias()[0];
        for (int k = 0; k < 3; k++) {
            want += m.layers().get(0).weights()[k] * (t.column(k)[row] - m.mean()[k]) / m.std()[k];
        }
        assertThat(scores[row]).isCloseTo(want, within(1e-15));
        assertThat(scores[0]).isNaN(); // warm-up
    }
}
