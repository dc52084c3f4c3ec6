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
 * The {@code live-tick} workload for features: one new bar for each of B instruments pushed through
 * {@link StreamingFeatures} with the full standard set (17 features, 22 columns), ns per tick.
 * Two ways are raced: {@code tick} (one {@code update} call with length-B arrays, one loop per
 * feature over the instruments) and {@code perInstrument} (B calls of the single-instrument
 * {@code update}, each running every feature for one instrument).
 *
 * <p>1,024 pre-generated ticks (random walks, about 1 instrument in 70 missing per tick) are
 * cycled, so the state is always warm and the values keep changing.
 *
 * <pre>scripts/jmh --name live-tick LiveTickBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * # or, without the script: mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * #   -Dmdep.includeScope=test; java -cp target/test-classes:target/classes:$(cat cp.txt)
 * #   org.openjdk.jmh.Main LiveTickBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LiveTickBenchmark {
    private static final int TICKS = 1024;

    @Param({"32", "256", "1024"})
    public int instruments;

    private StreamingFeatures live;
    private double[][][] ticks;
    private double[] row;
    private double[] single;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        live = StreamingFeatures.of(FeatureSet.standard(), instruments);
        row = new double[live.columns() * instruments];
        single = new double[live.columns() * instruments];
        ticks = new double[TICKS][5][instruments];
        SplittableRandom r = new SplittableRandom(42);
        double[] price = new double[instruments];
        Arrays.fill(price, 100);
        for (int t = 0; t < TICKS; t++) {
            for (int i = 0; i < instruments; i++) {
                price[i] *= Math.exp(0.01 * r.nextGaussian());
                double p = Math.rint(price[i] * 100) / 100;
                double o = Math.rint(price[i] * (1 + 0.002 * r.nextGaussian()) * 100) / 100;
                ticks[t][0][i] = o;
                ticks[t][1][i] = Math.max(o, p) * (1 + 0.003 * r.nextDouble());
                ticks[t][2][i] = Math.min(o, p) * (1 - 0.003 * r.nextDouble());
                ticks[t][3][i] = r.nextInt(70) == 0 ? Double.NaN : p;
                ticks[t][4][i] = 1000 + r.nextInt(100_000);
            }
        }
        for (int t = 0; t < TICKS; t++) {
            tick();
        }
    }

    /** One tick of B instruments through the standard set. */
    @Benchmark
    public double[] tick() {
        double[][] k = ticks[next];
        next = (next + 1) & (TICKS - 1);
        live.update(k[0], k[1], k[2], k[3], k[4], row);
        return row;
    }

    /** The same tick as B single-instrument updates. */
    @Benchmark
    public double[] perInstrument() {
        double[][] k = ticks[next];
        next = (next + 1) & (TICKS - 1);
        int columns = live.columns();
        for (int i = 0; i < instruments; i++) {
            live.update(i, k[0][i], k[1][i], k[2][i], k[3][i], k[4][i], single, i * columns);
        }
        return single;
    }
}
