package io.vectrade.bench.jmh;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.FeatureType;
import io.vectrade.model.Models;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.BarwiseChain;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The {@code signal_generation} stage of {@code panel-daily} (1,000 instruments × 2,520 bars) with the
 * default model's scores and the default policy {@code rank(quantile=0.1) | voltarget(target=0.1) |
 * caps(max=0.05,gross=1)}: the simd pipeline's stage (the fused chain split over the cores), the fused
 * {@link BarwiseChain} on the benchmark thread, and the reference {@link SignalChain} on the benchmark
 * thread. Scores and volatility are made once in setup (untimed); each call rewrites the whole frame.
 *
 * <pre>scripts/jmh --name signals SignalChainBenchmark -f 1 -wi 5 -w 1s -i 10 -r 1s</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class SignalChainBenchmark {
    static final int INSTRUMENTS = 1000;
    static final int BARS = 2520;
    static final String POLICY = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";

    private TradingPipeline pipeline;
    private FeatureTable table;
    private double[] scores;
    private double[] volatility;
    private BarwiseChain barwise;
    private SignalChain reference;
    private SignalFrame frameBarwise;
    private SignalFrame frameReference;

    @Setup(Level.Trial)
    public void setUp() {
        Panel panel = SyntheticMarket.generate(INSTRUMENTS, BARS, 42);
        pipeline = TradingPipeline.create(Models.defaultModel(), SignalChain.parse(POLICY), Backend.SIMD);
        table = pipeline.calculateFeatures(panel);
        scores = pipeline.generatePredictions(table).clone();
        volatility = null;
        for (FeatureSpec f : table.features().specs()) {
            if (f.type() == FeatureType.VOLATILITY) {
                volatility = table.column(f.canonical()).clone();
            }
        }
        reference = SignalChain.parse(POLICY);
        barwise = BarwiseChain.of(reference);
        frameBarwise = SignalFrame.allocate(BARS, INSTRUMENTS);
        frameReference = SignalFrame.allocate(BARS, INSTRUMENTS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pipeline.close();
    }

    @Benchmark
    public SignalFrame simdPipeline() {
        return pipeline.generateSignals(scores, table);
    }

    @Benchmark
    public SignalFrame barwiseOneThread() {
        barwise.apply(scores, volatility, 0, BARS, frameBarwise);
        return frameBarwise;
    }

    @Benchmark
    public SignalFrame referenceOneThread() {
        reference.apply(scores, volatility, 0, BARS, frameReference);
        return frameReference;
    }
}
