package io.vectrade.feature.cpu;

import io.vectrade.feature.FeatureSpec;

/** Batch kernels over one contiguous series (to be completed). */
final class SeriesKernels {
    private SeriesKernels() {
    }

    static void compute(FeatureSpec spec, double[] open, double[] high, double[] low, double[] close,
                        double[] volume, int length, double[][] out, int firstColumn) {
        switch (spec.type()) {
            case MOMENTUM -> {
                int n = spec.intParam(0);
                double[] o = out[firstColumn];
                for (int t = n; t < length; t++) {
                    o[t] = close[t] - close[t - n];
                }
            }
            default -> throw new IllegalArgumentException("not implemented yet, feature=" + spec);
        }
    }
}
