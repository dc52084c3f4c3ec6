package io.vectrade.bench.jmh;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.feature.simd.SimdFeatureEngine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The {@code panel-daily} workload: 1,000 instruments × 2,520 bars, rsi(14) + momentum(10) +
 * volatility(20) for every instrument. vectrade simd on 2 threads and on 1, vectrade cpu (one
 * thread), TA-Lib Java per instrument on 1 and 2 threads (RSI, MOM, log returns + STDDEV(20);
 * TA-Lib gets instrument-major copies of the closes, prepared in setup and not timed). Two
 * different panels alternate between invocations.
 *
 * <pre>scripts/jmh --name panel-daily PanelDailyBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class PanelDailyBenchmark {
    static final int INSTRUMENTS = 1000;
    static final int BARS = 2520;

    private Panel[] panels;
    private double[][][] seriesByInstrument;
    private FeatureSet set;
    private SimdFeatureEngine simd2;
    private SimdFeatureEngine simd1;
    private CpuFeatureEngine cpu;
    private FeatureTable out2;
    private FeatureTable out1;
    private FeatureTable outCpu;
    private TaLibWork[] talib;
    private ExecutorService executor;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        panels = new Panel[2];
        seriesByInstrument = new double[2][INSTRUMENTS][BARS];
        for (int k = 0; k < 2; k++) {
            panels[k] = BenchData.panel(77 + k, INSTRUMENTS, BARS);
            for (int i = 0; i < INSTRUMENTS; i++) {
                for (int t = 0; t < BARS; t++) {
                    seriesByInstrument[k][i][t] = panels[k].close(t, i);
                }
            }
        }
        set = FeatureSet.parse("rsi(14),momentum(10),volatility(20)");
        simd2 = new SimdFeatureEngine(2);
        simd1 = new SimdFeatureEngine(1);
        cpu = new CpuFeatureEngine();
        out2 = FeatureTable.allocate(set, BARS, INSTRUMENTS);
        out1 = FeatureTable.allocate(set, BARS, INSTRUMENTS);
        outCpu = FeatureTable.allocate(set, BARS, INSTRUMENTS);
        talib = new TaLibWork[] {new TaLibWork(), new TaLibWork()};
        executor = Executors.newSingleThreadExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        simd2.close();
        simd1.close();
        executor.shutdown();
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

    @Benchmark
    public FeatureTable cpu() {
        cpu.computeInto(panels[next++ & 1], set, outCpu);
        return outCpu;
    }

    @Benchmark
    public double[][][] talibOneThread() {
        double[][] s = seriesByInstrument[next++ & 1];
        talib[0].run(s, 0, INSTRUMENTS);
        return talib[0].out;
    }

    @Benchmark
    public double[][][] talibTwoThreads() throws Exception {
        double[][] s = seriesByInstrument[next++ & 1];
        Future<?> half = executor.submit(() -> talib[1].run(s, INSTRUMENTS / 2, INSTRUMENTS));
        talib[0].run(s, 0, INSTRUMENTS / 2);
        half.get();
        return talib[0].out;
    }

    /** TA-Lib over instruments [from, to) into per-instrument outputs (one instance per thread). */
    static final class TaLibWork {
        final Core core = new Core();
        final MInteger begin = new MInteger();
        final MInteger count = new MInteger();
        final double[][][] out = new double[3][INSTRUMENTS][BARS];
        final double[] returns = new double[BARS];

        void run(double[][] closes, int from, int to) {
            for (int i = from; i < to; i++) {
                double[] c = closes[i];
                core.rsi(0, BARS - 1, c, 14, begin, count, out[0][i]);
                core.mom(0, BARS - 1, c, 10, begin, count, out[1][i]);
                for (int t = 1; t < BARS; t++) {
                    returns[t - 1] = Math.log(c[t] / c[t - 1]);
                }
                core.stdDev(0, BARS - 2, returns, 20, 1.0, begin, count, out[2][i]);
            }
        }
    }
}
