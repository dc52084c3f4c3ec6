package io.vectrade.bench.jmh;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.stream.StreamingFeatures;

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

/**
 * One tick of 1,024 instruments through {@link StreamingFeatures} with a single feature, one
 * benchmark per standard feature: where the {@code live-tick} time of {@link LiveTickBenchmark}
 * goes. Same cycled random-walk ticks.
 *
 * <pre>scripts/jmh --name live-tick-features LiveTickFeatureBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LiveTickFeatureBenchmark {
    private static final int TICKS = 1024;
    private static final int INSTRUMENTS = 1024;

    @Param({"rsi", "momentum", "roc", "volatility", "logret", "sma", "ema", "macd", "bbands", "atr", "stoch",
            "willr", "cci", "adx", "obv", "zscore", "vwap"})
    public String feature;

    private StreamingFeatures live;
    private double[][][] ticks;
    private double[] row;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        live = StreamingFeatures.of(FeatureSet.parse(feature), INSTRUMENTS);
        row = new double[live.columns() * INSTRUMENTS];
        ticks = new double[TICKS][5][INSTRUMENTS];
        SplittableRandom r = new SplittableRandom(42);
        double[] price = new double[INSTRUMENTS];
        Arrays.fill(price, 100);
        for (int t = 0; t < TICKS; t++) {
            for (int i = 0; i < INSTRUMENTS; i++) {
                price[i] *= Math.exp(0.01 * r.nextGaussian());
                double p = Math.rint(price[i] * 100) / 100;
                ticks[t][0][i] = p;
                ticks[t][1][i] = p * (1 + 0.003 * r.nextDouble());
                ticks[t][2][i] = p * (1 - 0.003 * r.nextDouble());
                ticks[t][3][i] = r.nextInt(70) == 0 ? Double.NaN : p;
                ticks[t][4][i] = 1000 + r.nextInt(100_000);
            }
        }
    }

    @Benchmark
    public double[] tick() {
        double[][] k = ticks[next];
        next = (next + 1) & (TICKS - 1);
        live.update(k[0], k[1], k[2], k[3], k[4], row);
        return row;
    }
}
