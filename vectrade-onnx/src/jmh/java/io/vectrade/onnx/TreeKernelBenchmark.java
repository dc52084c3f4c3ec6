package io.vectrade.onnx;

import io.vectrade.onnx.trees.TreeEnsemble;
import io.vectrade.onnx.trees.TreeEnsembleReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The tree fast path's kernel alone, one thread: {@link TreeEnsemble#score} over one 4,096-row run
 * of the 100-tree depth-6 benchmark ensemble (gaussian float rows, row-major), on the complete layout
 * (vector gathers) and on the linked layout (what trees deeper than 10 levels use). Per row: divide
 * the reported time by 4,096. No normalisation, no threads: what the predictor adds is the difference
 * to {@link OnnxBenchmark}'s {@code onnx-trees}. Each iteration also prints the benchmark thread's
 * CPU time per row ({@code ThreadMXBean}), the steadier figure on a shared machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TreeKernelBenchmark {
    static final int ROWS = 4_096;

    @Param({"complete", "linked"})
    public String layout;

    private TreeEnsemble trees;
    private TreeEnsemble.Scratch scratch;
    private float[] x;
    private final float[] out = new float[ROWS];
    private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();
    private long cpuAtIteration;
    private long calls;

    @Setup(Level.Iteration)
    public void cpuBefore() {
        calls = 0;
        cpuAtIteration = MX.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void cpuAfter() {
        long cpu = MX.getCurrentThreadCpuTime() - cpuAtIteration;
        System.out.printf(" [cpu %.0f ns/row over %d calls]", cpu / (double) Math.max(1, calls) / ROWS, calls);
    }

    @Setup
    public void setup() throws IOException {
        byte[] g = Files.readAllBytes(OnnxTestModels.copy("bench-trees", Files.createTempDirectory("vectrade-trees-bench"))
                .resolve("model.onnx"));
        TreeEnsemble e = ((TreeEnsembleReader.Supported) TreeEnsembleReader.read(g, "input", true, "variable", 22)).ensemble();
        trees = layout.equals("linked") ? e.linked() : e;
        scratch = trees.scratch(1);
        SplittableRandom rnd = new SplittableRandom(1);
        x = new float[ROWS * trees.features()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
    }

    @Benchmark
    public float score() {
        calls++;
        trees.score(x, ROWS, 1, scratch, out);
        return out[ROWS - 1];
    }
}
