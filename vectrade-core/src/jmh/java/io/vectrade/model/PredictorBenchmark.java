package io.vectrade.model;

import io.vectrade.backend.Backend;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
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

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Model inference and signal generation over a panel-daily shaped input (1,000 instruments × 2,520 bars,
 * 8 features): the benchmark MLP (8 → 64 → 64 → 1), a logistic model, and the shipped default model (its own 4
 * inputs: what the pipeline bench runs) on the cpu and simd predictors, and the reference signal chain.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PredictorBenchmark {
    static final List<String> FEATURES = List.of("rsi(14)", "momentum(10)", "roc(10)", "volatility(20)",
            "logret(1)", "zscore(20)", "cci(20)", "willr(14)");

    @Param({"cpu", "simd"})
    public String backend;

    @Param({"mlp", "logistic", "default"})
    public String model;

    @Param({"1000"})
    public int instruments;

    @Param({"2520"})
    public int bars;

    private Predictor predictor;
    private double[][] inputs;
    private double[] scores;
    private double[] vol;
    private SignalFrame frame;
    private SignalChain chain;

    @Setup(Level.Trial)
    public void setup() {
        Model m = switch (model) {
            case "mlp" -> Models.benchmarkMlp(FEATURES, 42);
            case "logistic" -> Models.mlp(FEATURES, new int[] {1}, new Activation[] {Activation.SIGMOID}, 42);
            case "default" -> Models.defaultModel();
            default -> throw new IllegalArgumentException("model=" + model);
        };
        predictor = m.predictor(Backend.parse(backend));
        int rows = instruments * bars;
        SplittableRandom rnd = new SplittableRandom(1);
        inputs = new double[m.inputs()][rows];
        for (double[] c : inputs) {
            for (int r = 0; r < rows; r++) {
                c[r] = rnd.nextGaussian();
            }
        }
        scores = new double[rows];
        vol = new double[rows];
        for (int r = 0; r < rows; r++) {
            vol[r] = 0.01 + 0.02 * rnd.nextDouble();
        }
        frame = SignalFrame.allocate(bars, instruments);
        chain = SignalChain.parse("rank(top=10,bottom=10) | voltarget(target=0.1) | caps(max=0.05,gross=1,net=0.2)");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        predictor.close();
    }

    /** Whole panel: T × N rows. */
    @Benchmark
    public double[] predictPanel() {
        predictor.predict(inputs, 0, scores.length, scores);
        return scores;
    }

    /** The live case: the last bar's N rows. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double[] predictLastBar() {
        predictor.predict(inputs, scores.length - instruments, scores.length, scores);
        return scores;
    }

    /** The signal chain over the whole panel (independent of the backend parameter). */
    @Benchmark
    public SignalFrame signalsPanel() {
        chain.apply(scores, vol, frame);
        return frame;
    }
}
