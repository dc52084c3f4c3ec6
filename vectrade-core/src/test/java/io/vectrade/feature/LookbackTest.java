package io.vectrade.feature;

import io.vectrade.feature.reference.TaLibReference;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FeatureType}'s lookbacks against TA-Lib's own {@code xxxLookback()} functions. */
class LookbackTest {

    @Test
    void taLibFeaturesHaveTaLibsLookbackForManyParameters() {
        SplittableRandom rnd = new SplittableRandom(1);
        int checked = 0;
        for (FeatureType type : FeatureType.values()) {
            if (!TaLibReference.supports(type)) {
                continue;
            }
            for (int k = 0; k < 200; k++) {
                double[] p = type.defaults();
                for (int j = 0; j < p.length; j++) {
                    int min = (int) type.minParam(j);
                    p[j] = type.integerParam(j) ? min + rnd.nextInt(k < 100 ? 5 : 300) : rnd.nextDouble(0, 4);
                }
                if (type == FeatureType.MACD && p[0] >= p[1]) {
                    // fast must be below slow (FeatureSpec refuses the rest)
                    double fast = Math.min(p[0], p[1]);
                    p[1] = Math.max(p[0], p[1]) + (p[0] == p[1] ? 1 : 0);
                    p[0] = fast;
                }
                FeatureSpec spec = new FeatureSpec(type, p);
                assertThat(spec.lookback()).as(spec.toString()).isEqualTo(TaLibReference.lookback(spec));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(13 * 200);
    }

    @Test
    void ownFeaturesHaveTheDocumentedLookback() {
        assertThat(FeatureSpec.parse("volatility(20)").lookback()).isEqualTo(20);
        assertThat(FeatureSpec.parse("logret(5)").lookback()).isEqualTo(5);
        assertThat(FeatureSpec.parse("zscore(20)").lookback()).isEqualTo(19);
        assertThat(FeatureSpec.parse("vwap(9)").lookback()).isEqualTo(8);
    }

    @Test
    void minimumParametersAreTaLibsRanges() {
        // TA-Lib rejects a period of 1 for these; the specs reject it too, so every spec has a reference
        for (String s : new String[] {"rsi(1)", "sma(1)", "ema(1)", "willr(1)", "cci(1)", "adx(1)", "bbands(1)"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FeatureSpec.parse(s))
                    .as(s).hasMessageContaining("must be in [2");
        }
        assertThat(FeatureSpec.parse("stoch(1,1,1)").lookback()).isZero();
        assertThat(FeatureSpec.parse("atr(1)").lookback()).isEqualTo(1);
    }
}
