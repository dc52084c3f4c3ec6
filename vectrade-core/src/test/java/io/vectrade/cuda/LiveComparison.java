package io.vectrade.cuda;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureType;
import io.vectrade.model.Model;
import io.vectrade.pipeline.LiveEngine;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Replays a panel bar by bar through {@link CudaLiveEngine} and the Java {@link LiveEngine} (cpu)
 * side by side and compares every tick: scores (double 1e-10, float 2e-4, NaN where the Java
 * engine has NaN), and the device's frame against the Java policy run on the device's own scores
 * (a mirror chain, so that a rounding difference in a score cannot move a rank or cross a level):
 * sides exactly, strength and weight to 1e-9 (double) or 2e-4 relative (float: voltarget divides
 * by the device's float volatility); and the features of the last tick. Used by the host stand-in
 * test and the GPU test.
 */
final class LiveComparison {
    private LiveComparison() {
    }

    /** Returns the number of non-flat signals compared. */
    static int replay(String label, DeviceApi device, CudaFeatureEngine.Precision precision, Model model, String policy,
                      Panel panel) {
        boolean f = precision == CudaFeatureEngine.Precision.FLOAT;
        Panel ref = f ? FeatureTableComparison.roundedToFloat(panel) : panel;
        int n = panel.instruments();
        int active = 0;
        SignalChain mirror = SignalChain.parse(policy);
        SignalFrame mirrored = SignalFrame.allocate(1, n);
        try (LiveEngine java = LiveEngine.create(model, SignalChain.parse(policy), Backend.CPU, n)) {
            FeatureSet fs = java.featureSet();
            int volColumn = volatilityColumn(fs);
            try (CudaLiveEngine gpu = CudaLiveEngine.open(device, precision, model, SignalChain.parse(policy), fs,
                    volatilityColumn(fs), n)) {
                double[][] bar = new double[5][n];
                double[][] refBar = new double[5][n];
                double[] scores = new double[n];
                SignalFrame frame = SignalFrame.allocate(1, n);
                for (int t = 0; t < panel.bars(); t++) {
                    panel.copyBar(t, bar[0], bar[1], bar[2], bar[3], bar[4]);
                    ref.copyBar(t, refBar[0], refBar[1], refBar[2], refBar[3], refBar[4]);
                    gpu.tick(bar[0], bar[1], bar[2], bar[3], bar[4], scores, frame);
                    java.onTick(refBar[0], refBar[1], refBar[2], refBar[3], refBar[4]);
                    mirror.apply(scores, volColumn < 0 ? null : java.features().column(volColumn), 0, 1, mirrored);
                    SignalFrame expected = mirrored;
                    String at = label + " tick " + t;
                    for (int i = 0; i < n; i++) {
                        near(at + " score of instrument " + i, scores[i], java.scores()[i], f ? 2e-4 : 1e-10);
                        if (frame.side()[i] != expected.side()[i]) {
                            fail("%s: side of instrument %d: got %d expected %d (score %s)", at, i, frame.side()[i],
                                    expected.side()[i], scores[i]);
                        }
                        active += expected.side()[i] != 0 ? 1 : 0;
                        near(at + " strength " + i, frame.strength()[i], expected.strength()[i], f ? 2e-4 : 1e-9);
                        near(at + " weight " + i, frame.weight()[i], expected.weight()[i], f ? 2e-4 : 1e-9);
                    }
                }
                double[] last = new double[fs.columns() * n];
                gpu.downloadFeatures(last);
                for (int c = 0; c < fs.columns(); c++) {
                    for (int i = 0; i < n; i++) {
                        double e = java.features().column(c)[i];
                        near(label + " last-tick feature " + fs.columnNames().get(c) + " of " + i, last[c * n + i], e,
                                f ? 1e-4 : 1e-9); // near() scales by max(1, |e|) once
                    }
                }
            }
        }
        assertThat(active).as(label + ": ticks with a position (all flat checks nothing)").isPositive();
        return active;
    }

    static int volatilityColumn(FeatureSet fs) {
        for (FeatureSpec s : fs.specs()) {
            if (s.type() == FeatureType.VOLATILITY) {
                return fs.columnIndex(s.canonical());
            }
        }
        return -1;
    }

    private static void near(String what, double got, double expected, double tol) {
        if (Double.isNaN(expected) || Double.isNaN(got)) {
            if (Double.isNaN(expected) != Double.isNaN(got)) {
                fail("%s: got %s expected %s", what, got, expected);
            }
            return;
        }
        if (Math.abs(got - expected) > tol * Math.max(1, Math.abs(expected))) {
            fail("%s: got %s expected %s (tolerance %.1g)", what, got, expected, tol);
        }
    }
}
