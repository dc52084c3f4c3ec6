package io.vectrade.onnx;

import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureSet;
import io.vectrade.model.Model;
import io.vectrade.model.ModelIO;
import io.vectrade.model.Models;
import io.vectrade.model.Predictor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Model inference through ONNX Runtime against vectrade's own predictors, on the 22 standard
 * feature columns (gaussian inputs). {@code rows = 2520000} is a panel-daily shaped call (1,000
 * instruments × 2,520 bars); {@code rows = 1000} is one live tick of 1,000 instruments and
 * {@code rows = 1} one instrument. Models: {@code onnx-mlp} (the benchmark MLP 22 → 64 → 64 → 1
 * exported to a float graph), {@code mlp} (the same MLP on vectrade's predictor, double),
 * {@code onnx-trees} (100 full trees of depth 6, scored by vectrade's tree fast path, which gives
 * ONNX Runtime's bits), {@code onnx-trees-ort} (the same graph through the ONNX Runtime session),
 * {@code onnx-sum} (the sum of the 22 columns: the
 * cost of moving rows through ONNX Runtime with next to no compute; not in the default set). Run with {@code -prof gc}: gc.alloc.rate.norm is
 * the Java heap allocated per call (ONNX Runtime's per-run objects). The heap is fixed and touched
 * up front ({@code -Xms2g -Xmx2g -XX:+AlwaysPreTouch}), so each iteration's printed resident-set
 * growth is native memory (ONNX Runtime's arena, the JIT). Each iteration also prints the process
 * CPU time per call (all threads): on a shared machine where this process gets a fraction of the
 * cores, CPU time per call is the steadier figure, wall time per call the one JMH reports.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class OnnxBenchmark {
    @Param({"onnx-mlp", "mlp", "onnx-trees", "onnx-trees-ort"})
    public String model;

    @Param({"simd"})
    public String backend;

    @Param({"2520000", "1000", "1"})
    public int rows;

    private Predictor predictor;
    private double[][] inputs;
    private double[] scores;
    private long rssAtIteration;
    private long cpuAtIteration;
    private long callsInIteration;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Model m = switch (model) {
            case "mlp" -> Models.benchmarkMlp(FeatureSet.standard().columnNames(), 42);
            case "onnx-mlp" -> ModelIO.load(copy("bench-mlp"));
            case "onnx-trees", "onnx-trees-ort" -> ModelIO.load(copy("bench-trees"));
            case "onnx-sum" -> ModelIO.load(copy("bench-sum"));
            default -> throw new IllegalArgumentException("model=" + model);
        };
        predictor = model.equals("onnx-trees-ort")
                ? ((OnnxRuntimeModel) m.runtime()).ortPredictor(m, Backend.parse(backend))
                : m.predictor(Backend.parse(backend));
        SplittableRandom rnd = new SplittableRandom(1);
        inputs = new double[m.inputs()][rows];
        for (double[] c : inputs) {
            for (int r = 0; r < rows; r++) {
                c[r] = rnd.nextGaussian();
            }
        }
        scores = new double[rows];
    }

    private static Path copy(String name) throws IOException {
        return OnnxTestModels.copy(name, Files.createTempDirectory("vectrade-onnx-bench"));
    }

    @Setup(Level.Iteration)
    public void rssBefore() throws IOException {
        rssAtIteration = rssKiB();
        callsInIteration = 0;
        cpuAtIteration = OS.getProcessCpuTime();
    }

    @TearDown(Level.Iteration)
    public void rssAfter() throws IOException {
        long cpu = OS.getProcessCpuTime() - cpuAtIteration;
        System.out.printf(" [cpu %.1f us/call over %d calls, rss %+d KiB]", cpu / 1e3 / Math.max(1, callsInIteration),
                callsInIteration, rssKiB() - rssAtIteration);
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    @TearDown(Level.Trial)
    public void close() {
        predictor.close();
    }

    @Benchmark
    public double predict() {
        callsInIteration++;
        predictor.predict(inputs, 0, rows, scores);
        return scores[rows - 1];
    }
}
