package io.vectrade.onnx;

import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureSet;
import io.vectrade.model.Model;
import io.vectrade.model.ModelIO;
import io.vectrade.model.ModelType;
import io.vectrade.model.Models;
import io.vectrade.model.Predictor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** ONNX models scored by ONNX Runtime against independent references: vectrade's own MLP, trees and a classifier by hand. */
class OnnxModelTest {
    @TempDir
    static Path dir;

    static Model load(String name) throws Exception {
        return ModelIO.load(OnnxTestModels.copy(name, dir));
    }

    /** Columns around each feature's normalisation (mean ± 3 std), with NaN and infinite cells sprinkled in. */
    static double[][] columns(Model m, int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] mean = m.mean();
        double[] std = m.std();
        double[][] c = new double[m.inputs()][rows];
        for (int f = 0; f < c.length; f++) {
            for (int r = 0; r < rows; r++) {
                c[f][r] = mean[f] + std[f] * rnd.nextDouble(-3, 3);
            }
        }
        for (int k = 0; k < rows / 50; k++) {
            c[rnd.nextInt(c.length)][rnd.nextInt(rows)] = rnd.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY;
        }
        return c;
    }

    @Test
    void anOnnxModelDirectoryLoadsAsAnExternalModel() throws Exception {
        Model m = load("mlp");
        assertThat(m.type()).isEqualTo(ModelType.EXTERNAL);
        assertThat(m.typeId()).isEqualTo("onnx");
        assertThat(m.featureColumns()).containsExactly("logret(5)", "zscore(20)", "rsi(14)", "volatility(20)");
        assertThat(m.runtime().describe()).isEqualTo("model.onnx: input 'features' float [N, 4] -> 'score' float [N, 1]");
        assertThat(Models.load("onnx:" + dir.resolve("mlp"))).isEqualTo(m);
    }

    /** The same weights in both files: ORT (float) equals vectrade's double predictor within float rounding. */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void onnxMlpEqualsTheSafetensorsMlp(Backend backend) throws Exception {
        Model onnx = load("mlp");
        Model own = load("mlp-safetensors");
        assertThat(own.type()).isEqualTo(ModelType.MLP);
        int rows = 2 * 65_536 + 777;  // full chunks and a tail
        double[][] in = columns(own, rows, 11);
        double[] want = new double[rows];
        double[] got = new double[rows];
        try (Predictor ref = own.predictor(Backend.CPU); Predictor p = onnx.predictor(backend)) {
            ref.predict(in, 0, rows, want);
            p.predict(in, 0, rows, got);
        }
        int nan = 0;
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            if (Double.isNaN(want[r])) {
                assertThat(got[r]).as("row %d", r).isNaN();
                nan++;
                continue;
            }
            double rel = Math.abs(got[r] - want[r]) / Math.max(1.0, Math.abs(want[r]));
            worst = Math.max(worst, rel);
        }
        assertThat(nan).isGreaterThan(rows / 100);
        assertThat(worst).as("worst relative error").isLessThanOrEqualTo(1e-6);
    }

    /** The double graph: equal to vectrade's double arithmetic up to summation order. */
    @Test
    void doubleGraphMatchesToDoublePrecision() throws Exception {
        Model onnx = load("mlp-f64");
        Model own = load("mlp-safetensors");
        int rows = 5_000;
        double[][] in = columns(own, rows, 12);
        double[] want = new double[rows];
        double[] got = new double[rows];
        try (Predictor ref = own.predictor(Backend.CPU); Predictor p = onnx.predictor(Backend.CPU)) {
            ref.predict(in, 0, rows, want);
            p.predict(in, 0, rows, got);
        }
        for (int r = 0; r < rows; r++) {
            if (Double.isNaN(want[r])) {
                assertThat(got[r]).isNaN();
            } else {
                assertThat(got[r]).as("row %d", r).isCloseTo(want[r], org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(want[r]))));
            }
        }
    }

    /** Only rows [from, to) are written; the rest of the score array is left alone. */
    @Test
    void aRowRangeWritesOnlyItsRows() throws Exception {
        Model onnx = load("mlp");
        double[][] in = columns(onnx, 300, 13);
        double[] all = new double[300];
        double[] part = new double[300];
        java.util.Arrays.fill(part, 42.0);
        try (Predictor p = onnx.predictor(Backend.CPU)) {
            p.predict(in, 0, 300, all);
            p.predict(in, 100, 250, part);
        }
        for (int r = 0; r < 300; r++) {
            if (r >= 100 && r < 250) {
                assertThat(Double.doubleToRawLongBits(part[r])).isEqualTo(Double.doubleToRawLongBits(all[r]));
            } else {
                assertThat(part[r]).isEqualTo(42.0);
            }
        }
    }

    /** The trees of scripts/make-onnx-test-models.py, written out again by hand (inputs compared as float, as ONNX does). */
    static double trees(double rsi, double zscore, double logret) {
        float r = (float) rsi;
        float z = (float) zscore;
        float l = (float) logret;
        double t0 = r <= 30f ? 0.25 : (r <= 70f ? 0.0 : -0.25);
        double t1 = z <= -1.5f ? 0.5 : (l <= 0f ? 0.125 : -0.125);
        double t2 = z <= 1f ? 0.0625 : -0.375;
        return 0.03125 + t0 + t1 + t2;
    }

    @Test
    void treeEnsembleEqualsTheTreesWorkedByHand() throws Exception {
        Model m = load("trees");
        assertThat(m.featureColumns()).containsExactly("rsi(14)", "zscore(20)", "logret(5)");
        // rows worked out by hand: rsi, zscore, logret -> base + tree 0 + tree 1 + tree 2
        double[][] rows = {
                {25, -2, 0.01},     // 0.03125 + 0.25 + 0.5 + 0.0625 = 0.84375
                {30, -1.5, 0},      // thresholds are inclusive (<=): the same leaves = 0.84375
                {50, 0, -0.02},     // 0.03125 + 0 + 0.125 + 0.0625 = 0.21875
                {50, 0, 0.02},      // 0.03125 + 0 - 0.125 + 0.0625 = -0.03125
                {80, 2, 0.01},      // 0.03125 - 0.25 - 0.125 - 0.375 = -0.71875
                {70, 1, 0},         // 0.03125 + 0 + 0.125 + 0.0625 = 0.21875
        };
        double[] expected = {0.84375, 0.84375, 0.21875, -0.03125, -0.71875, 0.21875};
        double[][] in = new double[3][rows.length];
        for (int r = 0; r < rows.length; r++) {
            for (int f = 0; f < 3; f++) {
                in[f][r] = rows[r][f];
            }
        }
        double[] got = new double[rows.length];
        try (Predictor p = m.predictor(Backend.CPU)) {
            p.predict(in, 0, rows.length, got);
        }
        assertThat(got).containsExactly(expected);
        for (int r = 0; r < rows.length; r++) {
            assertThat(trees(rows[r][0], rows[r][1], rows[r][2])).isEqualTo(expected[r]);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "SIMD"})
    void treeEnsembleIsExactOnRandomRows(Backend backend) throws Exception {
        Model m = load("trees");
        int rows = 70_000;
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] in = new double[3][rows];
        for (int r = 0; r < rows; r++) {
            in[0][r] = rnd.nextDouble(0, 100);
            in[1][r] = rnd.nextDouble(-3, 3);
            in[2][r] = rnd.nextDouble(-0.05, 0.05);
        }
        in[0][7] = Double.NaN;
        in[2][9] = Double.POSITIVE_INFINITY;
        // the fast path (what the model uses) and ONNX Runtime's session
        for (boolean fast : new boolean[] {true, false}) {
            double[] got = new double[rows];
            try (Predictor p = fast ? m.predictor(backend) : ((OnnxRuntimeModel) m.runtime()).ortPredictor(m, backend)) {
                assertThat(p).isInstanceOf(fast ? TreePredictor.class : OnnxPredictor.class);
                p.predict(in, 0, rows, got);
            }
            assertThat(got[7]).isNaN();
            assertThat(got[9]).isNaN();
            for (int r = 0; r < rows; r++) {
                if (r != 7 && r != 9) {
                    assertThat(Double.doubleToRawLongBits(got[r])).as("row %d, fast path %s", r, fast)
                            .isEqualTo(Double.doubleToRawLongBits(trees(in[0][r], in[1][r], in[2][r])));
                }
            }
        }
    }

    /** LinearClassifier with softmax: column 1 of the probabilities, from the coefficients of the script. */
    @Test
    void classifierScoresAreTheChosenProbabilityColumn() throws Exception {
        Model m = load("classifier");
        assertThat(m.runtime().describe()).contains("'probabilities' float [N, 2] column 1");
        int rows = 1_000;
        SplittableRandom rnd = new SplittableRandom(9);
        double[][] in = new double[2][rows];
        for (int r = 0; r < rows; r++) {
            in[0][r] = rnd.nextDouble(-3, 3);
            in[1][r] = rnd.nextDouble(0, 100);
        }
        double[] got = new double[rows];
        try (Predictor p = m.predictor(Backend.CPU)) {
            p.predict(in, 0, rows, got);
        }
        for (int r = 0; r < rows; r++) {
            double x0 = in[0][r];
            double x1 = (in[1][r] - 50) / 10;
            double s0 = 0.125 + 0.5 * x0 - 0.25 * x1;
            double s1 = -0.0625 - 0.75 * x0 + 1.5 * x1;
            double p1 = 1 / (1 + Math.exp(s0 - s1));
            assertThat(got[r]).as("row %d", r).isCloseTo(p1, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    /** The benchmark MLP exported from the same SplittableRandom draws, in float32: equal to vectrade's double MLP within float rounding. */
    @Test
    void benchMlpIsTheBenchmarkMlp() throws Exception {
        Model onnx = load("bench-mlp");
        Model own = Models.benchmarkMlp(FeatureSet.standard().columnNames(), 42);
        assertThat(onnx.featureColumns()).isEqualTo(own.featureColumns());
        int rows = 4_000;
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] in = new double[own.inputs()][rows];
        for (double[] c : in) {
            for (int r = 0; r < rows; r++) {
                c[r] = rnd.nextDouble(-2, 2);
            }
        }
        double[] want = new double[rows];
        double[] got = new double[rows];
        try (Predictor ref = own.predictor(Backend.CPU); Predictor p = onnx.predictor(Backend.SIMD)) {
            ref.predict(in, 0, rows, want);
            p.predict(in, 0, rows, got);
        }
        for (int r = 0; r < rows; r++) {
            // weights rounded to float32 (relative 6e-8 each) over 22 + 64 + 64 terms
            assertThat(got[r]).as("row %d", r).isCloseTo(want[r], org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(want[r]))));
        }
    }

    /** The data-movement model of the benchmarks: the sum of the 22 float-rounded columns. */
    @Test
    void benchSumIsTheRowSum() throws Exception {
        Model m = load("bench-sum");
        int rows = 1_000;
        SplittableRandom rnd = new SplittableRandom(4);
        double[][] in = new double[22][rows];
        for (double[] c : in) {
            for (int r = 0; r < rows; r++) {
                c[r] = rnd.nextDouble(-2, 2);
            }
        }
        double[] got = new double[rows];
        try (Predictor p = m.predictor(Backend.CPU)) {
            p.predict(in, 0, rows, got);
        }
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (double[] c : in) {
                sum += (float) c[r];
            }
            assertThat(got[r]).as("row %d", r).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void threadsAreSetPerBackendAndCudaFallsBackToTheCpuProvider() throws Exception {
        Model m = load("trees");
        OnnxRuntimeModel rt = (OnnxRuntimeModel) m.runtime();
        try (OnnxPredictor cpu = (OnnxPredictor) rt.ortPredictor(m, Backend.CPU);
             OnnxPredictor simd = (OnnxPredictor) rt.ortPredictor(m, Backend.SIMD);
             OnnxPredictor cuda = (OnnxPredictor) rt.ortPredictor(m, Backend.CUDA);
             TreePredictor fastCpu = (TreePredictor) m.predictor(Backend.CPU);
             TreePredictor fastSimd = (TreePredictor) m.predictor(Backend.SIMD)) {
            assertThat(fastCpu.threads()).isEqualTo(1);
            assertThat(fastSimd.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(cpu.threads()).isEqualTo(1);
            assertThat(simd.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(cuda.onCuda()).isEqualTo(OnnxSessions.cudaProviderAvailable());
            double[][] in = {{25, 80}, {-2, 2}, {0.01, 0.01}};
            double[] a = new double[2];
            double[] b = new double[2];
            cpu.predict(in, 0, 2, a);
            cuda.predict(in, 0, 2, b);
            assertThat(b).containsExactly(a);
            assertThat(a).containsExactly(0.84375, -0.71875);
        }
    }

    /**
     * The buffers are reused: in steady state a call allocates only ONNX Runtime's per-run objects
     * (a few hundred bytes per run of at most CHUNK_ROWS rows), nothing per row.
     */
    @Test
    void perCallHeapAllocationDoesNotGrowWithRows() throws Exception {
        Model m = load("mlp");
        int rows = 150_000;
        double[][] in = columns(m, rows, 21);
        double[] scores = new double[rows];
        try (Predictor p = m.predictor(Backend.CPU)) {
            long small = bytesPerCall(p, in, 10, scores);
            long large = bytesPerCall(p, in, rows, scores);
            int runs = (rows + OnnxPredictor.CHUNK_ROWS - 1) / OnnxPredictor.CHUNK_ROWS;
            assertThat(small).as("bytes per 10-row call (one run)").isLessThan(2_048);
            assertThat(large / runs).as("bytes per run of a 150,000-row call (%d runs)", runs).isLessThan(2_048);
            assertThat(large / rows).as("bytes per row").isZero();
        }
    }

    static long bytesPerCall(Predictor p, double[][] in, int rows, double[] scores) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 5; warm++) {
            p.predict(in, 0, rows, scores);
        }
        int calls = 20;
        long a0 = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            p.predict(in, 0, rows, scores);
        }
        return (mx.getCurrentThreadAllocatedBytes() - a0) / calls;
    }

    /**
     * A graph written by PyTorch itself (scripts/make-onnx-torch-export.py ran the docs' torch.onnx
     * snippet with Debian's python3-torch 1.13): vectrade's scores equal torch's own forward pass on
     * the same rows, within float rounding.
     */
    @Test
    void aTorchExportScoresAsTorchDoes() throws Exception {
        Model m = load("torch-export");
        assertThat(m.runtime().describe()).isEqualTo("model.onnx: input 'features' float [N, 4] -> 'score' float [N, 1]");
        List<String> rows = lines("inputs.csv");
        List<String> ref = lines("reference.csv");
        int n = rows.size();
        assertThat(ref).hasSize(n);
        double[][] in = new double[4][n];
        for (int r = 0; r < n; r++) {
            String[] c = rows.get(r).split(",");
            for (int f = 0; f < 4; f++) {
                in[f][r] = Double.parseDouble(c[f]);
            }
        }
        double[] got = new double[n];
        try (Predictor p = m.predictor(Backend.CPU)) {
            p.predict(in, 0, n, got);
        }
        for (int r = 0; r < n; r++) {
            double want = Double.parseDouble(ref.get(r));
            assertThat(got[r]).as("row %d", r).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(want))));
        }
    }

    private static List<String> lines(String file) throws java.io.IOException {
        try (java.io.InputStream s = OnnxModelTest.class.getResourceAsStream("/io/vectrade/onnx/models/torch-export/" + file)) {
            return new String(s.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @Test
    void modelJsonOfAnOnnxModelNeedsNoNormalisation() throws Exception {
        Model m = load("bench-mlp");
        assertThat(m.mean()).containsOnly(0.0);
        assertThat(m.std()).containsOnly(1.0);
        assertThat(m.inputs()).isEqualTo(22);
        assertThat(List.of(m.typeId(), m.toString())).allSatisfy(s -> assertThat(s).contains("onnx"));
    }
}
