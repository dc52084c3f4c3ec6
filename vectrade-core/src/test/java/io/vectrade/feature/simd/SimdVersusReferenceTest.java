package io.vectrade.feature.simd;

import static org.assertj.core.api.Assertions.assertThat;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

import org.assertj.core.data.Offset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simd engine against independent references on {@code testdata.RandomMarket} panels without
 * missing bars (price levels 0.05 to 5000, tick-rounded instruments, flat stretches): TA-Lib Java
 * for the TA-Lib features (1e-12 relative to the larger of the value and the series' price level),
 * Math.log for logret, and exact (BigDecimal) window moments for volatility and zscore (tolerances
 * at {@link #checkMoments}); warm-up NaN positions exactly.
 */
class SimdVersusReferenceTest {
    private static final Core TA = new Core();
    private static final MathContext EXACT = new MathContext(40);

    @ParameterizedTest(name = "seed={0} instruments={1} bars={2}")
    @CsvSource({"1, 1, 3000", "2, 1, 3000", "3, 1, 3000", "4, 7, 400", "5, 33, 700", "6, 64, 300"})
    void matchesTaLibAndOwnDefinitions(long seed, int instruments, int bars) {
        Panel panel = RandomPanels.of(seed, instruments, bars, false);
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
            checkMoments(out, "volatility(20)", i, logret(c, 1), 20, false);
            check(out, "logret(1)", i, logret(c, 1), 0);
            check(out, "logret(5)", i, logret(c, 5), 0);
            checkMoments(out, "zscore(20)", i, c, 20, true);
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

    private static double[] logret(double[] c, int n) {
        double[] out = new double[c.length];
        Arrays.fill(out, Double.NaN);
        for (int t = n; t < c.length; t++) {
            out[t] = Math.log(c[t] / c[t - n]);
        }
        return out;
    }

    /**
     * zscore (population sd, of the inputs {@code x} = closes) or volatility (sample sd, of
     * {@code x} = Math.log returns, x[0] NaN) of the window of n inputs ending at each bar, exactly
     * (BigDecimal, 40 digits) and rounded once; 0 for n identical inputs. Tolerance: 5e-12 of the
     * value (the engines' anchored moments re-anchor only when the mean drifts 100 sd from the
     * anchor, so S2 - S1^2 / n may cancel up to 1e4-fold: a few 1e-12 relative), plus 1e-14 of the
     * window's largest |input| for volatility (an ulp of a log return), and for zscore 1e-14 of
     * (largest |close| / sd), the condition number of (close - mean) / sd.
     */
    private static void checkMoments(FeatureTable out, String name, int i, double[] x, int n, boolean zscore) {
        int column = out.features().columnIndex(name);
        int first = zscore ? n - 1 : n;
        BigDecimal count = BigDecimal.valueOf(n);
        for (int t = 0; t < x.length; t++) {
            double a = out.value(column, t, i);
            if (t < first) {
                assertThat(a).as("%s instrument=%d bar=%d", name, i, t).isNaN();
                continue;
            }
            BigDecimal sum = BigDecimal.ZERO;
            double largest = 0;
            boolean flat = true;
            for (int j = t - n + 1; j <= t; j++) {
                sum = sum.add(new BigDecimal(x[j]));
                largest = Math.max(largest, Math.abs(x[j]));
                flat &= x[j] == x[t];
            }
            if (flat) {
                assertThat(a).as("%s instrument=%d bar=%d (flat)", name, i, t).isEqualTo(0.0);
                continue;
            }
            BigDecimal mean = sum.divide(count, EXACT);
            BigDecimal squares = BigDecimal.ZERO;
            for (int j = t - n + 1; j <= t; j++) {
                BigDecimal d = new BigDecimal(x[j]).subtract(mean);
                squares = squares.add(d.multiply(d));
            }
            double expected;
            double tol;
            if (zscore) {
                BigDecimal sd = squares.divide(count, EXACT).sqrt(EXACT);
                expected = new BigDecimal(x[t]).subtract(mean).divide(sd, EXACT).doubleValue();
                tol = 5e-12 * Math.abs(expected) + 1e-14 * largest / sd.doubleValue();
            } else {
                expected = squares.divide(BigDecimal.valueOf(n - 1), EXACT).sqrt(EXACT).doubleValue();
                tol = 5e-12 * expected + 1e-14 * largest;
            }
            assertThat(a).as("%s instrument=%d bar=%d", name, i, t).isCloseTo(expected, Offset.offset(tol));
        }
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
