package io.vectrade.feature.reference;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureType;

import java.util.Arrays;

/**
 * Test reference: computes a TA-Lib-backed {@link FeatureSpec} with TA-Lib Java
 * ({@code com.tictactec.ta.lib.Core}, default settings: unstable period 0, default compatibility),
 * called over the whole series ({@code startIdx = 0}). Returns one full-length array per output part
 * (in {@code spec.type().parts()} order), NaN before TA-Lib's begin index.
 *
 * <pre>
 *   double[][] bands = TaLibReference.compute(FeatureSpec.parse("bbands(20,2)"), o, h, l, c, v);
 *   double[] upper = bands[0];
 * </pre>
 */
public final class TaLibReference {
    private TaLibReference() {
    }

    /** True for the features whose reference is TA-Lib. */
    public static boolean supports(FeatureType type) {
        return switch (type) {
            case VOLATILITY, LOGRET, ZSCORE, VWAP -> false;
            default -> true;
        };
    }

    /** TA-Lib's lookback for {@code spec} ({@code xxxLookback()}). */
    public static int lookback(FeatureSpec spec) {
        Core core = new Core();
        int p0 = spec.params().length > 0 ? spec.intParam(0) : 0;
        return switch (spec.type()) {
            case RSI -> core.rsiLookback(p0);
            case MOMENTUM -> core.momLookback(p0);
            case ROC -> core.rocLookback(p0);
            case SMA -> core.smaLookback(p0);
            case EMA -> core.emaLookback(p0);
            case MACD -> core.macdLookback(p0, spec.intParam(1), spec.intParam(2));
            case BBANDS -> core.bbandsLookback(p0, spec.param(1), spec.param(1), MAType.Sma);
            case ATR -> core.atrLookback(p0);
            case STOCH -> core.stochLookback(p0, spec.intParam(1), MAType.Sma, spec.intParam(2), MAType.Sma);
            case WILLR -> core.willRLookback(p0);
            case CCI -> core.cciLookback(p0);
            case ADX -> core.adxLookback(p0);
            case OBV -> core.obvLookback();
            default -> throw new IllegalArgumentException("not a TA-Lib feature, spec=" + spec);
        };
    }

    /**
     * Computes {@code spec} over {@code length = c.length} bars.
     *
     * @throws IllegalArgumentException for a feature without a TA-Lib reference
     * @throws IllegalStateException    when TA-Lib returns an error code
     */
    public static double[][] compute(FeatureSpec spec, double[] o, double[] h, double[] l, double[] c, double[] v) {
        Core core = new Core();
        int n = c.length;
        int parts = spec.type().outputs();
        double[][] raw = new double[parts][Math.max(n, 1)];
        double[][] out = new double[parts][n];
        for (double[] col : out) {
            Arrays.fill(col, Double.NaN);
        }
        if (n == 0) {
            return out;
        }
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        int end = n - 1;
        int p0 = spec.params().length > 0 ? spec.intParam(0) : 0;
        RetCode rc = switch (spec.type()) {
            case RSI -> core.rsi(0, end, c, p0, begin, count, raw[0]);
            case MOMENTUM -> core.mom(0, end, c, p0, begin, count, raw[0]);
            case ROC -> core.roc(0, end, c, p0, begin, count, raw[0]);
            case SMA -> core.sma(0, end, c, p0, begin, count, raw[0]);
            case EMA -> core.ema(0, end, c, p0, begin, count, raw[0]);
            case MACD -> core.macd(0, end, c, p0, spec.intParam(1), spec.intParam(2), begin, count,
                    raw[0], raw[1], raw[2]);
            case BBANDS -> core.bbands(0, end, c, p0, spec.param(1), spec.param(1), MAType.Sma, begin, count,
                    raw[0], raw[1], raw[2]);
            case ATR -> core.atr(0, end, h, l, c, p0, begin, count, raw[0]);
            case STOCH -> core.stoch(0, end, h, l, c, p0, spec.intParam(1), MAType.Sma, spec.intParam(2), MAType.Sma,
                    begin, count, raw[0], raw[1]);
            case WILLR -> core.willR(0, end, h, l, c, p0, begin, count, raw[0]);
            case CCI -> core.cci(0, end, h, l, c, p0, begin, count, raw[0]);
            case ADX -> core.adx(0, end, h, l, c, p0, begin, count, raw[0]);
            case OBV -> core.obv(0, end, c, v, begin, count, raw[0]);
            default -> throw new IllegalArgumentException("not a TA-Lib feature, spec=" + spec);
        };
        if (rc != RetCode.Success) {
            throw new IllegalStateException("ta-lib failed, spec=" + spec + " retCode=" + rc);
        }
        for (int p = 0; p < parts; p++) {
            System.arraycopy(raw[p], 0, out[p], begin.value, count.value);
        }
        return out;
    }
}
