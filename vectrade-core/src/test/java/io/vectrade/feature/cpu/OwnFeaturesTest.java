package io.vectrade.feature.cpu;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.reference.OwnReference;
import io.vectrade.feature.reference.SeriesComparison;
import io.vectrade.testdata.OhlcvSeries;
import io.vectrade.testdata.RandomMarket;
import io.vectrade.testdata.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The own features (volatility, logret, zscore, vwap) against {@link OwnReference}'s naive
 * per-window recomputation, with the same tolerance as the TA-Lib features:
 * {@code |a - b| <= 1e-9 * max(1, |b|)}, NaN exactly before the lookback. The 1,000,000-bar series
 * check that the rolling sums do not drift over long histories.
 */
class OwnFeaturesTest {
    static final double TOLERANCE = 1e-9;

    static final List<FeatureSpec> SPECS = FeatureSpec.parseList(
            "volatility,volatility(2),volatility(5),volatility(60),logret,logret(5),logret(20),"
                    + "zscore,zscore(2),zscore(7),zscore(100),vwap,vwap(2),vwap(9),vwap(100)");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 30);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void matchesReferenceOnRandomMarkets(long seed) {
        check(RandomMarket.series(seed, 2000), SPECS, new TreeMap<>());
    }

    @Test
    void matchesReferenceOnAaplAndBitstamp() {
        Map<String, Double> errors = new TreeMap<>();
        check(RealData.aaplDaily(), SPECS, errors);
        System.out.println("max error vs own reference on AAPL daily: " + errors);
        errors.clear();
        check(RealData.bitstampMinutes(), SPECS, errors);
        System.out.println("max error vs own reference on Bitstamp 1-min: " + errors);
    }

    @Test
    void rollingSumsHoldOnAMillionBars() {
        List<FeatureSpec> specs = FeatureSpec.parseList("volatility(20),zscore(20),vwap(20),logret(1)");
        Map<String, Double> errors = new TreeMap<>();
        check(RandomMarket.series(42, 1_000_000), specs, errors);
        check(trendWithSpikes(1_000_000), specs, errors);
        check(trendWithSpikes(200_000), FeatureSpec.parseList("volatility(250),zscore(250),vwap(250)"), errors);
        System.out.println("max error vs own reference on 1M-bar series: " + errors);
    }

    @Test
    void flatWindowsGiveZeroAndZeroVolumeGivesMeanTypicalPrice() {
        double[] c = {10, 10, 10, 10, 11, 11, 11};
        double[] h = {12, 12, 12, 12, 12, 12, 12};
        double[] l = {9, 9, 9, 9, 9, 9, 9};
        double[] v = {0, 0, 0, 0, 0, 0, 0};
        OhlcvSeries s = new OhlcvSeries("X", new long[] {1, 2, 3, 4, 5, 6, 7}, c, h, l, c, v);
        FeatureTable t = new CpuFeatureEngine().compute(s.toPanel(), FeatureSet.parse("zscore(3),volatility(2),vwap(3)"));
        // hand-worked: three equal closes -> zscore 0; closes 10,10,11 -> mean 31/3, pop sd sqrt(2)/3
        assertThat(t.column("zscore(3)")).containsExactly(new double[] {Double.NaN, Double.NaN, 0, 0,
                (11 - 31.0 / 3) / (Math.sqrt(2) / 3), (11 - 32.0 / 3) / (Math.sqrt(2) / 3), 0}, within(1e-12));
        // returns 0,0,0,ln(1.1),0,0: volatility(2) = sample sd of two returns
        double r = Math.log(1.1);
        assertThat(t.column("volatility(2)")).containsExactly(new double[] {Double.NaN, Double.NaN, 0, 0,
                Math.abs(r) / Math.sqrt(2), Math.abs(r) / Math.sqrt(2), 0}, within(1e-12));
        // no volume at all: vwap is the plain mean of (h + l + c) / 3
        assertThat(t.column("vwap(3)")[2]).isCloseTo((12 + 9 + 10) / 3.0, within(1e-12));
        assertThat(t.column("vwap(3)")[6]).isCloseTo((12 + 9 + 11) / 3.0, within(1e-12));
    }

    @Test
    void aNonFiniteInputGivesNaNWhileInTheWindowThenTheRollingSumsRecover() {
        OhlcvSeries base = RandomMarket.series(3, 400);
        double[] c = base.close().clone();
        double[] v = base.volume().clone();
        c[50] = 0.0;                         // log returns -inf then +inf; zscore still finite
        c[200] = Double.POSITIVE_INFINITY;
        v[300] = Double.NaN;                 // vwap sees a NaN volume
        OhlcvSeries s = new OhlcvSeries("BAD", base.timestampsMillis(), base.open(), base.high(), base.low(), c, v);
        List<FeatureSpec> specs = FeatureSpec.parseList("volatility(10),zscore(10),vwap(10),logret(3)");
        FeatureSet set = FeatureSet.of(specs);
        FeatureTable table = new CpuFeatureEngine().compute(s.toPanel(), set);
        for (int f = 0; f < set.size(); f++) {
            FeatureSpec spec = set.spec(f);
            double[] expected = OwnReference.compute(spec, s.open(), s.high(), s.low(), s.close(), s.volume())[0];
            double[] actual = table.column(f);
            int nans = 0;
            for (int t = 0; t < s.length(); t++) {
                String where = spec + " t=" + t;
                if (Double.isNaN(expected[t])) {
                    assertThat(actual[t]).as(where).isNaN();
                    nans++;
                } else if (Double.isInfinite(expected[t])) {
                    assertThat(actual[t]).as(where).isEqualTo(expected[t]);
                } else {
                    assertThat(SeriesComparison.error(actual[t], expected[t])).as(where).isLessThanOrEqualTo(TOLERANCE);
                }
            }
            // logret is pointwise (+-inf, no NaN); the rolling ones are NaN while a bad input is in the window
            int minimum = spec.type() == io.vectrade.feature.FeatureType.LOGRET ? spec.lookback() : spec.lookback() + 10;
            assertThat(nans).as(spec + " has NaN only in warm-up and around the bad inputs")
                    .isGreaterThanOrEqualTo(minimum).isLessThan(spec.lookback() + 40);
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    /** A strongly trending level with small noise, rare large spikes and volume bursts. */
    static OhlcvSeries trendWithSpikes(int bars) {
        SplittableRandom rnd = new SplittableRandom(99);
        double[] o = new double[bars];
        double[] h = new double[bars];
        double[] l = new double[bars];
        double[] c = new double[bars];
        double[] v = new double[bars];
        long[] ts = new long[bars];
        for (int t = 0; t < bars; t++) {
            double level = 1000 + 0.004 * t;
            double x = level + 0.05 * rnd.nextGaussian() + (rnd.nextInt(5000) == 0 ? 50 * rnd.nextGaussian() : 0);
            c[t] = x;
            o[t] = x;
            h[t] = x + 0.02;
            l[t] = x - 0.02;
            v[t] = rnd.nextInt(3000) == 0 ? 1e9 : rnd.nextInt(10) == 0 ? 0 : 100 * rnd.nextDouble();
            ts[t] = t;
        }
        return new OhlcvSeries("TREND", ts, o, h, l, c, v);
    }

    static void check(OhlcvSeries s, List<FeatureSpec> specs, Map<String, Double> errors) {
        FeatureSet set = FeatureSet.of(specs);
        FeatureTable table = new CpuFeatureEngine().compute(s.toPanel(), set);
        for (int f = 0; f < set.size(); f++) {
            FeatureSpec spec = set.spec(f);
            double[] expected = OwnReference.compute(spec, s.open(), s.high(), s.low(), s.close(), s.volume())[0];
            double e = SeriesComparison.assertMatches(s.symbol() + " " + spec, table.column(set.firstColumn(f)),
                    expected, Math.min(spec.lookback(), s.length()), TOLERANCE);
            errors.merge(spec.canonical(), e, Math::max);
        }
    }
}
