package io.vectrade.feature.simd;

import static org.assertj.core.api.Assertions.assertThat;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.testdata.AllocationMeter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The N = 1 path allocates nothing per call once C2 has compiled the single-series kernels: a series
 * of 5,000 bars (three chunks of the volatility kernel), the five features with a kernel and one
 * without (the reference path beside them), on the calling thread (a one-thread engine starts no
 * worker).
 */
class SeriesAllocationTest {
    @ParameterizedTest
    @ValueSource(strings = {"rsi(14),ema(20),volatility(20),momentum(10),logret(1)", "volatility(20),sma(20)"})
    void oneSeriesAllocatesNothing(String features) {
        AllocationMeter meter = AllocationMeter.before();
        Panel panel = RandomPanels.of(3, 1, 5000, false);
        FeatureSet set = FeatureSet.parse(features);
        FeatureTable out = FeatureTable.allocate(set, panel);
        try (SimdFeatureEngine engine = new SimdFeatureEngine(1)) {
            AllocationMeter.Window w = meter.measureAfterSettling(() -> engine.computeInto(panel, set, out), 500, 20_000, 50);
            assertThat(w.bytes()).as("bytes per window of 50 calls on %d threads (%s)", w.threads(), w.threadNames()).isZero();
        }
    }
}
