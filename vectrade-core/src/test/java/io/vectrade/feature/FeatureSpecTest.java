package io.vectrade.feature;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureSpecTest {

    @Test
    void bareNameTakesDefaults() {
        assertThat(FeatureSpec.parse("rsi").canonical()).isEqualTo("rsi(14)");
        assertThat(FeatureSpec.parse("bbands").canonical()).isEqualTo("bbands(20,2)");
        assertThat(FeatureSpec.parse("obv").canonical()).isEqualTo("obv");
        assertThat(FeatureSpec.parse("macd(5)").canonical()).isEqualTo("macd(5,26,9)");
    }

    @Test
    void canonicalFormIsShortest() {
        assertThat(FeatureSpec.parse(" BBANDS( 20.0 , 2.50 ) ").canonical()).isEqualTo("bbands(20,2.5)");
        assertThat(FeatureSpec.parse("macd(12,26,9)").columnNames())
                .containsExactly("macd(12,26,9).line", "macd(12,26,9).signal", "macd(12,26,9).hist");
    }

    @Test
    void lookbacksFollowTaLib() {
        assertThat(FeatureSpec.parse("rsi(14)").lookback()).isEqualTo(14);
        assertThat(FeatureSpec.parse("ema(20)").lookback()).isEqualTo(19);
        assertThat(FeatureSpec.parse("macd").lookback()).isEqualTo(33);
        assertThat(FeatureSpec.parse("stoch").lookback()).isEqualTo(17);
        assertThat(FeatureSpec.parse("adx(14)").lookback()).isEqualTo(27);
        assertThat(FeatureSpec.parse("volatility(20)").lookback()).isEqualTo(20);
    }

    @Test
    void unknownNameListsValidSpecs() {
        assertThatThrownBy(() -> FeatureSpec.parse("rsx(14)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown feature, spec=rsx(14)")
                .hasMessageContaining("rsi(n)")
                .hasMessageContaining("bbands(n,k)");
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> FeatureSpec.parse("rsi(1)")).hasMessageContaining("rsi parameter n must be in [2");
        assertThatThrownBy(() -> FeatureSpec.parse("rsi(2.5)")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> FeatureSpec.parse("rsi(x)")).hasMessageContaining("not a number, value='x'");
        assertThatThrownBy(() -> FeatureSpec.parse("rsi(1,2)")).hasMessageContaining("at most 1 parameters");
    }

    @Test
    void listParsingSplitsOnTopLevelCommasAndDropsDuplicates() {
        FeatureSet set = FeatureSet.parse("rsi(14),bbands(20,2),rsi,momentum");
        assertThat(set.columnNames()).containsExactly("rsi(14)", "bbands(20,2).upper", "bbands(20,2).middle",
                "bbands(20,2).lower", "momentum(10)");
        assertThat(set.firstColumn(2)).isEqualTo(4);
    }
}
