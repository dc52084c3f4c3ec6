package io.vectrade.pipeline;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.simd.SimdFeatureEngine;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fused simd run ({@link TradingPipeline#run}: features and model over cache-sized chunks, {@link FusedScoring})
 * against the three stages called one by one on a second pipeline (full feature table, then the predictor, then the
 * policy): scores, the volatility column and the frame equal raw bit for raw bit (a NaN score only as NaN: the
 * predictor does not fix a NaN's sign), for panels whose blocks are clean, have a gap in a later chunk (the block
 * falls back after some chunks were scored), have gaps throughout, end in a shifted or a narrow block, for a single
 * series and a view (stride above its width), over 1 to 3 threads and four models (one with a feature that has no
 * lane kernel), with a per-bar and a threshold policy.
 *
 * <p>Runs with the Java vector math library (the {@code java-vector-math} surefire execution): the two sides
 * warm up at different times, and the Vector API's EXP and LOG differ in the last bit before and after C2
 * compiles their callers (docs/design.md, determinism); this test is about the decomposition.
 */
@Tag("java-vector-math")
class FusedPipelineTest {
    private static final List<String> POLICIES = List.of(
            "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)",
            "threshold(long=0.55,exit=0.5,short=0.45,cover=0.5) | caps(max=0.2)");

    private static List<Model> models() {
        return List.of(Models.defaultModel(), PipelineTestSupport.logistic(),
                Models.benchmarkMlp(List.of("rsi(14)", "logret(5)", "zscore(20)", "volatility(20)", "ema(10)"), 3),
                Model.logistic(List.of("rsi(14)", "obv", "volatility(20)"), new double[] {50, 0, 0.02},
                        new double[] {10, 1e6, 0.01}, new double[] {0.5, 0.1, -0.3}, 0.0));
    }

    /**
     * @param gaps none; late (one missing bar at bar 280 of instrument 5: block 0 falls back after its first
     *             chunk was scored); block1 (1 % of bars missing in instruments 32..63); all (1 % everywhere and
     *             late starts: every block on the reference path)
     * @param view a view of the instruments [3, 3 + instruments) of a wider panel
     */
    @ParameterizedTest(name = "{0}x{1} threads={2} gaps={3} view={4}")
    @CsvSource({
        "45, 300, 2, none, false",   // a full block and a shifted one of 13; two chunks, the last partial
        "45, 300, 1, late, false",
        "45, 600, 3, late, false",   // three chunks, more parts than some blocks
        "70, 520, 2, block1, false", // 32 + 32 + 6: a narrow last block (reference path)
        "100, 300, 2, all, false",
        "8, 257, 2, none, false",    // one vector; a last chunk of one bar
        "33, 120, 2, block1, false", // one chunk; a last block of one instrument
        "1, 300, 2, none, false",    // the single-series path
        "64, 300, 2, block1, true",  // stride 70 for a width of 64
    })
    void fusedRunEqualsTheStagesOneByOne(int instruments, int bars, int threads, String gaps, boolean view) {
        Panel panel = panel(instruments, bars, gaps, view, 11);
        Panel other = panel(instruments, bars, gaps, view, 12);
        for (Model model : models()) {
            for (String policy : POLICIES) {
                String what = model.featureColumns() + " " + policy;
                try (SimdFeatureEngine fe = new SimdFeatureEngine(threads);
                     SimdFeatureEngine se = new SimdFeatureEngine(threads);
                     TradingPipeline fused = TradingPipeline.borrowing(model, SignalChain.parse(policy), fe);
                     TradingPipeline staged = TradingPipeline.borrowing(model, SignalChain.parse(policy), se)) {
                    // twice, on different panels: the chunk tables' leftovers from the first run change nothing
                    for (Panel p : new Panel[] {other, panel}) {
                        SignalFrame got = fused.run(p);
                        FeatureTable table = staged.calculateFeatures(p);
                        double[] scores = staged.generatePredictions(table);
                        SignalFrame want = staged.generateSignals(scores, table);
                        assertSameBits(what + " scores", fused.scores(), scores);
                        int vol = staged.featureSet().columnIndex("volatility(20)");
                        if (SignalChain.parse(policy).needsVolatility()) {
                            // the fused run writes the volatility column the policy reads
                            assertSameBits(what + " volatility", fused.tableBuffer().column(vol),
                                    table.column(vol));
                        }
                        assertThat(got.side()).as(what + " side").isEqualTo(want.side());
                        assertRawBits(what + " strength", got.strength(), want.strength());
                        assertRawBits(what + " weight", got.weight(), want.weight());
                        assertThat(fused.lastTimes().predictionsNanos()).as("the model's share is timed").isPositive();
                    }
                }
            }
        }
    }

    private static Panel panel(int instruments, int bars, String gaps, boolean view, long seed) {
        int width = view ? instruments + 6 : instruments;
        boolean all = gaps.equals("all");
        Panel base = RandomMarket.panel(seed, width, bars, new RandomMarket.Options(all ? 0.01 : 0.0, all, true));
        int first = view ? 3 : 0;
        if (gaps.equals("late")) {
            punch(base, 280, first + 5);
        } else if (gaps.equals("block1")) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 32; i < Math.min(64, instruments); i++) {
                for (int t = 0; t < bars; t++) {
                    if (rnd.nextDouble() < 0.01) {
                        punch(base, t, first + i);
                    }
                }
            }
        }
        return view ? base.instruments(first, first + instruments) : base;
    }

    /** Makes bar {@code t} of instrument {@code i} missing (NaN in all five columns; the arrays are the panel's). */
    private static void punch(Panel p, int t, int i) {
        int at = p.index(t, i);
        for (double[] c : new double[][] {p.openColumn(), p.highColumn(), p.lowColumn(), p.closeColumn(), p.volumeColumn()}) {
            c[at] = Double.NaN;
        }
    }

    /** Raw bits, except that a NaN need only be a NaN. */
    private static void assertSameBits(String what, double[] got, double[] want) {
        assertThat(got.length).isEqualTo(want.length);
        for (int k = 0; k < want.length; k++) {
            if (Double.isNaN(want[k])) {
                assertThat(got[k]).as("%s cell %d", what, k).isNaN();
            } else {
                assertThat(Double.doubleToRawLongBits(got[k])).as("%s cell %d: %s vs %s", what, k, got[k], want[k])
                        .isEqualTo(Double.doubleToRawLongBits(want[k]));
            }
        }
    }

    private static void assertRawBits(String what, double[] got, double[] want) {
        assertThat(got.length).isEqualTo(want.length);
        for (int k = 0; k < want.length; k++) {
            assertThat(Double.doubleToRawLongBits(got[k])).as("%s cell %d: %s vs %s", what, k, got[k], want[k])
                    .isEqualTo(Double.doubleToRawLongBits(want[k]));
        }
    }
}
