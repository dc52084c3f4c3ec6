package io.vectrade.feature.cpu;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.reference.SeriesComparison;
import io.vectrade.feature.reference.TaLibReference;
import io.vectrade.testdata.OhlcvSeries;
import io.vectrade.testdata.RandomMarket;
import io.vectrade.testdata.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every TA-Lib-backed feature, every part, default and non-default parameters, computed by the cpu
 * engine on one-instrument panels, against TA-Lib Java on the same bars.
 *
 * <p>Tolerance: {@code |a - b| <= 1e-9 * max(1, |b|)} after the lookback (relative above 1,
 * absolute below, since many features cross 0), NaN exactly before it. The kernels repeat TA-Lib's
 * operations in TA-Lib's order, so the measured error is 0 or a few ulps; 1e-9 leaves room for
 * the monotonic-deque extremes and nothing else.
 */
class TaLibAgreementTest {
    static final double TOLERANCE = 1e-9;

    static final List<FeatureSpec> SPECS = FeatureSpec.parseList(String.join(",",
            "rsi", "rsi(2)", "rsi(5)", "rsi(30)", "rsi(100)",
            "momentum", "momentum(1)", "momentum(3)", "momentum(50)",
            "roc", "roc(1)", "roc(7)", "roc(60)",
            "sma", "sma(2)", "sma(9)", "sma(200)",
            "ema", "ema(2)", "ema(9)", "ema(100)",
            "macd", "macd(5,35,5)", "macd(3,10,16)", "macd(11,12,9)", "macd(2,3,2)",
            "bbands", "bbands(2,1)", "bbands(10,0.5)", "bbands(50,3)", "bbands(20,0)",
            "atr", "atr(1)", "atr(5)", "atr(50)",
            "stoch", "stoch(5,1,1)", "stoch(9,3,1)", "stoch(21,5,7)", "stoch(1,1,1)", "stoch(3,1,4)",
            "willr", "willr(2)", "willr(7)", "willr(60)",
            "cci", "cci(2)", "cci(14)", "cci(100)",
            "adx", "adx(2)", "adx(7)", "adx(40)",
            "obv"));

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void matchesTaLibOnRandomMarkets(long seed) {
        check(RandomMarket.series(seed, 1500 + (int) (seed * 37 % 700)), new TreeMap<>());
    }

    @Test
    void matchesTaLibOnAaplDailyBars() {
        Map<String, Double> errors = new TreeMap<>();
        OhlcvSeries aapl = RealData.aaplDaily();
        assertThat(aapl.length()).isEqualTo(252);
        check(aapl, errors);
        print("AAPL daily", errors);
    }

    @Test
    void matchesTaLibOnBitstampMinuteBars() {
        Map<String, Double> errors = new TreeMap<>();
        OhlcvSeries btc = RealData.bitstampMinutes();
        assertThat(btc.length()).isGreaterThan(5000);
        check(btc, errors);
        print("Bitstamp 1-min", errors);
    }

    @Test
    void matchesTaLibOnSeriesShorterThanTheLookback() {
        OhlcvSeries s = RandomMarket.series(7, 30);
        check(s, new TreeMap<>());
    }

    /** Computes every spec at once through the engine and compares each part with TA-Lib. */
    static void check(OhlcvSeries s, Map<String, Double> errors) {
        FeatureSet set = FeatureSet.of(SPECS);
        FeatureTable table = new CpuFeatureEngine().compute(s.toPanel(), set);
        for (int f = 0; f < set.size(); f++) {
            FeatureSpec spec = set.spec(f);
            double[][] expected = TaLibReference.compute(spec, s.open(), s.high(), s.low(), s.close(), s.volume());
            List<String> names = spec.columnNames();
            for (int p = 0; p < names.size(); p++) {
                int lookback = Math.min(spec.lookback(), s.length());
                String label = s.symbol() + " " + names.get(p);
                double e = SeriesComparison.assertMatches(label, table.column(set.firstColumn(f) + p), expected[p],
                        lookback, TOLERANCE);
                errors.merge(names.get(p), e, Math::max);
            }
        }
    }

    private static void print(String source, Map<String, Double> errors) {
        StringBuilder b = new StringBuilder("max |a-b|/max(1,|b|) vs TA-Lib on " + source + ":\n");
        errors.forEach((k, v) -> b.append(String.format("  %-28s %.3e%n", k, v)));
        System.out.print(b);
    }
}
