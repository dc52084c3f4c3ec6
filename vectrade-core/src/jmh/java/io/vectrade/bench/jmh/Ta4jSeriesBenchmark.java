package io.vectrade.bench.jmh;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.CachedIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * ta4j 0.15 on the same series as {@link SeriesFeatureBenchmark} (its fastest number type,
 * DoubleNum). Indicators cache their values, so each invocation builds fresh indicators over the
 * next pre-built series and reads every bar's value in order (the bar objects are built once, in
 * setup, and not timed). Rotates among 8 series (2 at 1M bars, to bound the heap).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC"})
public class Ta4jSeriesBenchmark {
    @Param({"1000", "10000", "100000", "1000000"})
    public int bars;

    @Param({"rsi", "ema", "volatility"})
    public String feature;

    private BarSeries[] series;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        int rotation = bars >= 1_000_000 ? 2 : SeriesFeatureBenchmark.ROTATION;
        series = new BarSeries[rotation];
        for (int k = 0; k < rotation; k++) {
            double[] c = BenchData.closes(1000L * bars + k, bars);
            BarSeries s = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).withName("s" + k).build();
            ZonedDateTime t0 = ZonedDateTime.ofInstant(Instant.ofEpochSecond(1_500_000_000L), ZoneOffset.UTC);
            for (int t = 0; t < bars; t++) {
                s.addBar(t0.plusMinutes(t), c[t], c[t], c[t], c[t], 1000);
            }
            series[k] = s;
        }
    }

    @Benchmark
    public double indicator() {
        BarSeries s = series[next++ % series.length];
        ClosePriceIndicator close = new ClosePriceIndicator(s);
        Indicator<Num> ind = switch (feature) {
            case "rsi" -> new RSIIndicator(close, 14);
            case "ema" -> new EMAIndicator(close, 20);
            default -> new StandardDeviationIndicator(new LogReturn(close), 20);
        };
        double sum = 0;
        for (int i = 0; i < bars; i++) {
            sum += ind.getValue(i).doubleValue();
        }
        return sum;
    }

    /** ln(c[i] / c[i-1]); 0 at the first bar. */
    static final class LogReturn extends CachedIndicator<Num> {
        private final Indicator<Num> close;

        LogReturn(Indicator<Num> close) {
            super(close);
            this.close = close;
        }

        @Override
        protected Num calculate(int index) {
            if (index == 0) {
                return numOf(0);
            }
            return close.getValue(index).dividedBy(close.getValue(index - 1)).log();
        }
    }
}
