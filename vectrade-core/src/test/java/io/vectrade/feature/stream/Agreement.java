package io.vectrade.feature.stream;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureType;

import static org.junit.jupiter.api.Assertions.fail;

/** Asserts streaming equals a batch result cell by cell: bit-exact or within 1e-9 relative. */
final class Agreement {
    /** Relative tolerance for the features that are not bit-exact (documented in their kernels). */
    static final double RELATIVE = 1e-9;

    private Agreement() {
    }

    /**
     * Against the independent reference: TA-Lib features bit-exact, the own features within
     * {@link #RELATIVE}. Fails naming the first differing cell; returns the number of non-NaN cells
     * compared.
     */
    static long assertAgree(FeatureSet set, int bars, int instruments, double[][] expected, double[][] actual,
                            String what) {
        return assertAgree(set, bars, instruments, expected, actual, what, false);
    }

    /** Against the cpu batch engine: every feature bit-exact, raw bits (same arithmetic in the same order). */
    static long assertBitExact(FeatureSet set, int bars, int instruments, double[][] expected, double[][] actual,
                               String what) {
        return assertAgree(set, bars, instruments, expected, actual, what, true);
    }

    private static long assertAgree(FeatureSet set, int bars, int instruments, double[][] expected,
                                    double[][] actual, String what, boolean allExact) {
        long compared = 0;
        for (int s = 0; s < set.size(); s++) {
            FeatureSpec spec = set.spec(s);
            boolean exact = allExact || SeriesReference.bitExact(spec);
            for (int p = 0; p < spec.type().outputs(); p++) {
                int c = set.firstColumn(s) + p;
                for (int t = 0; t < bars; t++) {
                    for (int i = 0; i < instruments; i++) {
                        double e = expected[c][t * instruments + i];
                        double a = actual[c][t * instruments + i];
                        if (Double.isNaN(e) || Double.isNaN(a)) {
                            if (Double.isNaN(e) != Double.isNaN(a)) {
                                fail(what + ": NaN mismatch, column=" + set.columnNames().get(c) + " t=" + t
                                        + " i=" + i + " expected=" + e + " actual=" + a);
                            }
                            continue;
                        }
                        compared++;
                        // z-scores are of order 1: their tolerance is absolute below 1
                        double scale = spec.type() == FeatureType.ZSCORE ? 1.0 : 0.0;
                        boolean ok = exact ? Double.doubleToRawLongBits(e) == Double.doubleToRawLongBits(a)
                                : Math.abs(e - a) <= RELATIVE * Math.max(scale, Math.max(Math.abs(e), Math.abs(a)));
                        if (!ok) {
                            fail(what + ": value mismatch, column=" + set.columnNames().get(c) + " t=" + t
                                    + " i=" + i + " expected=" + e + " actual=" + a
                                    + (exact ? " (bit-exact)" : " (1e-9 relative)"));
                        }
                    }
                }
            }
        }
        return compared;
    }
}
