package io.vectrade.bench.jmh;

import io.vectrade.backend.Backend;
import io.vectrade.backtest.BacktestConfig;
import io.vectrade.backtest.Backtester;
import io.vectrade.backtest.Costs;
import io.vectrade.backtest.Execution;
import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.model.Models;
import io.vectrade.pipeline.TradingPipeline;
import io.vectrade.signal.SignalChain;

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
 * The backtest of {@code panel-daily} (1,000 instruments × 2,520 bars) as the bench's {@code backtest} stage
 * runs it: the weights of the default model and the bench's policy (made once in setup, on simd, untimed),
 * close execution, 5 bps commission, 1 bp slippage, 50 bps a year borrow; the scalar reference ({@code cpu}) and
 * the Vector API kernel ({@code simd}), each on the benchmark thread only. Returns the final equity so the run
 * is not dead code.
 *
 * <pre>scripts/jmh --name backtest BacktestBenchmark -f 1 -wi 5 -w 1s -i 10 -r 1s</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class BacktestBenchmark {
    static final int INSTRUMENTS = 1000;
    static final int BARS = 2520;

    @Param({"cpu", "simd"})
    public String backend;

    private Panel panel;
    private double[] weights;
    private Backtester backtester;
    private BacktestConfig config;

    @Setup(Level.Trial)
    public void setUp() {
        panel = SyntheticMarket.generate(INSTRUMENTS, BARS, 42);
        try (TradingPipeline p = TradingPipeline.create(Models.defaultModel(),
                SignalChain.parse("rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)"), Backend.SIMD)) {
            weights = p.run(panel).weight().clone();
        }
        backtester = new Backtester(BARS, INSTRUMENTS, Backend.parse(backend));
        config = new BacktestConfig(Execution.CLOSE, new Costs(5, 1, 50), 252);
    }

    @Benchmark
    public double backtest() {
        return backtester.run(panel, weights, config).equity()[BARS - 1];
    }
}
