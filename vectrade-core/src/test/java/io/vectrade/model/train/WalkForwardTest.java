package io.vectrade.model.train;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.model.ModelType;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalkForwardTest {
    private static final FeatureSet SET = FeatureSet.parse("rsi(14),logret(5),zscore(20)");
    private static final List<String> FEATURES = List.of("rsi(14)", "logret(5)", "zscore(20)");

    @Test
    void foldsRollOverTheWindowsWorkedOutByHand() {
        Panel p = RandomMarket.panel(3, 8, 100, 0.02);
        FeatureTable t = new CpuFeatureEngine().compute(p, SET);
        TrainConfig tc = new TrainConfig(ModelType.LINEAR, FEATURES, 5, 0.7, 1e-3);
        WalkForward.Result r = WalkForward.run(t, p, new WalkForward.Config(tc, 40, 20, false, 40), Backend.CPU);
        assertEquals(3, r.folds().size());
        int[][] expected = {{0, 35, 40, 60}, {20, 55, 60, 80}, {40, 75, 80, 100}};
        double[] labels = new double[100 * 8];
        Labels.forwardLogReturns(p.closeColumn(), 100, 8, 5, labels);
        for (int k = 0; k < 3; k++) {
            WalkForward.Fold f = r.folds().get(k);
            assertArrayEquals(expected[k], new int[]{f.trainFrom(), f.trainTo(), f.testFrom(), f.testTo()});
            // the fold's model is the fit of exactly its window
            assertEquals(Trainer.fit(Trainer.inputColumns(t, tc), labels, 8, expected[k][0], expected[k][1], tc).model(),
                    f.model());
        }
        for (int c = 0; c < 40 * 8; c++) {
            assertTrue(Double.isNaN(r.scores()[c]), "in-sample bars are not scored");
        }
        WalkForward.Result e = WalkForward.run(t, p, new WalkForward.Config(tc, 40, 30, true, 40), Backend.CPU);
        assertEquals(List.of(0, 0), e.folds().stream().map(WalkForward.Fold::trainFrom).toList());
        assertEquals(List.of(35, 65), e.folds().stream().map(WalkForward.Fold::trainTo).toList());
        assertEquals(100, e.folds().get(1).testTo());
    }

    /** No look-ahead: new closes after bar t leave every score of bars up to t unchanged, bit for bit. */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void barsAfterTChangeNoScoreUpToT(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 4 + rnd.nextInt(6);
        int bars = 120 + rnd.nextInt(60);
        Panel p = RandomMarket.panel(seed, n, bars, 0.03);
        int cut = 60 + rnd.nextInt(bars - 60);
        Panel other = RandomMarket.panel(seed + 99, n, bars, 0);
        double[][] cols = {p.openColumn().clone(), p.highColumn().clone(), p.lowColumn().clone(),
                p.closeColumn().clone(), p.volumeColumn().clone()};
        double[][] src = {other.openColumn(), other.highColumn(), other.lowColumn(), other.closeColumn(), other.volumeColumn()};
        for (int r = (cut + 1) * n; r < bars * n; r++) {
            for (int c = 0; c < 5; c++) {
                cols[c][r] = src[c][r];
            }
        }
        Panel changed = Panel.of(p.symbols(), p.timestampsMillis(), cols[0], cols[1], cols[2], cols[3], cols[4]);
        TrainConfig tc = new TrainConfig(rnd.nextBoolean() ? ModelType.LINEAR : ModelType.LOGISTIC, FEATURES,
                1 + rnd.nextInt(5), 0.7, 1e-2);
        WalkForward.Config cfg = new WalkForward.Config(tc, 40 + rnd.nextInt(20), 5 + rnd.nextInt(15),
                rnd.nextBoolean(), 50);
        double[] a = WalkForward.run(new CpuFeatureEngine().compute(p, SET), p, cfg, Backend.CPU).scores();
        double[] b = WalkForward.run(new CpuFeatureEngine().compute(changed, SET), changed, cfg, Backend.CPU).scores();
        for (int r = 0; r <= cut * n + n - 1; r++) {
            assertEquals(Double.doubleToRawLongBits(a[r]), Double.doubleToRawLongBits(b[r]), "cell " + r + " cut " + cut);
        }
    }

    @Test
    void trainOnARangeUsesOnlyItsBars() {
        Panel p = RandomMarket.panel(5, 6, 120, 0);
        FeatureTable t = new CpuFeatureEngine().compute(p, SET);
        TrainConfig tc = new TrainConfig(ModelType.LINEAR, FEATURES, 5, 0.7, 1e-3);
        // train on bars [30, 80): rows 30..74 (labels end at close 79); test 80..114
        TrainResult r = Trainer.train(t, p, tc, 30, new TimeSplit(75, 80, 115, 5));
        assertEquals("30..74", r.model().metadata().get("train_bars"));
        assertEquals("80..114", r.model().metadata().get("test_bars"));
        double[] labels = new double[120 * 6];
        Labels.forwardLogReturns(p.closeColumn(), 120, 6, 5, labels);
        assertEquals(Trainer.fit(Trainer.inputColumns(t, tc), labels, 6, 30, 75, tc).model().layers(), r.model().layers());
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(t, p, tc, 75, new TimeSplit(75, 80, 115, 5)));
    }

    @Test
    void refusesBadWalks() {
        TrainConfig tc = new TrainConfig(ModelType.LINEAR, FEATURES, 5, 0.7, 1e-3);
        assertThrows(IllegalArgumentException.class, () -> new WalkForward.Config(tc, 5, 10, false, 40));
        assertThrows(IllegalArgumentException.class, () -> new WalkForward.Config(tc, 40, 0, false, 40));
        Panel p = RandomMarket.panel(5, 6, 60, 0);
        FeatureTable t = new CpuFeatureEngine().compute(p, SET);
        assertThrows(IllegalArgumentException.class,
                () -> WalkForward.run(t, p, new WalkForward.Config(tc, 40, 10, false, 60), Backend.CPU));
    }
}
