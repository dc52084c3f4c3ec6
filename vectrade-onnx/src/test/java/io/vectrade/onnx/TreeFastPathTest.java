package io.vectrade.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.vectrade.backend.Backend;
import io.vectrade.model.Model;
import io.vectrade.model.ModelIO;
import io.vectrade.model.Predictor;
import io.vectrade.onnx.trees.TreeEnsemble;
import io.vectrade.onnx.trees.TreeEnsembleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * vectrade's tree fast path against ONNX Runtime itself, raw bits: the same float rows through a
 * session and through {@link TreeEnsemble}, for the committed ensembles (among them random unbalanced
 * trees with mixed modes, missing-value tracking, infinite and NaN thresholds), rows with NaN,
 * infinite and threshold-equal features, one and two intra-op threads and run lengths on both sides
 * of ONNX Runtime's switch to per-thread tree groups (50 rows).
 */
class TreeFastPathTest {
    @TempDir
    static Path dir;

    static Model load(String name) throws Exception {
        return ModelIO.load(OnnxTestModels.copy(name, dir));
    }

    static TreeEnsemble ensemble(Model m) {
        TreeEnsembleReader.Result r = ((OnnxRuntimeModel) m.runtime()).trees();
        assertThat(r).as("fast path for %s", m).isInstanceOf(TreeEnsembleReader.Supported.class);
        return ((TreeEnsembleReader.Supported) r).ensemble();
    }

    static byte[] graph(String name) throws Exception {
        return Files.readAllBytes(OnnxTestModels.copy(name, dir).resolve("model.onnx"));
    }

    /**
     * Rows of F floats: gaussian (scale 2), and per cell with some probability a threshold of the
     * ensemble itself, the float just below or above one, NaN, or an infinity.
     */
    static float[] rows(TreeEnsemble e, int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] thresholds = e.thresholds();
        float[] x = new float[rows * e.features()];
        for (int i = 0; i < x.length; i++) {
            int kind = rnd.nextInt(100);
            float t = thresholds[rnd.nextInt(thresholds.length)];
            x[i] = switch (kind) {
                case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> t;
                case 10, 11, 12 -> Math.nextDown(t);
                case 13, 14, 15 -> Math.nextUp(t);
                case 16, 17, 18 -> Float.NaN;
                case 19 -> Float.POSITIVE_INFINITY;
                case 20 -> Float.NEGATIVE_INFINITY;
                default -> (float) (2 * rnd.nextGaussian());
            };
        }
        return x;
    }

    /** One ONNX Runtime run of {@code rows} rows on {@code backend}'s session (its intra-op threads). */
    static float[] ort(byte[] graph, Backend backend, float[] x, int rows, int features) throws Exception {
        try (OnnxSessions.Opened s = OnnxSessions.open(graph, backend, "test", false)) {
            return ortRun(s.session(), x, rows, features);
        }
    }

    static float[] ortRun(OrtSession s, float[] x, int rows, int features) throws Exception {
        FloatBuffer in = ByteBuffer.allocateDirect(rows * features * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        in.put(x, 0, rows * features);
        in.rewind();
        String input = s.getInputNames().iterator().next();
        try (OnnxTensor t = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), in, new long[] {rows, features});
             OrtSession.Result r = s.run(Map.of(input, t))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] y = new float[rows];
            out.get(y);
            return y;
        }
    }

    @ParameterizedTest
    @CsvSource({
            "trees, cpu", "trees, simd",
            "bench-trees, cpu", "bench-trees, simd",
            "trees-unbalanced, cpu", "trees-unbalanced, simd",
            "trees-average, cpu", "trees-average, simd"})
    void fastPathEqualsOnnxRuntimeBitForBit(String name, String backendName) throws Exception {
        Backend backend = Backend.parse(backendName);
        Model m = load(name);
        TreeEnsemble e = ensemble(m);
        assertThat(e.complete()).isTrue();
        assertThat(e.linked().complete()).isFalse();
        byte[] g = graph(name);
        int threads = OnnxSessions.threads(backend);
        int f = e.features();
        TreeEnsemble.Scratch scratch = e.scratch(threads);
        try (OnnxSessions.Opened s = OnnxSessions.open(g, backend, name, false)) {
            for (int rows : new int[] {1, 2, 37, 50, 51, 64, 65, 300, 4_096}) {
                float[] x = rows(e, rows, 1_000L * rows + name.hashCode());
                float[] want = ortRun(s.session(), x, rows, f);
                float[] got = new float[rows];
                float[] linked = new float[rows];
                e.score(x, rows, threads, scratch, got);
                e.linked().score(x, rows, threads, scratch, linked);
                int nanRows = 0;
                for (int r = 0; r < rows; r++) {
                    assertThat(Float.floatToRawIntBits(got[r])).as("%s %s, run of %d rows, row %d: %s vs ORT %s", name,
                            backend, rows, r, got[r], want[r]).isEqualTo(Float.floatToRawIntBits(want[r]));
                    assertThat(Float.floatToRawIntBits(linked[r])).as("linked layout, row %d", r)
                            .isEqualTo(Float.floatToRawIntBits(want[r]));
                    for (int k = 0; k < f; k++) {
                        if (Float.isNaN(x[r * f + k])) {
                            nanRows++;
                            break;
                        }
                    }
                }
                if (rows >= 300) {
                    assertThat(nanRows).as("rows with a NaN feature").isGreaterThan(rows / 20);
                }
            }
        }
    }

    /**
     * The summation order matters: on two threads ONNX Runtime sums a long run's trees in two groups,
     * and for these non-dyadic leaf weights that changes some scores' last bits. The fast path follows
     * the threads it is told (so this test would catch a fast path that ignored them).
     */
    @Test
    void treeGroupsOfOrtThreadsChangeTheLastBits() throws Exception {
        Model m = load("trees-unbalanced");
        TreeEnsemble e = ensemble(m);
        int rows = 4_096;
        float[] x = rows(e, rows, 99);
        float[] one = new float[rows];
        float[] two = new float[rows];
        e.score(x, rows, 1, e.scratch(2), one);
        e.score(x, rows, 2, e.scratch(2), two);
        int differ = 0;
        for (int r = 0; r < rows; r++) {
            differ += Float.floatToRawIntBits(one[r]) != Float.floatToRawIntBits(two[r]) ? 1 : 0;
        }
        assertThat(differ).as("rows whose score depends on the grouping").isGreaterThan(0);
        assertThat(e.partitions(50, 2)).isEqualTo(1);
        assertThat(e.partitions(51, 2)).isEqualTo(2);
        assertThat(e.partitions(4_096, 1)).isEqualTo(1);
        if (Runtime.getRuntime().availableProcessors() == 2) {
            assertThat(ort(graph("trees-unbalanced"), Backend.SIMD, x, rows, e.features())).isEqualTo(two);
        }
        assertThat(ort(graph("trees-unbalanced"), Backend.CPU, x, rows, e.features())).isEqualTo(one);
    }

    /**
     * More intra-op threads than this machine's cores (a session opened by hand): ONNX Runtime's tree
     * groups follow its thread count, and so does the fast path.
     */
    @ParameterizedTest
    @ValueSource(ints = {3, 4, 7})
    void treeGroupsFollowAnyOrtThreadCount(int threads) throws Exception {
        Model m = load("trees-unbalanced");
        TreeEnsemble e = ensemble(m);
        int rows = 1_000;
        float[] x = rows(e, rows, 7L * threads);
        float[] got = new float[rows];
        e.score(x, rows, threads, e.scratch(threads), got);
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            try (OrtSession s = OrtEnvironment.getEnvironment().createSession(graph("trees-unbalanced"), o)) {
                float[] want = ortRun(s, x, rows, e.features());
                for (int r = 0; r < rows; r++) {
                    assertThat(Float.floatToRawIntBits(got[r])).as("%d threads, row %d", threads, r)
                            .isEqualTo(Float.floatToRawIntBits(want[r]));
                }
            }
        }
    }

    /** Through the predictors: normalisation, chunks, the bad-row rule and the block split over threads. */
    @ParameterizedTest
    @CsvSource({"trees-unbalanced, cpu", "trees-unbalanced, simd", "bench-trees, simd", "trees, cpu"})
    void treePredictorEqualsTheOnnxRuntimePredictor(String name, String backendName) throws Exception {
        Backend backend = Backend.parse(backendName);
        Model m = load(name);
        OnnxRuntimeModel rt = (OnnxRuntimeModel) m.runtime();
        int rows = 2 * OnnxPredictor.CHUNK_ROWS + 777;
        double[][] in = OnnxModelTest.columns(m, rows, 17);
        double[] want = new double[rows];
        double[] got = new double[rows];
        try (Predictor ort = rt.ortPredictor(m, backend); Predictor fast = m.predictor(backend)) {
            assertThat(fast).isInstanceOf(TreePredictor.class);
            assertThat(ort).isInstanceOf(OnnxPredictor.class);
            ort.predict(in, 0, rows, want);
            fast.predict(in, 0, rows, got);
            for (int r = 0; r < rows; r++) {
                assertThat(Double.doubleToRawLongBits(got[r])).as("row %d: %s vs ORT %s", r, got[r], want[r])
                        .isEqualTo(Double.doubleToRawLongBits(want[r]));
            }
            // a row range that starts inside a block and a live-tick sized call
            java.util.Arrays.fill(got, 42.0);
            ort.predict(in, 101, 101 + 1_000, want);
            fast.predict(in, 101, 101 + 1_000, got);
            for (int r = 0; r < rows; r++) {
                double w = r >= 101 && r < 1_101 ? want[r] : 42.0;
                assertThat(Double.doubleToRawLongBits(got[r])).as("row %d", r).isEqualTo(Double.doubleToRawLongBits(w));
            }
        }
    }

    @Test
    void describeSaysWhoScoresATreeGraph() throws Exception {
        assertThat(load("bench-trees").runtime().describe()).isEqualTo(
                "model.onnx: input 'input' float [N, 22] -> 'variable' float [N, 1]; trees: vectrade fast path"
                        + " (100 trees, depth <= 6, 12700 nodes, SUM, complete layout)");
        Model eq = load("trees-eq");
        assertThat(eq.runtime().describe()).endsWith("; trees: ONNX Runtime (fast path not used: node mode BRANCH_EQ)");
        try (Predictor p = eq.predictor(Backend.CPU)) {
            assertThat(p).isInstanceOf(OnnxPredictor.class);
        }
        assertThat(load("mlp").runtime().describe()).doesNotContain("trees");
        assertThat(load("classifier").runtime().describe()).doesNotContain("trees");
    }

    @Test
    void modelJsonCanTurnTheFastPathOff() throws Exception {
        Path d = OnnxTestModels.copy("trees", dir.resolve("off"));
        Path json = d.resolve("model.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\\{", "{\"tree_fast_path\": false,"));
        Model m = ModelIO.load(d);
        assertThat(m.runtime().describe()).endsWith("(fast path not used: off in model.json (tree_fast_path: false))");
        try (Predictor p = m.predictor(Backend.CPU)) {
            assertThat(p).isInstanceOf(OnnxPredictor.class);
        }
    }

    /**
     * 0 bytes per call after warm-up on the calling thread and on the fast path's worker threads, for
     * a panel-sized call (full blocks, a block of two vectors and a few rows), a live tick of 1,000
     * rows and a single row. Warm-up runs until the vector code is compiled (interpreted, the Vector
     * API allocates its vectors, and a later deoptimisation may materialise one): at least 100 rounds
     * of calls and until 20 rounds in a row allocated nothing, at most 60 s; then a fixed window of
     * 20 rounds must allocate nothing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cpu", "simd"})
    void noAllocationPerCall(String backendName) throws Exception {
        Model m = load("bench-trees");
        int rows = OnnxPredictor.CHUNK_ROWS + 2 * 16 + 5;
        double[][] in = OnnxModelTest.columns(m, rows, 3);
        double[] scores = new double[rows];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (Predictor p = m.predictor(Backend.parse(backendName))) {
            long[] ids = threadIds((TreePredictor) p);
            assertThat(ids.length).as("the caller and the fast path's workers")
                    .isEqualTo(((TreePredictor) p).threads());
            long deadline = System.nanoTime() + 60_000_000_000L;
            int rounds = 0;
            int clean = 0;
            while ((rounds < 100 || clean < 20) && System.nanoTime() < deadline) {
                long before = allocated(mx, ids);
                callRound(p, in, rows, scores);
                clean = allocated(mx, ids) == before ? clean + 1 : 0;
                rounds++;
            }
            long before = allocated(mx, ids);
            for (int i = 0; i < 20; i++) {
                callRound(p, in, rows, scores);
            }
            assertThat(allocated(mx, ids) - before).as("bytes over 20 rounds, threads %s", ids.length).isZero();
        }
    }

    private static void callRound(Predictor p, double[][] in, int rows, double[] scores) {
        p.predict(in, 0, rows, scores);
        p.predict(in, 7, 1_007, scores);
        p.predict(in, 0, 1, scores);
    }

    private static long[] threadIds(TreePredictor p) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        ids.add(Thread.currentThread().threadId());
        for (Thread t : p.workerThreads()) {
            assertThat(t.isAlive()).isTrue();
            ids.add(t.threadId());
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long allocated(com.sun.management.ThreadMXBean mx, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, mx.getThreadAllocatedBytes(id));   // one value: this call allocates nothing
        }
        return sum;
    }
}
