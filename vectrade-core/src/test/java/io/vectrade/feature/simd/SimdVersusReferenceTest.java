package io.vectrade.feature.simd;

import static org.assertj.core.api.Assertions.assertThat;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simd engine against independent references on panels without missing bars: TA-Lib Java for
 * the TA-Lib features, and straightforward two-pass implementations written here for volatility,
 * logret and zscore. Tolerance: 1e-12 relative to the larger of the value and the series' price
 * level (for volatility: of its own magnitude); warm-up NaN positions exactly.
 */
class SimdVersusReferenceTest {
    private static final Core TA = new Core();

    @ParameterizedTest(name = "instruments={0} bars={1}")
    @CsvSource({"1, 3000", "7, 400", "33, 700", "64, 300"})
    void matchesTaLibAndOwnDefinitions(int instruments, int bars) {
        Panel panel = RandomPanels.of(11 + instruments, instruments, bars, false);
        FeatureSet set = FeatureSet.parse(
                "rsi(14),momentum(10),roc(10),volatility(20),logret,logret(5),sma(20),ema(20),macd,"
                        + "bbands(20,2),atr(14),zscore(20),ema(3),rsi(2),macd(5,35,5)");
        FeatureTable out;
        try (SimdFeatureEngine engine = new SimdFeatureEngine(2)) {
            out = engine.compute(panel, set);
        }
        for (int i = 0; i < instruments; i++) {
            double[] c = RandomPanels.closes(panel, i);
            double[] h = RandomPanels.present(panel, i, 1);
            double[] l = RandomPanels.present(panel, i, 2);
            check(out, "rsi(14)", i, talib(c.length, 14, (o, b, n) -> TA.rsi(0, c.length - 1, c, 14, b, n, o)), 100);
            check(out, "rsi(2)", i, talib(c.length, 2, (o, b, n) -> TA.rsi(0, c.length - 1, c, 2, b, n, o)), 100);
            check(out, "momentum(10)", i, talib(c.length, 10, (o, b, n) -> TA.mom(0, c.length - 1, c, 10, b, n, o)), c[0]);
            check(out, "roc(10)", i, talib(c.length, 10, (o, b, n) -> TA.roc(0, c.length - 1, c, 10, b, n, o)), 100);
            check(out, "sma(20)", i, talib(c.length, 19, (o, b, n) -> TA.sma(0, c.length - 1, c, 20, b, n, o)), c[0]);
            check(out, "ema(20)", i, talib(c.length, 19, (o, b, n) -> TA.ema(0, c.length - 1, c, 20, b, n, o)), c[0]);
            check(out, "ema(3)", i, talib(c.length, 2, (o, b, n) -> TA.ema(0, c.length - 1, c, 3, b, n, o)), c[0]);
            check(out, "atr(14)", i, talib(c.length, 14, (o, b, n) -> TA.atr(0, c.length - 1, h, l, c, 14, b, n, o)), c[0]);
            double[][] macd = macd(c, 12, 26, 9);
            check(out, "macd(12,26,9).line", i, macd[0], c[0]);
            check(out, "macd(12,26,9).signal", i, macd[1], c[0]);
            check(out, "macd(12,26,9).hist", i, macd[2], c[0]);
            double[][] macdLong = macd(c, 5, 35, 5);
            check(out, "macd(5,35,5).line", i, macdLong[0], c[0]);
            check(out, "macd(5,35,5).hist", i, macdLong[2], c[0]);
            double[][] bb = bbands(c, 20, 2);
            check(out, "bbands(20,2).upper", i, bb[0], c[0]);
            check(out, "bbands(20,2).middle", i, bb[1], c[0]);
            check(out, "bbands(20,2).lower", i, bb[2], c[0]);
            check(out, "volatility(20)", i, volatility(c, 20), 0);
            check(out, "logret(1)", i, logret(c, 1), 0);
            check(out, "logret(5)", i, logret(c, 5), 0);
            check(out, "zscore(20)", i, zscore(c, 20), 1);
        }
    }

    interface TaCall {
        RetCode call(double[] out, MInteger begin, MInteger count);
    }

    /** A full-length series from a TA-Lib call, NaN before its begin index (checked = lookback). */
    private static double[] talib(int length, int lookback, TaCall call) {
        double[] raw = new double[length];
        MInteger b = new MInteger();
        MInteger n = new MInteger();
        assertThat(call.call(raw, b, n)).isEqualTo(RetCode.Success);
        assertThat(b.value).isEqualTo(lookback);
        return shift(raw, b.value, n.value, length);
    }

    private static double[] shift(double[] raw, int begin, int count, int length) {
        double[] full = new double[length];
        Arrays.fill(full, Double.NaN);
        System.arraycopy(raw, 0, full, begin, count);
        return full;
    }

    private static double[][] macd(double[] c, int fast, int slow, int signal) {
        double[] m = new double[c.length];
        double[] s = new double[c.length];
        double[] h = new double[c.length];
        MInteger b = new MInteger();
        MInteger n = new MInteger();
        TA.macd(0, c.length - 1, c, fast, slow, signal, b, n, m, s, h);
        return new double[][] {shift(m, b.value, n.value, c.length), shift(s, b.value, n.value, c.length),
            shift(h, b.value, n.value, c.length)};
    }

    private static double[][] bbands(double[] c, int n, double k) {
        double[] u = new double[c.length];
        double[] m = new double[c.length];
        double[] l = new double[c.length];
        MInteger b = new MInteger();
        MInteger cnt = new MInteger();
        TA.bbands(0, c.length - 1, c, n, k, k, MAType.Sma, b, cnt, u, m, l);
        return new double[][] {shift(u, b.value, cnt.value, c.length), shift(m, b.value, cnt.value, c.length),
            shift(l, b.value, cnt.value, c.length)};
    }

    /** Two-pass sample standard deviation of the last n log returns. */
    private static double[] volatility(double[] c, int n) {
        double[] out = new double[c.length];
        Arrays.fill(out, Double.NaN);
        for (int t = n; t < c.length; t++) {
            double mean = 0;
            for (int j = t - n + 1; j <= t; j++) {
                mean += Math.log(c[j] / c[j - 1]);
            }
            mean /= n;
            double ss = 0;
            for (int j = t - n + 1; j <= t; j++) {
                double d = Math.log(c[j] / c[j - 1]) - mean;
                ss += d * d;
            }
            out[t] = Math.sqrt(ss / (n - 1));
        }
        return out;
    }

    private static double[] logret(double[] c, int n) {
        double[] out = new double[c.length];
        Arrays.fill(out, Double.NaN);
        for (int t = n; t < c.length; t++) {
            out[t] = Math.log(c[t] / c[t - n]);
        }
        return out;
    }

    /** Two-pass population z-score. */
    private static double[] zscore(double[] c, int n) {
        double[] out = new double[c.length];
        Arrays.fill(out, Double.NaN);
        for (int t = n - 1; t < c.length; t++) {
            double mean = 0;
            for (int j = t - n + 1; j <= t; j++) {
                mean += c[j];
            }
            mean /= n;
            double ss = 0;
            for (int j = t - n + 1; j <= t; j++) {
                ss += (c[j] - mean) * (c[j] - mean);
            }
            out[t] = (c[t] - mean) / Math.sqrt(ss / n);
        }
        return out;
    }

    /** Compares column {@code name} of instrument {@code i}; {@code scale} floors the relative error. */
    private static void check(FeatureTable out, String name, int i, double[] expected, double scale) {
        int bars = out.bars();
        for (int t = 0; t < bars; t++) {
            double a = out.value(out.features().columnIndex(name), t, i);
            double e = expected[t];
            if (Double.isNaN(e)) {
                assertThat(a).as("%s instrument=%d bar=%d", name, i, t).isNaN();
            } else {
                double tol = 1e-12 * Math.max(Math.max(Math.abs(a), Math.abs(e)), Math.abs(scale));
                assertThat(a).as("%s instrument=%d bar=%d", name, i, t).isCloseTo(e, org.assertj.core.data.Offset.offset(tol));
            }
        }
    }
}
