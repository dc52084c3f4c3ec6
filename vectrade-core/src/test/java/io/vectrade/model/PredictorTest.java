package io.vectrade.model;

import io.vectrade.backend.Backend;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both predictors against an independent EJML matrix computation, and simd against cpu. */
class PredictorTest {
    private static final List<String> POOL = List.of("rsi(14)", "momentum(10)", "roc(10)", "volatility(20)",
            "logret(1)", "sma(20)", "ema(20)", "macd(12,26,9).hist", "atr(14)", "zscore(20)", "obv", "cci(20)");

    /** A random model with {@code layers} dense layers all using {@code act} except a last identity or act. */
    static Model randomModel(SplittableRandom rnd, int features, int layers, Activation act) {
        List<DenseLayer> list = new ArrayList<>();
        int in = features;
        for (int l = 0; l < layers; l++) {
            int out = l == layers - 1 ? 1 : 1 + rnd.nextInt(13);
            double[] w = new double[in * out];
            for (int k = 0; k < w.length; k++) {
                w[k] = rnd.nextDouble(-1, 1);
            }
            double[] b = new double[out];
            for (int k = 0; k < out; k++) {
                b[k] = rnd.nextDouble(-0.5, 0.5);
            }
            list.add(new DenseLayer(in, out, w, b, act));
            in = out;
        }
        double[] mean = new double[features];
        double[] std = new double[features];
        for (int f = 0; f < features; f++) {
            mean[f] = rnd.nextDouble(-2, 2);
            std[f] = rnd.nextDouble(0.5, 3);
        }
        return Model.of(ModelType.MLP, POOL.subList(0, features), mean, std, list, Map.of());
    }

    static double[][] randomInputs(SplittableRandom rnd, int features, int rows, double nanRate) {
        double[][] in = new double[features][rows];
        for (int f = 0; f < features; f++) {
            for (int r = 0; r < rows; r++) {
                in[f][r] = rnd.nextDouble() < nanRate ? Double.NaN : rnd.nextGaussian() * 3;
            }
        }
        return in;
    }

    /** Independent reference: X (rows × F) normalised, then H = act(H Wᵀ + 1 bᵀ) with EJML products (CommonOps_DDRM.multTransB). */
    static double[] reference(Model m, double[][] in, int rows) {
        int f = m.inputs();
        double[] mean = m.mean();
        double[] std = m.std();
        DMatrixRMaj h = new DMatrixRMaj(rows, f);
        boolean[] bad = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < f; k++) {
                double v = in[k][r];
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    bad[r] = true;
                    v = 0;
                }
                h.set(r, k, (v - mean[k]) / std[k]);
            }
        }
        for (DenseLayer d : m.layers()) {
            DMatrixRMaj w = new DMatrixRMaj(d.outputs(), d.inputs());
            for (int o = 0; o < d.outputs(); o++) {
                for (int k = 0; k < d.inputs(); k++) {
                    w.set(o, k, d.weight(o, k));
                }
            }
            DMatrixRMaj z = new DMatrixRMaj(rows, d.outputs());
            CommonOps_DDRM.multTransB(h, w, z);
            double[] b = d.bias();
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < d.outputs(); o++) {
                    double x = z.get(r, o) + b[o];
                    z.set(r, o, switch (d.activation()) {
                        case IDENTITY -> x;
                        case RELU -> x > 0 ? x : 0;
                        case TANH -> (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1);
                        case SIGMOID -> Math.exp(x) / (1 + Math.exp(x));
                    });
                }
            }
            h = z;
        }
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = bad[r] ? Double.NaN : h.get(r, 0);
        }
        return out;
    }

    static void assertClose(double[] actual, double[] expected, double rel) {
        for (int r = 0; r < expected.length; r++) {
            if (Double.isNaN(expected[r])) {
                assertThat(actual[r]).as("row %d", r).isNaN();
            } else {
                double tol = rel * Math.max(1.0, Math.abs(expected[r]));
                assertThat(actual[r]).as("row %d", r).isCloseTo(expected[r], org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void bothBackendsMatchEjmlForEveryActivation(Activation act) {
        for (int seed = 0; seed < 12; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed * 31L + act.ordinal());
            int features = 1 + rnd.nextInt(POOL.size());
            int layers = 1 + rnd.nextInt(4);
            int rows = 1 + rnd.nextInt(700);
            Model m = randomModel(rnd, features, layers, act);
            double[][] in = randomInputs(rnd, features, rows, 0.05);
            double[] want = reference(m, in, rows);
            for (Backend b : new Backend[] {Backend.CPU, Backend.SIMD}) {
                try (Predictor p = m.predictor(b)) {
                    double[] got = new double[rows];
                    p.predict(in, 0, rows, got);
                    assertClose(got, want, 1e-12);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void simdEqualsCpuWhateverTheThreadCount(int threads) {
        SplittableRandom rnd = new SplittableRandom(99 + threads);
        int features = 9;
        int rows = 5_003;
        Model m = Models.benchmarkMlp(POOL.subList(0, features), 7);
        double[][] in = randomInputs(rnd, features, rows, 0.01);
        in[3][17] = Double.POSITIVE_INFINITY;
        double[] cpu = new double[rows];
        try (Predictor p = m.predictor(Backend.CPU)) {
            p.predict(in, 0, rows, cpu);
        }
        assertThat(cpu[17]).isNaN();
        try (SimdPredictor p = new SimdPredictor(m, threads)) {
            double[] simd = new double[rows];
            p.predict(in, 0, rows, simd);
            assertClose(simd, cpu, 1e-12);
            // a sub-range writes only its rows (the live case: one bar's instruments)
            double[] part = new double[rows];
            java.util.Arrays.fill(part, -7);
            p.predict(in, 1000, 1000 + 37, part);
            for (int r = 0; r < rows; r++) {
                if (r >= 1000 && r < 1037) {
                    assertThat(part[r]).isEqualTo(Double.valueOf(simd[r]));
                } else {
                    assertThat(part[r]).isEqualTo(-7);
                }
            }
            // repeated calls give bit-identical output (deterministic)
            double[] again = new double[rows];
            p.predict(in, 0, rows, again);
            assertThat(again).isEqualTo(simd);
        }
    }

    @Test
    void linearAndLogisticAreHandWorked() {
        List<String> cols = List.of("rsi(14)", "logret(5)");
        Model lin = Model.linear(cols, new double[] {50, 0}, new double[] {10, 0.01}, new double[] {2, -1}, 0.5);
        Model log = Model.logistic(cols, new double[] {50, 0}, new double[] {10, 0.01}, new double[] {2, -1}, 0.5);
        double[][] in = {{60, 40, Double.NaN}, {0.02, -0.01, 0}};
        // x = (1, 2): 0.5 + 2 - 2 = 0.5;  x = (-1, -1): 0.5 - 2 + 1 = -0.5
        for (Backend b : new Backend[] {Backend.CPU, Backend.SIMD}) {
            double[] s = new double[3];
            try (Predictor p = lin.predictor(b)) {
                p.predict(in, 0, 3, s);
            }
            assertThat(s[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(s[1]).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(s[2]).isNaN();
            try (Predictor p = log.predictor(b)) {
                p.predict(in, 0, 3, s);
            }
            assertThat(s[0]).isCloseTo(1 / (1 + Math.exp(-0.5)), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(s[1]).isCloseTo(1 / (1 + Math.exp(0.5)), org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void argumentErrorsAreClear() {
        Model m = Models.benchmarkMlp(POOL.subList(0, 3), 1);
        try (Predictor p = m.predictor(Backend.CPU)) {
            assertThatThrownBy(() -> p.predict(new double[2][10], 0, 10, new double[10]))
                    .hasMessageContaining("wrong number of input columns, columns=2 expected=3");
            assertThatThrownBy(() -> p.predict(new double[3][10], 0, 10, new double[5]))
                    .hasMessageContaining("scores too short");
        }
        assertThatThrownBy(() -> m.predictor(Backend.CUDA)).hasMessageContaining("cuda");
    }

    @Test
    void modelValidatesItsShape() {
        DenseLayer l = new DenseLayer(2, 1, new double[] {1, 2}, new double[] {0}, Activation.IDENTITY);
        assertThatThrownBy(() -> Model.of(ModelType.MLP, List.of("rsi"), new double[1], new double[] {1}, List.of(l), Map.of()))
                .hasMessageContaining("layer=0 inputs=2 expected=1");
        assertThatThrownBy(() -> Model.of(ModelType.MLP, List.of("rsi", "nope(3)"), new double[2], new double[] {1, 1}, List.of(l), Map.of()))
                .hasMessageContaining("unknown feature 'nope' at position 1");
        assertThatThrownBy(() -> Model.of(ModelType.MLP, List.of("rsi", "obv"), new double[2], new double[] {1, 0}, List.of(l), Map.of()))
                .hasMessageContaining("std must be finite and > 0, feature=obv");
        assertThatThrownBy(() -> Model.of(ModelType.LOGISTIC, List.of("rsi", "obv"), new double[2], new double[] {1, 1}, List.of(l), Map.of()))
                .hasMessageContaining("logistic model must be one layer with activation sigmoid");
        assertThatThrownBy(() -> new DenseLayer(1, 1, new double[] {Double.NaN}, new double[] {0}, Activation.RELU))
                .hasMessageContaining("weight must be finite, index=0");
        Model m = Model.of(ModelType.MLP, List.of("rsi", "macd.hist"), new double[2], new double[] {1, 1}, List.of(l), Map.of());
        assertThat(m.featureColumns()).containsExactly("rsi(14)", "macd(12,26,9).hist");
        assertThat(m.featureSet().toString()).isEqualTo("rsi(14),macd(12,26,9).line,macd(12,26,9).signal,macd(12,26,9).hist");
        assertThatThrownBy(() -> Model.canonicalColumn("macd.foo")).hasMessageContaining("unknown feature column, column=macd.foo");
    }

    /**
     * The folded normalisation and the staged last vector: one-layer models of every activation and a deep one,
     * with feature scales like real ones (means of 50 and 1e6 against stds of 10 and 1e5), match the cpu predictor
     * within the documented tolerance; any sub-range, on any thread count, gives the full run's raw bits (NaN
     * rows: NaN).
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void foldedNormalisationMatchesCpuAndSubRangesAreBitIdentical(Activation act) {
        SplittableRandom rnd = new SplittableRandom(7 + act.ordinal());
        List<String> cols = List.of("rsi(14)", "obv", "logret(1)", "volatility(20)", "cci(20)");
        double[] mean = {50, 1e6, 0, 0.02, 0};
        double[] std = {10, 1e5, 0.01, 0.01, 100};
        int rows = 2_011;
        double[][] in = new double[cols.size()][rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < cols.size(); f++) {
                in[f][r] = mean[f] + std[f] * rnd.nextGaussian();
            }
        }
        in[1][400] = Double.NaN;
        in[4][2_010] = Double.NEGATIVE_INFINITY;
        double[] w = {0.8, -0.5, 0.3, -0.2, 0.1};
        Model one = Model.of(ModelType.MLP, cols, mean, std,
                List.of(new DenseLayer(5, 1, w, new double[] {0.05}, act)), Map.of());
        Model deep = Model.of(ModelType.MLP, cols, mean, std, List.of(
                new DenseLayer(5, 3, new double[] {0.8, -0.5, 0.3, -0.2, 0.1, 0.2, 0.2, -0.4, 0.6, 0.0, -1, 0.5, 0.5, 0.5, 0.3},
                        new double[] {0.1, -0.1, 0.0}, act),
                new DenseLayer(3, 1, new double[] {1, -1, 0.5}, new double[] {0.2}, Activation.IDENTITY)), Map.of());
        for (Model m : new Model[] {one, deep}) {
            double[] cpu = new double[rows];
            try (Predictor p = m.predictor(Backend.CPU)) {
                p.predict(in, 0, rows, cpu);
            }
            assertThat(cpu[400]).isNaN();
            assertThat(cpu[2_010]).isNaN();
            double[] full = new double[rows];
            try (SimdPredictor p = new SimdPredictor(m, 1)) {
                p.predict(in, 0, rows, full);
            }
            assertClose(full, cpu, 1e-12);
            for (int threads : new int[] {1, 2, 3}) {
                try (SimdPredictor p = new SimdPredictor(m, threads)) {
                    for (int k = 0; k < 20; k++) {
                        int from = rnd.nextInt(rows);
                        int to = from + rnd.nextInt(rows - from + 1);
                        double[] part = new double[rows];
                        p.predict(in, from, to, part);
                        for (int r = from; r < to; r++) {
                            if (Double.isNaN(full[r])) { // a NaN's sign bit may differ (the vector exp's)
                                assertThat(part[r]).isNaN();
                                continue;
                            }
                            assertThat(Double.doubleToRawLongBits(part[r])).as("%s threads=%d row %d of [%d, %d)",
                                    m, threads, r, from, to).isEqualTo(Double.doubleToRawLongBits(full[r]));
                        }
                    }
                }
            }
        }
    }

    @Test
    void benchmarkMlpIsDeterministic() {
        Model a = Models.benchmarkMlp(POOL.subList(0, 5), 42);
        Model b = Models.benchmarkMlp(POOL.subList(0, 5), 42);
        Model c = Models.benchmarkMlp(POOL.subList(0, 5), 43);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a.toString()).isEqualTo("Model[mlp 5->64 relu->64 relu->1 identity, features=" + POOL.subList(0, 5) + "]");
    }
}
