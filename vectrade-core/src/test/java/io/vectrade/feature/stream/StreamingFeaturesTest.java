package io.vectrade.feature.stream;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamingFeaturesTest {
    /** Non-default parameters: short and odd periods, swapped MACD periods, k = 0 and 1 bands. */
    static final String NON_DEFAULT = "rsi(2),rsi(7),momentum(1),momentum(3),roc(1),roc(5),volatility(2),"
            + "volatility(5),logret(5),sma(2),sma(5),ema(2),ema(5),macd(3,7,4),macd(3,8,2),macd(5,6,2),"
            + "macd(2,30,12),bbands(5,1),bbands(10,2.5),bbands(2,0),atr(1),atr(2),atr(5),stoch(5,1,1),"
            + "stoch(5,3,2),stoch(1,1,1),stoch(3,4,5),willr(2),willr(5),cci(2),cci(7),adx(2),adx(5),"
            + "zscore(2),zscore(7),vwap(2),vwap(5)";

    static FeatureSet standardPlusNonDefault() {
        List<FeatureSpec> all = new ArrayList<>(FeatureSet.standard().specs());
        all.addAll(FeatureSpec.parseList(NON_DEFAULT));
        return FeatureSet.of(all);
    }

    /** Only the TA-Lib features, which have defined values on flat windows. */
    static FeatureSet taLibOnly(FeatureSet set) {
        return FeatureSet.of(set.specs().stream().filter(SeriesReference::bitExact).toList());
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void everyFeatureEqualsBatchAtEveryBarWithMissingBars(long seed) {
        FeatureSet set = standardPlusNonDefault();
        Bars panel = Bars.random(seed, 500, 12, 0.12, false);
        double[][] actual = panel.stream(StreamingFeatures.of(set, panel.instruments()));
        long compared = Agreement.assertAgree(set, panel.bars(), panel.instruments(), panel.reference(set), actual,
                "reference, seed=" + seed);
        assertThat(compared).isGreaterThan(100_000);
        Agreement.assertBitExact(set, panel.bars(), panel.instruments(), panel.cpuBatch(set), actual,
                "cpu engine, seed=" + seed);
    }

    @Test
    void bitExactWithCpuEngineAtOneThousandInstruments() {
        FeatureSet set = FeatureSet.standard();
        Bars panel = Bars.random(61, 120, 1024, 0.1, true);
        double[][] actual = panel.stream(StreamingFeatures.of(set, panel.instruments()));
        long compared = Agreement.assertBitExact(set, panel.bars(), panel.instruments(), panel.cpuBatch(set), actual,
                "cpu engine, 1024 instruments");
        assertThat(compared).isGreaterThan(1_000_000);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {11, 12, 13})
    void bitExactOnFlatStretchesAndZeroVolume(long seed) {
        FeatureSet set = standardPlusNonDefault();
        Bars panel = Bars.random(seed, 400, 8, 0.05, true);
        double[][] actual = panel.stream(StreamingFeatures.of(set, panel.instruments()));
        FeatureSet taLib = taLibOnly(set);
        double[][] taLibActual = panel.stream(StreamingFeatures.of(taLib, panel.instruments()));
        Agreement.assertAgree(taLib, panel.bars(), panel.instruments(), panel.reference(taLib), taLibActual,
                "reference, seed=" + seed);
        Agreement.assertBitExact(set, panel.bars(), panel.instruments(), panel.cpuBatch(set), actual,
                "cpu engine, seed=" + seed);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {51, 52})
    void bitExactWithCpuEngineOnNonFiniteVolumesAndZeroCloses(long seed) {
        // a bar with a finite close is a bar: NaN or infinite volume and zero closes (infinite log
        // returns) must take the same NaN-window paths in streaming and batch
        FeatureSet set = standardPlusNonDefault();
        Bars panel = Bars.random(seed, 400, 6, 0.05, true);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int x = 0; x < panel.close().length; x++) {
            if (Double.isNaN(panel.close()[x])) {
                continue;
            }
            int roll = r.nextInt(200);
            if (roll == 0) {
                panel.volume()[x] = Double.NaN;
            } else if (roll == 1) {
                panel.volume()[x] = Double.POSITIVE_INFINITY;
            } else if (roll == 2) {
                panel.close()[x] = 0.0;
                panel.low()[x] = 0.0;
            }
        }
        double[][] actual = panel.stream(StreamingFeatures.of(set, panel.instruments()));
        Agreement.assertBitExact(set, panel.bars(), panel.instruments(), panel.cpuBatch(set), actual,
                "cpu engine, seed=" + seed);
    }

    /**
     * Closes around 1e150-1e160, so the squared deviations of zscore and the squares in bbands reach
     * and pass the largest double: the streaming sums take their rounding error by TwoSum, the batch
     * by Neumaier's comparison; they must still give the batch's bits, overflow included.
     */
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {53, 54})
    void bitExactWithCpuEngineWhereSquaresOverflow(long seed) {
        FeatureSet set = FeatureSet.parse("zscore(20),zscore(2),zscore(7),volatility(5),bbands(5,1),sma(5)");
        Bars panel = Bars.random(seed, 300, 6, 0.05, true);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < panel.instruments(); i++) {
            double scale = Math.pow(10, 150 + r.nextInt(11));
            for (int t = 0; t < panel.bars(); t++) {
                int x = t * panel.instruments() + i;
                panel.open()[x] *= scale;
                panel.high()[x] *= scale;
                panel.low()[x] *= scale;
                panel.close()[x] *= scale;
            }
        }
        double[][] actual = panel.stream(StreamingFeatures.of(set, panel.instruments()));
        long compared = Agreement.assertBitExact(set, panel.bars(), panel.instruments(), panel.cpuBatch(set), actual,
                "cpu engine, closes near 1e155, seed=" + seed);
        assertThat(compared).isGreaterThan(1_000);
    }

    @Test
    void perInstrumentUpdateEqualsTickUpdate() {
        FeatureSet set = standardPlusNonDefault();
        Bars panel = Bars.random(21, 300, 5, 0.1, true);
        double[][] byTick = panel.stream(StreamingFeatures.of(set, panel.instruments()));
        StreamingFeatures live = StreamingFeatures.of(set, panel.instruments());
        int n = panel.instruments();
        double[] out = new double[set.columns() + 3];
        for (int t = 0; t < panel.bars(); t++) {
            for (int i = n - 1; i >= 0; i--) {
                int x = t * n + i;
                live.update(i, panel.open()[x], panel.high()[x], panel.low()[x], panel.close()[x],
                        panel.volume()[x], out, 3);
                for (int c = 0; c < set.columns(); c++) {
                    assertThat(Double.valueOf(out[3 + c])).as("column=%s t=%d i=%d", set.columnNames().get(c), t, i)
                            .isEqualTo(Double.valueOf(byTick[c][x]));
                }
            }
        }
    }

    @Test
    void tickAndPerInstrumentUpdatesMixOnOneState() {
        FeatureSet set = standardPlusNonDefault();
        Bars panel = Bars.random(22, 300, 4, 0.1, true);
        double[][] byTick = panel.stream(StreamingFeatures.of(set, panel.instruments()));
        StreamingFeatures live = StreamingFeatures.of(set, panel.instruments());
        int n = panel.instruments();
        double[] row = new double[set.columns() * n];
        double[] one = new double[set.columns()];
        double[][] tick = new double[5][n];
        for (int t = 0; t < panel.bars(); t++) {
            boolean single = (t / 7) % 2 == 1;
            for (int i = 0; i < n; i++) {
                int x = t * n + i;
                tick[0][i] = panel.open()[x];
                tick[1][i] = panel.high()[x];
                tick[2][i] = panel.low()[x];
                tick[3][i] = panel.close()[x];
                tick[4][i] = panel.volume()[x];
                if (single) {
                    live.update(i, tick[0][i], tick[1][i], tick[2][i], tick[3][i], tick[4][i], one, 0);
                    for (int c = 0; c < set.columns(); c++) {
                        row[c * n + i] = one[c];
                    }
                }
            }
            if (!single) {
                live.update(tick[0], tick[1], tick[2], tick[3], tick[4], row);
            }
            for (int c = 0; c < set.columns(); c++) {
                for (int i = 0; i < n; i++) {
                    if (Double.compare(row[c * n + i], byTick[c][t * n + i]) != 0) {
                        org.junit.jupiter.api.Assertions.fail("column=" + set.columnNames().get(c) + " t=" + t
                                + " i=" + i + " mixed=" + row[c * n + i] + " tick=" + byTick[c][t * n + i]);
                    }
                }
            }
        }
    }

    @Test
    void resetStartsEveryInstrumentAgain() {
        FeatureSet set = standardPlusNonDefault();
        Bars first = Bars.random(31, 200, 6, 0.1, false);
        Bars second = Bars.random(32, 250, 6, 0.1, false);
        StreamingFeatures live = StreamingFeatures.of(set, 6);
        first.stream(live);
        live.reset();
        assertThat(live.barsSeen(0)).isZero();
        double[][] afterReset = second.stream(live);
        double[][] fresh = second.stream(StreamingFeatures.of(set, 6));
        for (int c = 0; c < set.columns(); c++) {
            assertThat(afterReset[c]).as(set.columnNames().get(c)).isEqualTo(fresh[c]);
        }
    }

    @Test
    void warmUpCountsOwnBarsAndMissingBarsAreNaNWithStateKept() {
        // hand-worked: sma(3) of closes 1, 2, (missing), 3, 4 for instrument 0; instrument 1 always 10
        StreamingFeatures live = StreamingFeatures.of(FeatureSet.parse("sma(3),momentum(1)"), 2);
        double[][] closes = {{1, 10}, {2, 10}, {Double.NaN, 10}, {3, 10}, {4, 10}};
        double[][] expectedSma0 = {{Double.NaN}, {Double.NaN}, {Double.NaN}, {2}, {3}};
        double[] row = new double[4];
        double[] ones = {1, 1};
        for (int t = 0; t < closes.length; t++) {
            live.update(closes[t], closes[t], closes[t], closes[t], ones, row);
            assertThat(Double.valueOf(row[0])).as("sma(3) t=%d", t).isEqualTo(Double.valueOf(expectedSma0[t][0]));
            assertThat(Double.valueOf(row[1])).as("sma(3) of instrument 1, t=%d", t)
                    .isEqualTo(Double.valueOf(t < 2 ? Double.NaN : 10.0));
        }
        // momentum(1) of instrument 0 at t=3 is 3 - 2 (across the gap), at t=4 is 4 - 3
        assertThat(row[2]).isEqualTo(1.0);
        assertThat(live.barsSeen(0)).isEqualTo(4);
        assertThat(live.barsSeen(1)).isEqualTo(5);
        assertThat(live.warm(0)).isTrue();
    }

    @Test
    void missingBarWritesNaNInEveryColumn() {
        FeatureSet set = FeatureSet.standard();
        Bars panel = Bars.random(41, 80, 3, 0.0, false);
        StreamingFeatures live = StreamingFeatures.of(set, 3);
        panel.stream(live);
        double[] row = new double[set.columns() * 3];
        double[] nan = {Double.NaN, Double.NaN, Double.NaN};
        double[] some = {100, 101, 102};
        live.update(some, some, some, nan, some, row);
        assertThat(row).containsOnly(Double.NaN);
        assertThat(live.barsSeen(0)).isEqualTo(80);
    }

    @Test
    void periodOneFeaturesFollowTheirDefinitions() {
        // hand-worked: momentum(1), roc(1), obv and atr(1) (the true range) of a short series
        StreamingFeatures live = StreamingFeatures.of(FeatureSet.parse("momentum(1),roc(1),obv,atr(1)"), 1);
        double[] closes = {4, 5, 5, 2};
        double[] highs = {4.5, 6, 5.5, 3};
        double[] lows = {3.5, 4, 4.5, 1.5};
        double[] volumes = {10, 20, 30, 40};
        double[][] expected = {
                {Double.NaN, Double.NaN, 10, Double.NaN},
                {1, 25, 30, 2},
                {0, 0, 30, 1},
                {-3, -60, -10, 3.5}};
        double[] out = new double[4];
        for (int t = 0; t < closes.length; t++) {
            live.update(0, closes[t], highs[t], lows[t], closes[t], volumes[t], out, 0);
            assertThat(out).as("t=%d", t).containsExactly(expected[t]);
        }
    }

    @Test
    void everyFeatureTypeHasAStreamingForm() {
        for (FeatureType type : FeatureType.values()) {
            StreamingFeatures live = StreamingFeatures.of(FeatureSet.of(FeatureSpec.defaults(type)), 2);
            assertThat(live.columns()).isEqualTo(type.outputs());
        }
    }

    @Test
    void rejectsBadShapes() {
        assertThatThrownBy(() -> StreamingFeatures.of(FeatureSet.standard(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instruments=0");
        StreamingFeatures live = StreamingFeatures.of(FeatureSet.parse("rsi"), 4);
        double[] four = new double[4];
        double[] three = new double[3];
        assertThatThrownBy(() -> live.update(four, four, four, three, four, four))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("close shorter than instruments");
        assertThatThrownBy(() -> live.update(four, four, four, four, four, three))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outRow too short");
        assertThatThrownBy(() -> live.update(4, 1, 1, 1, 1, 1, four, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> live.update(0, 1, 1, 1, 1, 1, four, 4))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(Arrays.stream(four).sum()).isZero();
    }
}
