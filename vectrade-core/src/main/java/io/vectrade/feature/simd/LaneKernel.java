package io.vectrade.feature.simd;

import io.vectrade.feature.FeatureSpec;

/**
 * A vectorised feature over the lanes of a {@link LaneBlock}: {@link #reset} starts a block,
 * {@link #run} advances it over consecutive time chunks, carrying per-lane state between calls.
 * The block's bars are all present (no NaN close). One instance per worker; not thread-safe.
 */
abstract class LaneKernel {
    /** First output column of the spec in the feature table. */
    final int column;

    LaneKernel(int column) {
        this.column = column;
    }

    /** True when the kernel reads {@link LaneBlock#logReturn}. */
    boolean needsLogReturns() {
        return false;
    }

    /** Forgets the previous block's state before a new block's first chunk; nothing by default (a kernel that carries nothing). */
    void reset() {
    }

    /** Processes bars {@code [t0, t1)}; called with t0 = 0, then consecutive chunks. */
    abstract void run(LaneBlock b, int t0, int t1);

    /** The lane kernel for {@code spec} (every standard feature has one). */
    static LaneKernel of(FeatureSpec spec, int column) {
        return switch (spec.type()) {
            case MOMENTUM -> new LaneKernels.Momentum(column, spec.intParam(0));
            case ROC -> new LaneKernels.Roc(column, spec.intParam(0));
            case LOGRET -> new LaneKernels.LogRet(column, spec.intParam(0));
            case VOLATILITY -> AnchoredMoments.volatility(column, spec.intParam(0));
            case SMA -> new LaneKernels.Sma(column, spec.intParam(0));
            case EMA -> new LaneKernels.Ema(column, spec.intParam(0));
            case RSI -> new LaneKernels.Rsi(column, spec.intParam(0));
            case ATR -> new LaneKernels.Atr(column, spec.intParam(0));
            case BBANDS -> new LaneKernels.Bbands(column, spec.intParam(0), spec.param(1));
            case ZSCORE -> AnchoredMoments.zscore(column, spec.intParam(0));
            case MACD -> new LaneKernels.Macd(column, spec.intParam(0), spec.intParam(1), spec.intParam(2));
            case WILLR -> new RangeLanes.Willr(column, spec.intParam(0));
            case STOCH -> new RangeLanes.Stoch(column, spec.intParam(0), spec.intParam(1), spec.intParam(2));
            case CCI -> new RangeLanes.Cci(column, spec.intParam(0));
            case ADX -> new AdxLanes(column, spec.intParam(0));
            case OBV -> new VolumeLanes.Obv(column);
            case VWAP -> new VolumeLanes.Vwap(column, spec.intParam(0));
        };
    }
}
