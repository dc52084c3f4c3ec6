package io.vectrade.cuda;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;

import java.util.List;

/**
 * Compares a table computed by the cuda kernels with the cpu reference's, column by column and
 * instrument by instrument: NaN exactly where the reference has NaN, and the error within tolerance
 * everywhere else.
 *
 * <p>Double: error {@code |a - b| / max(1, |b|)} (relative above 1, absolute below, because many
 * features cross zero), at most 1e-10. Float: error {@code |a - b| / max(|b|, scale)} at most 1e-4,
 * where scale is the natural size of the feature (the instrument's mean |close| for price-unit
 * features, 100 for percent oscillators, the mean volume for obv, 1 for zscore, 0.01 for log
 * returns and volatility): float carries about 7 significant digits of its inputs, so an output
 * near zero is only known to the inputs' scale. Float results are compared with the reference run
 * on the panel rounded to float (the input rounding is a property of choosing float, not of the
 * kernels).
 */
final class FeatureTableComparison {
    static final double DOUBLE_TOLERANCE = 1e-10;
    static final double FLOAT_TOLERANCE = 1e-4;

    private FeatureTableComparison() {
    }

    /** The panel with every value rounded to float, as the float kernels see it. */
    static Panel roundedToFloat(Panel p) {
        Panel d = p.compact();
        double[][] cols = {d.openColumn().clone(), d.highColumn().clone(), d.lowColumn().clone(),
                d.closeColumn().clone(), d.volumeColumn().clone()};
        for (double[] c : cols) {
            for (int k = 0; k < c.length; k++) {
                c[k] = (float) c[k];
            }
        }
        return Panel.of(d.symbols(), d.timestampsMillis(), cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    /**
     * Asserts agreement; returns the largest error seen. The error is {@code |x - y| / max(|y|, scale)}
     * with the feature's natural size as the scale ({@link #scale}: the instrument's mean |close| for
     * price-level features, 100 for oscillators, ...), in both precisions. A relative error alone is
     * wrong near zero and for price-level features whose reference accumulates rounding: TA-Lib's
     * running SMA sum drifts over 100,000 bars (the H100 run saw 1.0e-10 of a 1.47 SMA where the
     * GPU restarts its sums per chunk), and MACD's outputs are differences of price-level EMAs.
     */
    static double assertMatches(String label, Panel panel, FeatureTable actual, FeatureTable expected, boolean floatPrecision) {
        FeatureSet fs = expected.features();
        List<String> names = fs.columnNames();
        int bars = panel.bars();
        int n = panel.instruments();
        double worst = 0;
        for (int s = 0; s < fs.size(); s++) {
            FeatureSpec spec = fs.spec(s);
            for (int p = 0; p < spec.type().outputs(); p++) {
                int c = fs.firstColumn(s) + p;
                double[] a = actual.column(c);
                double[] b = expected.column(c);
                for (int i = 0; i < n; i++) {
                    double scale = scale(spec, panel, i);
                    for (int t = 0; t < bars; t++) {
                        double x = a[t * n + i];
                        double y = b[t * n + i];
                        if (Double.isNaN(y) || Double.isNaN(x)) {
                            if (Double.isNaN(y) != Double.isNaN(x)) {
                                throw new AssertionError(label + " " + names.get(c) + " instrument=" + i + " t=" + t
                                        + ": NaN mismatch, actual=" + x + " expected=" + y);
                            }
                            continue;
                        }
                        if (floatPrecision && spec.type() == io.vectrade.feature.FeatureType.CCI && flatTypical(panel, i, t, spec.intParam(0))) {
                            continue;  // the reference's value is rounding noise of a zero deviation (see CudaKernelsOnHostTest)
                        }
                        double e = Math.abs(x - y) / Math.max(Math.abs(y), scale);
                        double tol = floatPrecision ? FLOAT_TOLERANCE : DOUBLE_TOLERANCE;
                        if (!(e <= tol)) {
                            throw new AssertionError(label + " " + names.get(c) + " instrument=" + i + " t=" + t
                                    + ": actual=" + x + " expected=" + y + " error=" + e + " tolerance=" + tol);
                        }
                        worst = Math.max(worst, e);
                    }
                }
            }
        }
        return worst;
    }

    /** The size against which an error near zero is measured. */
    static double scale(FeatureSpec spec, Panel p, int i) {
        return switch (spec.type()) {
            case MOMENTUM, SMA, EMA, MACD, BBANDS, ATR, VWAP -> meanAbs(p, i, false);
            case RSI, STOCH, WILLR, CCI, ADX -> 100;
            case OBV -> meanAbs(p, i, true);
            case ROC, ZSCORE -> 1;
            case LOGRET, VOLATILITY -> 0.01;
        };
    }

    private static double meanAbs(Panel p, int i, boolean volume) {
        double s = 0;
        int m = 0;
        for (int t = 0; t < p.bars(); t++) {
            double v = volume ? p.volume(t, i) : p.close(t, i);
            if (!Double.isNaN(v)) {
                s += Math.abs(v);
                m++;
            }
        }
        return m == 0 ? 1 : Math.max(s / m, Double.MIN_NORMAL);
    }

    /** True when the last n own bars of instrument i up to t have identical typical prices. */
    private static boolean flatTypical(Panel p, int i, int t, int n) {
        double first = Double.NaN;
        int seen = 0;
        for (int u = t; u >= 0 && seen < n; u--) {
            if (p.isMissing(u, i)) {
                continue;
            }
            double tp = (p.high(u, i) + p.low(u, i) + p.close(u, i)) / 3;
            if (seen == 0) {
                first = tp;
            } else if (tp != first) {
                return false;
            }
            seen++;
        }
        return true;
    }
}
