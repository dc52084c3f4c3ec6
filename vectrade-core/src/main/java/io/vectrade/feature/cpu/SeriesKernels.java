package io.vectrade.feature.cpu;

import io.vectrade.feature.FeatureSpec;

/**
 * Batch kernels over one contiguous series: dispatches a {@link FeatureSpec} to its kernel.
 *
 * <p>Contract: the inputs hold {@code length} valid bars (no missing bars); the kernel writes
 * {@code out[firstColumn + part][t]} for {@code t in [spec.lookback(), length)} and leaves the
 * warm-up bars as they were ({@code out} is pre-filled with NaN by the caller). O(length) per
 * feature, except {@code cci(n)}: O(length * n), like TA-Lib. Allocates nothing: temporaries live in
 * {@code scratch}, which must hold at least {@code length} bars. Thread-safe with one scratch per
 * thread.
 */
final class SeriesKernels {
    private SeriesKernels() {
    }

    static void compute(FeatureSpec spec, double[] open, double[] high, double[] low, double[] close,
                        double[] volume, int length, double[][] out, int firstColumn, KernelScratch scratch) {
        double[] o = out[firstColumn];
        switch (spec.type()) {
            case RSI -> Wilder.rsi(close, length, spec.intParam(0), o);
            case MOMENTUM -> Changes.momentum(close, length, spec.intParam(0), o);
            case ROC -> Changes.roc(close, length, spec.intParam(0), o);
            case VOLATILITY -> Statistics.volatility(close, length, spec.intParam(0), o, scratch);
            case LOGRET -> Changes.logret(close, length, spec.intParam(0), o);
            case SMA -> Averages.sma(close, 0, length, spec.intParam(0), o);
            case EMA -> {
                int n = spec.intParam(0);
                Averages.ema(close, n - 1, length, n, Averages.k(n), o);
            }
            case MACD -> Averages.macd(close, length, spec.intParam(0), spec.intParam(1), spec.intParam(2),
                    o, out[firstColumn + 1], out[firstColumn + 2], scratch);
            case BBANDS -> Bands.bbands(close, length, spec.intParam(0), spec.param(1),
                    o, out[firstColumn + 1], out[firstColumn + 2]);
            case ATR -> Wilder.atr(high, low, close, length, spec.intParam(0), o);
            case STOCH -> Ranges.stoch(high, low, close, length, spec.intParam(0), spec.intParam(1),
                    spec.intParam(2), o, out[firstColumn + 1], scratch);
            case WILLR -> Ranges.willr(high, low, close, length, spec.intParam(0), o, scratch);
            case CCI -> Ranges.cci(high, low, close, length, spec.intParam(0), o, scratch);
            case ADX -> Wilder.adx(high, low, close, length, spec.intParam(0), o);
            case OBV -> Volumes.obv(close, volume, length, o);
            case ZSCORE -> Statistics.zscore(close, length, spec.intParam(0), o, scratch);
            case VWAP -> Volumes.vwap(high, low, close, volume, length, spec.intParam(0), o, scratch);
        }
    }
}
