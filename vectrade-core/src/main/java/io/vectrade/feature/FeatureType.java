package io.vectrade.feature;

import java.util.List;

/**
 * The standard feature set (docs/design.md): name, parameters with defaults, output parts and lookback.
 *
 * <p>The lookback is the number of leading bars of an instrument's own history whose output is
 * NaN; it equals TA-Lib's lookback for the TA-Lib-backed features (default unstable period 0).
 */
public enum FeatureType {
    RSI("rsi", List.of("n"), new double[] {14}, List.of()),
    MOMENTUM("momentum", List.of("n"), new double[] {10}, List.of()),
    ROC("roc", List.of("n"), new double[] {10}, List.of()),
    VOLATILITY("volatility", List.of("n"), new double[] {20}, List.of()),
    LOGRET("logret", List.of("n"), new double[] {1}, List.of()),
    SMA("sma", List.of("n"), new double[] {20}, List.of()),
    EMA("ema", List.of("n"), new double[] {20}, List.of()),
    MACD("macd", List.of("fast", "slow", "signal"), new double[] {12, 26, 9}, List.of("line", "signal", "hist")),
    BBANDS("bbands", List.of("n", "k"), new double[] {20, 2}, List.of("upper", "middle", "lower")),
    ATR("atr", List.of("n"), new double[] {14}, List.of()),
    STOCH("stoch", List.of("k", "sk", "d"), new double[] {14, 3, 3}, List.of("k", "d")),
    WILLR("willr", List.of("n"), new double[] {14}, List.of()),
    CCI("cci", List.of("n"), new double[] {20}, List.of()),
    ADX("adx", List.of("n"), new double[] {14}, List.of()),
    OBV("obv", List.of(), new double[] {}, List.of()),
    ZSCORE("zscore", List.of("n"), new double[] {20}, List.of()),
    VWAP("vwap", List.of("n"), new double[] {20}, List.of());

    private final String specName;
    private final List<String> paramNames;
    private final double[] defaults;
    private final List<String> parts;

    FeatureType(String specName, List<String> paramNames, double[] defaults, List<String> parts) {
        this.specName = specName;
        this.paramNames = paramNames;
        this.defaults = defaults;
        this.parts = parts;
    }

    /** The name used in specs, e.g. {@code rsi}. */
    public String specName() {
        return specName;
    }

    public List<String> paramNames() {
        return paramNames;
    }

    /** Default parameters (a copy). */
    public double[] defaults() {
        return defaults.clone();
    }

    /** Output part names, empty for a single-output feature. */
    public List<String> parts() {
        return parts;
    }

    /** Number of output columns: 1, or the number of parts. */
    public int outputs() {
        return parts.isEmpty() ? 1 : parts.size();
    }

    /** True when parameter {@code k} must be a whole number (all but bbands' k). */
    public boolean integerParam(int k) {
        return !(this == BBANDS && k == 1);
    }

    /** Looks a type up by its spec name, or returns null. */
    public static FeatureType byName(String name) {
        for (FeatureType f : values()) {
            if (f.specName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Leading NaN bars for the given parameters (validated by {@link FeatureSpec}). */
    int lookback(double[] p) {
        return switch (this) {
            case RSI, MOMENTUM, ROC, VOLATILITY, LOGRET, ATR -> (int) p[0];
            case SMA, EMA, BBANDS, WILLR, CCI, ZSCORE, VWAP -> (int) p[0] - 1;
            case MACD -> {
                int slow = (int) Math.max(p[0], p[1]);
                yield (slow - 1) + ((int) p[2] - 1);
            }
            case STOCH -> ((int) p[0] - 1) + ((int) p[1] - 1) + ((int) p[2] - 1);
            case ADX -> 2 * (int) p[0] - 1;
            case OBV -> 0;
        };
    }

    /**
     * Smallest valid value of parameter {@code k}: TA-Lib's range for the TA-Lib-backed features
     * (rsi, sma, ema, willr, cci, adx, bbands' n and macd's periods from 2; momentum, roc, atr,
     * stoch from 1), so every valid spec can be checked against TA-Lib.
     */
    double minParam(int k) {
        return switch (this) {
            case MOMENTUM, ROC, LOGRET, ATR, STOCH -> 1;
            case BBANDS -> k == 0 ? 2 : 0;
            case RSI, SMA, EMA, WILLR, MACD, VOLATILITY, CCI, ADX, ZSCORE, VWAP -> 2;
            case OBV -> 0;
        };
    }
}
