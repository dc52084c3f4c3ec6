package io.vectrade.bench.jmh;

import io.vectrade.data.MissingBars;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.simd.SimdFeatureEngine;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole standard feature set (17 features, 22 columns) in one call on the {@code panel-daily}
 * shape (1,000 instruments × 2,520 bars of {@code SyntheticMarket}), on simd with 2 threads and
 * with 1, complete ({@code missing=0}) and with {@code missing} of the bars dropped at random over
 * every instrument ({@link MissingBars}). Two different panels alternate between invocations.
 *
 * <pre>scripts/jmh --name standard-set StandardSetBenchmark -f 1 -wi 5 -w 1s -i 10 -r 1s -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class StandardSetBenchmark {
    static final int INSTRUMENTS = 1000;
    static final int BARS = 2520;

    /** Fraction of the bars missing. */
    @Param({"0", "0.05"})
    public double missing;

    private Panel[] panels;
    private final FeatureSet set = FeatureSet.standard();
    private SimdFeatureEngine simd2;
    private SimdFeatureEngine simd1;
    private FeatureTable out2;
    private FeatureTable out1;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        panels = new Panel[2];
        for (int k = 0; k < 2; k++) {
            panels[k] = MissingBars.scatter(SyntheticMarket.generate(INSTRUMENTS, BARS, 42 + k), missing, 7 + k);
        }
        simd2 = new SimdFeatureEngine(2);
        simd1 = new SimdFeatureEngine(1);
        out2 = FeatureTable.allocate(set, BARS, INSTRUMENTS);
        out1 = FeatureTable.allocate(set, BARS, INSTRUMENTS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        simd2.close();
        simd1.close();
    }

    @Benchmark
    public FeatureTable simdTwoThreads() {
        simd2.computeInto(panels[next++ & 1], set, out2);
        return out2;
    }

    @Benchmark
    public FeatureTable simdOneThread() {
        simd1.computeInto(panels[next++ & 1], set, out1);
        return out1;
    }
}
