package io.vectrade.bench.jmh;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
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
 * One series (N = 1) at 1k / 10k / 100k / 1M bars: rsi(14), ema(20), volatility(20) on vectrade
 * cpu, vectrade simd (one thread: lanes across instruments do not apply, the single-series
 * kernels run) and TA-Lib Java (RSI; EMA; log returns + STDDEV(20), which is the population
 * deviation: the same work, not the same value). Each invocation takes the next of
 * {@value #ROTATION} different series; every result is returned to JMH. The implementation is a
 * parameter, the last one by name (JMH orders parameters by name and varies the last fastest), so
 * that JMH runs TA-Lib, cpu and simd of one (bars, feature) back to
 * back: their ratio comes from one stretch of time on a shared machine. {@link CpuTime} adds the
 * thread's CPU time.
 *
 * <pre>scripts/jmh --name series SeriesFeatureBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class SeriesFeatureBenchmark {
    static final int ROTATION = 8;

    @Param({"1000", "10000", "100000", "1000000"})
    public int bars;

    @Param({"rsi", "ema", "volatility"})
    public String feature;

    @Param({"talib", "cpu", "simd"})
    public String impl;

    private double[][] closes;
    private Panel[] panels;
    private FeatureSet set;
    private CpuFeatureEngine cpu;
    private SimdFeatureEngine simd;
    private FeatureTable cpuOut;
    private FeatureTable simdOut;
    private final Core core = new Core();
    private final MInteger begin = new MInteger();
    private final MInteger count = new MInteger();
    private double[] taOut;
    private double[] taReturns;
    private int next;
    /** {@link #impl} as 0 (talib), 1 (cpu), 2 (simd): no string switch per invocation. */
    private int which;

    @Setup(Level.Trial)
    public void setUp() {
        closes = new double[ROTATION][];
        panels = new Panel[ROTATION];
        for (int k = 0; k < ROTATION; k++) {
            closes[k] = BenchData.closes(1000L * bars + k, bars);
            panels[k] = BenchData.series(closes[k]);
        }
        set = FeatureSet.parse(switch (feature) {
            case "rsi" -> "rsi(14)";
            case "ema" -> "ema(20)";
            default -> "volatility(20)";
        });
        cpu = new CpuFeatureEngine();
        simd = new SimdFeatureEngine(1);
        cpuOut = FeatureTable.allocate(set, bars, 1);
        simdOut = FeatureTable.allocate(set, bars, 1);
        taOut = new double[bars];
        taReturns = new double[bars];
        which = switch (impl) {
            case "talib" -> 0;
            case "cpu" -> 1;
            case "simd" -> 2;
            default -> throw new IllegalArgumentException("impl must be talib, cpu or simd, impl=" + impl);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        simd.close();
    }

    @Benchmark
    public double[] run(CpuTime cpuTime) {
        cpuTime.tick();
        int k = next++ & (ROTATION - 1);
        return switch (which) {
            case 1 -> {
                cpu.computeInto(panels[k], set, cpuOut);
                yield cpuOut.column(0);
            }
            case 2 -> {
                simd.computeInto(panels[k], set, simdOut);
                yield simdOut.column(0);
            }
            default -> talib(closes[k]);
        };
    }

    private double[] talib(double[] c) {
        int last = c.length - 1;
        switch (feature) {
            case "rsi" -> core.rsi(0, last, c, 14, begin, count, taOut);
            case "ema" -> core.ema(0, last, c, 20, begin, count, taOut);
            default -> {
                double[] r = taReturns;
                for (int t = 1; t < c.length; t++) {
                    r[t - 1] = Math.log(c[t] / c[t - 1]);
                }
                core.stdDev(0, last - 1, r, 20, 1.0, begin, count, taOut);
            }
        }
        return taOut;
    }
}
