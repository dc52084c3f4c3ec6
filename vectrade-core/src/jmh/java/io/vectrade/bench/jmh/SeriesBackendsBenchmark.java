package io.vectrade.bench.jmh;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.FeatureType;
import io.vectrade.feature.cpu.CpuFeatureEngine;
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
 * One series (N = 1) of the lab's synthetic market ({@link SyntheticMarket}, the data of the lab's
 * {@code series-1k} / {@code series-10k} workloads), every standard feature with its default
 * parameters, vectrade cpu against vectrade simd (one thread): is simd ever slower than cpu on one
 * series (issue 11, item 5)? Each invocation takes the next of {@value #ROTATION} different series;
 * every result is returned to JMH. The backend ({@code impl}) is the last parameter, so cpu and simd of one
 * (bars, feature) run back to back; {@link CpuTime} adds the thread's CPU time.
 *
 * <pre>scripts/jmh --name series-backends SeriesBackendsBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class SeriesBackendsBenchmark {
    static final int ROTATION = 8;

    @Param({"1000", "10000"})
    public int bars;

    @Param({"rsi", "momentum", "roc", "volatility", "logret", "sma", "ema", "macd", "bbands", "atr", "stoch",
            "willr", "cci", "adx", "obv", "zscore", "vwap"})
    public String feature;

    /** The backend; named so that it sorts last: JMH orders parameters by name and varies the last fastest. */
    @Param({"cpu", "simd"})
    public String impl;

    private Panel[] panels;
    private FeatureSet set;
    private CpuFeatureEngine cpu;
    private SimdFeatureEngine simd;
    private FeatureTable cpuOut;
    private FeatureTable simdOut;
    private int next;
    private boolean onSimd;

    @Setup(Level.Trial)
    public void setUp() {
        panels = new Panel[ROTATION];
        for (int k = 0; k < ROTATION; k++) {
            panels[k] = SyntheticMarket.generate(1, bars, 4242L + k);
        }
        FeatureType type = FeatureType.valueOf(feature.toUpperCase(java.util.Locale.ROOT));
        set = FeatureSet.of(FeatureSpec.defaults(type));
        cpu = new CpuFeatureEngine();
        simd = new SimdFeatureEngine(1);
        cpuOut = FeatureTable.allocate(set, panels[0]);
        simdOut = FeatureTable.allocate(set, panels[0]);
        onSimd = switch (impl) {
            case "cpu" -> false;
            case "simd" -> true;
            default -> throw new IllegalArgumentException("impl must be cpu or simd, impl=" + impl);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        simd.close();
    }

    @Benchmark
    public FeatureTable run(CpuTime cpuTime) {
        cpuTime.tick();
        Panel p = panels[next++ & (ROTATION - 1)];
        if (onSimd) {
            simd.computeInto(p, set, simdOut);
            return simdOut;
        }
        cpu.computeInto(p, set, cpuOut);
        return cpuOut;
    }
}
