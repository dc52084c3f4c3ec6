package io.vectrade.bench.jmh;

import io.vectrade.backend.Backend;
import io.vectrade.model.Models;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

import java.util.Arrays;
import java.util.SplittableRandom;
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
 * The whole live tick ({@code live-tick-B}): one bar for each of B instruments through
 * {@link LiveEngine} with the default model and the default policy of the CLI and the bench
 * ({@code rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)}), cpu against simd.
 * Sample time, so JMH reports the percentiles (p50 … p99.99) of single ticks.
 *
 * <p>1,024 pre-generated ticks of random walks (about 1 instrument in 70 missing per tick) are
 * cycled; the prices jump back once per cycle, which the streaming state takes like any jump.
 *
 * <pre>scripts/jmh --name live-engine LiveEngineTickBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LiveEngineTickBenchmark {
    private static final int TICKS = 1024;
    static final String POLICY = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";

    @Param({"32", "64", "128", "256", "512", "1024"})
    public int instruments;

    @Param({"cpu", "simd"})
    public String backend;

    private LiveEngine live;
    private double[][][] ticks;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        live = LiveEngine.create(Models.defaultModel(), SignalChain.parse(POLICY), Backend.parse(backend), instruments);
        ticks = new double[TICKS][5][instruments];
        SplittableRandom r = new SplittableRandom(42);
        double[] price = new double[instruments];
        Arrays.fill(price, 100);
        for (int t = 0; t < TICKS; t++) {
            for (int i = 0; i < instruments; i++) {
                double o = price[i];
                price[i] *= Math.exp(0.01 * r.nextGaussian());
                double c = price[i];
                ticks[t][0][i] = o;
                ticks[t][1][i] = Math.max(o, c) * (1 + 0.003 * r.nextDouble());
                ticks[t][2][i] = Math.min(o, c) * (1 - 0.003 * r.nextDouble());
                ticks[t][3][i] = r.nextInt(70) == 0 ? Double.NaN : c;
                ticks[t][4][i] = 1000 + r.nextInt(100_000);
            }
        }
        for (int t = 0; t < 2 * TICKS; t++) {
            tick();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        live.close();
    }

    /** One tick of B instruments: features, model, policy. */
    @Benchmark
    public SignalFrame tick() {
        double[][] k = ticks[next];
        next = (next + 1) & (TICKS - 1);
        return live.onTick(k[0], k[1], k[2], k[3], k[4]);
    }
}
