package io.vectrade.feature.cpu;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.reference.TaLibReference;
import io.vectrade.testdata.OhlcvSeries;
import io.vectrade.testdata.RandomMarket;
import io.vectrade.testdata.RealData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "bit for bit with TA-Lib" claim, on raw bits ({@link Double#doubleToRawLongBits}, so -0.0
 * and 0.0 differ, as do NaNs of different payloads): every TA-Lib-backed spec of
 * {@link TaLibAgreementTest#SPECS} (default and non-default parameters), every value including
 * the NaN lookback, on AAPL daily bars, Bitstamp minute bars and random markets. Prints the count
 * of differing values per column when any differ.
 */
class TaLibBitsTest {
    @Test
    void everyValueHasTaLibsRawBits() {
        Map<String, Integer> differing = new TreeMap<>();
        List<OhlcvSeries> data = List.of(RealData.aaplDaily(), RealData.bitstampMinutes(), RandomMarket.series(3, 1800),
                RandomMarket.series(11, 1500));
        FeatureSet set = FeatureSet.of(TaLibAgreementTest.SPECS);
        long compared = 0;
        for (OhlcvSeries s : data) {
            FeatureTable table = new CpuFeatureEngine().compute(s.toPanel(), set);
            for (int f = 0; f < set.size(); f++) {
                FeatureSpec spec = set.spec(f);
                double[][] expected = TaLibReference.compute(spec, s.open(), s.high(), s.low(), s.close(), s.volume());
                List<String> names = spec.columnNames();
                for (int p = 0; p < names.size(); p++) {
                    double[] got = table.column(set.firstColumn(f) + p);
                    for (int t = 0; t < s.length(); t++) {
                        compared++;
                        if (Double.doubleToRawLongBits(got[t]) != Double.doubleToRawLongBits(expected[p][t])) {
                            differing.merge(names.get(p), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(100_000);
        assertThat(differing).as("values whose raw bits differ from TA-Lib's, per column, of %d compared", compared)
                .isEmpty();
    }
}
