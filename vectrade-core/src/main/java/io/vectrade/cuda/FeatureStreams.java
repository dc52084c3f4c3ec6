package io.vectrade.cuda;

import io.vectrade.feature.FeatureType;

/**
 * Which compute stream each feature runs on, as a table rather than an accident of declaration
 * order. The one-thread-per-instrument recurrences (RSI, EMA, MACD, ATR, ADX, OBV) use few blocks
 * each, so they are spread over the streams to run side by side; all features of one type go to one
 * stream, where they run in order and share that stream's scan-carry scratch. Stateless.
 */
final class FeatureStreams {
    /** Compute streams of one engine. */
    static final int STREAMS = 4;

    private FeatureStreams() {
    }

    /** The stream (0 .. {@link #STREAMS} - 1) of every feature of {@code type}. */
    static int of(FeatureType type) {
        return switch (type) {
            case RSI, LOGRET, BBANDS, CCI, VWAP -> 0;
            case MOMENTUM, SMA, ATR, ADX -> 1;
            case ROC, EMA, STOCH, OBV -> 2;
            case VOLATILITY, MACD, WILLR, ZSCORE -> 3;
        };
    }
}
