package io.vectrade.feature.stream;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import io.vectrade.feature.FeatureSpec;

import java.util.Arrays;

/**
 * Test-side reference values of one feature over one contiguous series (no missing bars): TA-Lib
 * ({@link Core}) for the TA-Lib features, straightforward two-pass window code for the project's
 * own features ({@code volatility}, {@code logret}, {@code zscore}, {@code vwap}; by definition
 * volatility and z-score are 0 over a window of equal returns or closes, and vwap is the plain
 * mean of the typical price over a window without volume). Independent of
 * the streaming code under test. Outputs are full length with NaN before the first value.
 */
final class SeriesReference {
    private static final Core CORE = new Core();

    private SeriesReference() {
    }

    /** True for features whose streaming form must equal the reference bit for bit. */
    static boolean bitExact(FeatureSpec spec) {
        return switch (spec.type()) {
            case VOLATILITY, ZSCORE, VWAP -> false;
            default -> true;
        };
    }

    /** One array per output part of {@code spec}, each of length {@code m}. */
    static double[][] compute(FeatureSpec spec, double[] open, double[] high, double[] low, double[] close,
                              double[] volume, int m) {
        int parts = spec.type().outputs();
        double[][] out = new double[parts][m];
        for (double[] o : out) {
            Arrays.fill(o, Double.NaN);
        }
        if (m == 0) {
            return out;
        }
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        double[][] raw = new double[parts][m];
        int end = m - 1;
        RetCode rc = switch (spec.type()) {
            case RSI -> CORE.rsi(0, end, close, spec.intParam(0), begin, count, raw[0]);
            case MOMENTUM -> CORE.mom(0, end, close, spec.intParam(0), begin, count, raw[0]);
            case ROC -> CORE.roc(0, end, close, spec.intParam(0), begin, count, raw[0]);
            case SMA -> CORE.sma(0, end, close, spec.intParam(0), begin, count, raw[0]);
            case EMA -> CORE.ema(0, end, close, spec.intParam(0), begin, count, raw[0]);
            case MACD -> CORE.macd(0, end, close, spec.intParam(0), spec.intParam(1), spec.intParam(2),
                    begin, count, raw[0], raw[1], raw[2]);
            case BBANDS -> CORE.bbands(0, end, close, spec.intParam(0), spec.param(1), spec.param(1), MAType.Sma,
                    begin, count, raw[0], raw[1], raw[2]);
            case ATR -> CORE.atr(0, end, high, low, close, spec.intParam(0), begin, count, raw[0]);
            case STOCH -> CORE.stoch(0, end, high, low, close, spec.intParam(0), spec.intParam(1), MAType.Sma,
                    spec.intParam(2), MAType.Sma, begin, count, raw[0], raw[1]);
            case WILLR -> CORE.willR(0, end, high, low, close, spec.intParam(0), begin, count, raw[0]);
            case CCI -> CORE.cci(0, end, high, low, close, spec.intParam(0), begin, count, raw[0]);
            case ADX -> CORE.adx(0, end, high, low, close, spec.intParam(0), begin, count, raw[0]);
            case OBV -> CORE.obv(0, end, close, volume, begin, count, raw[0]);
            case LOGRET -> own(out, logret(close, m, spec.intParam(0)));
            case VOLATILITY -> own(out, volatility(close, m, spec.intParam(0)));
            case ZSCORE -> own(out, zscore(close, m, spec.intParam(0)));
            case VWAP -> own(out, vwap(high, low, close, volume, m, spec.intParam(0)));
        };
        if (rc == null) {
            return out;
        }
        if (rc != RetCode.Success) {
            throw new IllegalStateException("ta-lib refused, spec=" + spec + " retCode=" + rc);
        }
        for (int p = 0; p < parts; p++) {
            System.arraycopy(raw[p], 0, out[p], begin.value, count.value);
        }
        return out;
    }

    private static RetCode own(double[][] out, double[] values) {
        System.arraycopy(values, 0, out[0], 0, values.length);
        return null;
    }

    private static double[] nans(int m) {
        double[] v = new double[m];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    static double[] logret(double[] c, int m, int n) {
        double[] v = nans(m);
        for (int t = n; t < m; t++) {
            v[t] = StrictMath.log(c[t] / c[t - n]);
        }
        return v;
    }

    static double[] volatility(double[] c, int m, int n) {
        double[] v = nans(m);
        for (int t = n; t < m; t++) {
            double mean = 0;
            for (int j = t - n + 1; j <= t; j++) {
                mean += StrictMath.log(c[j] / c[j - 1]);
            }
            mean /= n;
            double ss = 0;
            boolean flat = true;
            for (int j = t - n + 1; j <= t; j++) {
                double r = StrictMath.log(c[j] / c[j - 1]);
                flat &= r == StrictMath.log(c[t] / c[t - 1]);
                ss += (r - mean) * (r - mean);
            }
            v[t] = flat ? 0.0 : Math.sqrt(ss / (n - 1));
        }
        return v;
    }

    static double[] zscore(double[] c, int m, int n) {
        double[] v = nans(m);
        for (int t = n - 1; t < m; t++) {
            double mean = 0;
            for (int j = t - n + 1; j <= t; j++) {
                mean += c[j];
            }
            mean /= n;
            double ss = 0;
            boolean flat = true;
            for (int j = t - n + 1; j <= t; j++) {
                flat &= c[j] == c[t];
                ss += (c[j] - mean) * (c[j] - mean);
            }
            double sd = Math.sqrt(ss / n);
            v[t] = flat ? 0.0 : (c[t] - mean) / sd;
        }
        return v;
    }

    static double[] vwap(double[] h, double[] l, double[] c, double[] vol, int m, int n) {
        double[] v = nans(m);
        for (int t = n - 1; t < m; t++) {
            double pv = 0;
            double sv = 0;
            double tp = 0;
            for (int j = t - n + 1; j <= t; j++) {
                pv += (h[j] + l[j] + c[j]) / 3 * vol[j];
                sv += vol[j];
                tp += (h[j] + l[j] + c[j]) / 3;
            }
            v[t] = sv == 0 ? tp / n : pv / sv;
        }
        return v;
    }
}
