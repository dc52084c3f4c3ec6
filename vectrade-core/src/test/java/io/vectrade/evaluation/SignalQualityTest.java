package io.vectrade.evaluation;

import io.vectrade.data.Panel;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignalQualityTest {
    private static Panel panel(double[] close) {
        int n = 4;
        int bars = close.length / n;
        long[] ts = new long[bars];
        for (int t = 0; t < bars; t++) {
            ts[t] = t * 86_400_000L;
        }
        return Panel.of(List.of("A", "B", "C", "D"), ts, close.clone(), close.clone(), close.clone(), close,
                new double[close.length]);
    }

    @Test
    void fourInstrumentsMatchTheHandComputation() {
        Panel p = panel(new double[]{10, 20, 30, 40, 11, 19, 33, 40, 11, 19, 33, 44});
        double[] scores = {1, 2, 3, 4, 4, 3, 2, 1, 9, 9, 9, 9};
        SignalQuality q = SignalQuality.evaluate(scores, p, 0, 3, 1, 2);
        // bar 0: forward returns 0.1, -0.05, 0.1, 0; bar 1: 0, 0, 0, 0.1; bar 2 has none at h = 1
        double ic0 = -0.075 / Math.sqrt(5 * 0.016875);
        double ic1 = -0.15 / Math.sqrt(5 * 0.0075);
        double rank0 = -1 / Math.sqrt(5 * 4.5);     // midranks of the returns: 3.5, 1, 3.5, 2
        double rank1 = -3 / Math.sqrt(5 * 3.0);     // midranks: 2, 2, 2, 4
        assertArrayEquals(new double[]{ic0, ic1, Double.NaN}, q.ic(), 1e-15);
        assertArrayEquals(new double[]{rank0, rank1, Double.NaN}, q.rankIc(), 1e-15);
        assertEquals(2, q.icBars());
        assertEquals((ic0 + ic1) / 2, q.icMean(), 1e-15);
        double sd = Math.abs(ic0 - ic1) / Math.sqrt(2);
        assertEquals(sd, q.icSd(), 1e-15);
        assertEquals((ic0 + ic1) / 2 / sd, q.icir(), 1e-13);
        assertEquals((ic0 + ic1) / 2 / (sd / Math.sqrt(2)), q.icTstat(), 1e-13);
        assertEquals((rank0 + rank1) / 2, q.rankIcMean(), 1e-15);
        // bottom half: bar 0 (A, B) 0.025, bar 1 (C, D) 0.05; top half: bar 0 (C, D) 0.05, bar 1 (A, B) 0
        assertEquals(2, q.quantileBars());
        assertArrayEquals(new double[]{0.0375, 0.025}, q.quantileMeans(), 1e-15);
        assertEquals(-0.0125, q.spread(), 1e-15);
    }

    /** The primitive midranks equal the reference ranks of model.train.Metrics, ties and -0.0 included. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void midranksMatchTheReferenceRanks(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = 1 + rnd.nextInt(200);
        double[] x = new double[m];
        for (int k = 0; k < m; k++) {
            x[k] = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? 0.0 : -0.0) : rnd.nextInt(20) - 10;
        }
        double[] out = new double[m];
        SignalQuality.midranks(x, m, new double[m], out);
        assertArrayEquals(io.vectrade.model.train.Metrics.ranks(x, m), out, 0);
    }

    @Test
    void missingCellsAreSkipped() {
        double nan = Double.NaN;
        Panel p = panel(new double[]{10, 20, 30, nan, 11, 19, 33, 40, 11, 19, 33, 44});
        double[] scores = {1, 2, 3, 4, nan, 3, 2, 1, 9, 9, 9, 9};
        SignalQuality q = SignalQuality.evaluate(scores, p, 0, 3, 1, 4);
        // bar 0 has three pairs (D has no close), bar 1 three (A has no score): ICs defined, quartiles not
        assertEquals(2, q.icBars());
        assertEquals(0, q.quantileBars());
        assertThrows(IllegalArgumentException.class, () -> SignalQuality.evaluate(scores, p, 0, 3, 0, 4));
    }

    /** No look-ahead: closes after bar t + h do not change the IC or rank IC of bars up to t. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void closesAfterTPlusHChangeNothingUpToT(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 5 + rnd.nextInt(20);
        int bars = 30 + rnd.nextInt(50);
        int h = 1 + rnd.nextInt(5);
        Panel p = RandomMarket.panel(seed, n, bars, 0.05);
        double[] scores = new double[bars * n];
        for (int r = 0; r < scores.length; r++) {
            scores[r] = rnd.nextGaussian();
        }
        int cut = rnd.nextInt(bars - h);
        double[] close = p.closeColumn().clone();
        for (int r = (cut + h + 1) * n; r < close.length; r++) {
            close[r] = Double.isNaN(close[r]) ? close[r] : close[r] * (1 + rnd.nextDouble());
        }
        Panel changed = Panel.of(p.symbols(), p.timestampsMillis(), close, close, close, close, close);
        SignalQuality a = SignalQuality.evaluate(scores, p, 0, bars, h, 5);
        SignalQuality b = SignalQuality.evaluate(scores, changed, 0, bars, h, 5);
        for (int t = 0; t <= cut; t++) {
            assertEquals(Double.doubleToRawLongBits(a.ic()[t]), Double.doubleToRawLongBits(b.ic()[t]));
            assertEquals(Double.doubleToRawLongBits(a.rankIc()[t]), Double.doubleToRawLongBits(b.rankIc()[t]));
        }
    }
}
