package io.vectrade.feature.stream;

import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Streaming features made for simd ({@code StreamingFeatures.of(set, n, Backend.SIMD)}: the vector
 * {@code LOG} for log returns) against the cpu form, which is bit for bit the cpu batch engine
 * ({@link StreamingFeaturesTest}): every feature but logret and volatility raw bits equal; logret
 * within 2 ulps (each log within 1 ulp of the exact value); volatility within the simd engine's
 * stated tolerance (docs/design.md): 1e-11 of the value plus 2e-14 of the largest |log return| the
 * instrument has had up to that bar (the window's largest, loosened to the history's).
 */
class SimdStreamingTest {

    @ParameterizedTest(name = "seed={0} instruments={1} per instrument={2}")
    @CsvSource({"31, 13, false", "32, 1024, false", "33, 7, true", "34, 16, true"})
    void simdFormIsCpuFormButForTheLogsUlps(long seed, int instruments, boolean perInstrument) {
        FeatureSet set = StreamingFeaturesTest.standardPlusNonDefault();
        int bars = instruments > 100 ? 120 : 400;
        Bars panel = Bars.random(seed, bars, instruments, 0.1, true);
        double[][] cpu = panel.stream(StreamingFeatures.of(set, instruments, Backend.CPU));
        double[][] simd = perInstrument ? byInstrument(panel, StreamingFeatures.of(set, instruments, Backend.SIMD))
                : panel.stream(StreamingFeatures.of(set, instruments, Backend.SIMD));
        double[] largestReturn = largestReturnSoFar(panel);
        long compared = 0;
        for (int s = 0; s < set.size(); s++) {
            FeatureSpec spec = set.spec(s);
            for (int p = 0; p < spec.type().outputs(); p++) {
                int c = set.firstColumn(s) + p;
                for (int x = 0; x < bars * instruments; x++) {
                    double e = cpu[c][x];
                    double a = simd[c][x];
                    String at = set.columnNames().get(c) + " t=" + x / instruments + " i=" + x % instruments
                            + " cpu=" + e + " simd=" + a;
                    if (Double.isNaN(e) || Double.isNaN(a)) {
                        assertThat(Double.isNaN(a)).as(at).isEqualTo(Double.isNaN(e));
                        continue;
                    }
                    compared++;
                    if (spec.type() == FeatureType.LOGRET) {
                        if (Math.abs(a - e) > 2 * Math.ulp(e)) {
                            fail("logret beyond 2 ulps: " + at);
                        }
                    } else if (spec.type() == FeatureType.VOLATILITY) {
                        if (Math.abs(a - e) > 1e-11 * Math.abs(e) + 2e-14 * largestReturn[x]) {
                            fail("volatility beyond the simd tolerance: " + at);
                        }
                    } else if (Double.doubleToRawLongBits(a) != Double.doubleToRawLongBits(e)) {
                        fail("not bit for bit: " + at);
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    /** The same panel through the one-instrument {@code update}, instruments in reverse order. */
    private static double[][] byInstrument(Bars panel, StreamingFeatures live) {
        int n = panel.instruments();
        int columns = live.columns();
        double[][] out = new double[columns][panel.bars() * n];
        double[] row = new double[columns];
        for (int t = 0; t < panel.bars(); t++) {
            for (int i = n - 1; i >= 0; i--) {
                int x = t * n + i;
                live.update(i, panel.open()[x], panel.high()[x], panel.low()[x], panel.close()[x], panel.volume()[x],
                        row, 0);
                for (int c = 0; c < columns; c++) {
                    out[c][x] = row[c];
                }
            }
        }
        return out;
    }

    /** Per cell, the largest |ln(c / previous c)| of the instrument's own bars up to that bar (Math.log). */
    private static double[] largestReturnSoFar(Bars panel) {
        int n = panel.instruments();
        double[] out = new double[panel.bars() * n];
        for (int i = 0; i < n; i++) {
            double prev = Double.NaN;
            double largest = 0;
            for (int t = 0; t < panel.bars(); t++) {
                double c = panel.close()[t * n + i];
                if (!Double.isNaN(c)) {
                    if (!Double.isNaN(prev)) {
                        double r = Math.abs(Math.log(c / prev));
                        if (Double.isFinite(r)) {
                            largest = Math.max(largest, r);
                        }
                    }
                    prev = c;
                }
                out[t * n + i] = largest;
            }
        }
        return out;
    }
}
