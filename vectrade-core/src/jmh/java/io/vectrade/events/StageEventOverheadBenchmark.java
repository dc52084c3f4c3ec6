package io.vectrade.events;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Cost of the always-on stage instrumentation when no JFR recording runs: a stage that does a
 * small fixed amount of work, with and without {@link Stages#begin}/{@link Stages#end} around it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StageEventOverheadBenchmark {
    private final double[] data = new double[256];
    private int rotate;

    private double work() {
        double s = 0;
        int r = rotate++ & 255;
        for (int k = 0; k < data.length; k++) {
            s += data[(k + r) & 255] * k;
        }
        return s;
    }

    @Benchmark
    public double bareStage() {
        return work();
    }

    @Benchmark
    public double instrumentedStage() {
        StageEvent e = Stages.begin("features");
        double s = work();
        Stages.end(e, "cpu", 1, 256);
        return s;
    }
}
