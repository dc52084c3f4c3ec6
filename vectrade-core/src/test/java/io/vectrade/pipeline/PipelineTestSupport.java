package io.vectrade.pipeline;

import io.vectrade.data.Panel;
import io.vectrade.model.Model;
import io.vectrade.signal.SignalFrame;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared pieces of the pipeline tests: a small logistic model, tolerant comparisons and a live tick compared bit for bit. */
final class PipelineTestSupport {
    /** Features of the test model: a mix of Wilder, window, EMA-family and multi-output columns. */
    static final List<String> COLUMNS = List.of("rsi(14)", "momentum(10)", "zscore(20)", "macd(12,26,9).hist",
            "bbands(20,2).upper", "atr(14)");

    private PipelineTestSupport() {
    }

    /** A logistic model over {@link #COLUMNS}; scores are probabilities in (0, 1). */
    static Model logistic() {
        double[] mean = {50, 0, 0, 0, 100, 1};
        double[] std = {10, 2, 1, 0.5, 20, 0.5};
        double[] w = {0.8, 0.3, -0.6, 0.4, 0.05, -0.2};
        return Model.logistic(COLUMNS, mean, std, w, 0.1);
    }

    /** One bar of a panel as length-N arrays, into {@code bar[5][N]} (open … volume). */
    static void bar(Panel p, int t, double[][] bar) {
        p.copyBar(t, bar[0], bar[1], bar[2], bar[3], bar[4]);
    }

    /**
     * The tick just run by {@code actual} (frame {@code b}) equals the one run by {@code expected} (frame
     * {@code a}) on raw bits: every instrument's score, features, side, strength and weight. Returns the
     * number of non-flat cells of the tick.
     */
    static int assertSameTickBitForBit(String at, LiveEngine expected, SignalFrame a, LiveEngine actual,
                                       SignalFrame b) {
        int n = expected.instruments();
        int nonFlat = 0;
        for (int i = 0; i < n; i++) {
            String cell = at + " i=" + i;
            assertThat(Double.doubleToRawLongBits(actual.scores()[i])).as(cell + " score")
                    .isEqualTo(Double.doubleToRawLongBits(expected.scores()[i]));
            assertThat(b.side(0, i)).as(cell + " side").isEqualTo(a.side(0, i));
            assertThat(Double.doubleToRawLongBits(b.weight(0, i))).as(cell + " weight")
                    .isEqualTo(Double.doubleToRawLongBits(a.weight(0, i)));
            assertThat(Double.doubleToRawLongBits(b.strength(0, i))).as(cell + " strength")
                    .isEqualTo(Double.doubleToRawLongBits(a.strength(0, i)));
            nonFlat += a.side(0, i) != SignalFrame.FLAT ? 1 : 0;
        }
        for (int c = 0; c < expected.featureSet().columns(); c++) {
            for (int i = 0; i < n; i++) {
                assertThat(Double.doubleToRawLongBits(actual.features().value(c, 0, i)))
                        .as(at + " i=" + i + " feature " + c)
                        .isEqualTo(Double.doubleToRawLongBits(expected.features().value(c, 0, i)));
            }
        }
        return nonFlat;
    }

    /** Equal NaN-ness and |a − b| ≤ tol · max(1, |b|). */
    static void assertClose(String what, double actual, double expected, double tol) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(Math.abs(actual - expected)).as("%s: actual=%s expected=%s", what, actual, expected)
                    .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(expected)));
        }
    }
}
