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
                .hasMessageContaining("unknown feature 'rsx' at position 1")
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
    void macdFastMustBeBelowSlow() {
        // TA-Lib swaps fast and slow: macd(26,12,9) would compute macd(12,26,9) under another name
        assertThatThrownBy(() -> FeatureSpec.parse("macd(26,12,9)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("macd(26,12,9): parameter fast must be less than slow, fast=26 slow=12");
        assertThatThrownBy(() -> FeatureSpec.parse("macd(12,12,9)")).hasMessageContaining("fast must be less than slow");
        assertThatThrownBy(() -> FeatureSpec.parse("macd(slow=5)")).hasMessageContaining("fast=12 slow=5");
        assertThatThrownBy(() -> new FeatureSpec(FeatureType.MACD, new double[] {26, 12, 9}))
                .hasMessageContaining("fast must be less than slow");
        assertThat(FeatureSpec.parse("macd(11,12,9)").canonical()).isEqualTo("macd(11,12,9)");
    }

    @Test
    void listParsingSplitsOnTopLevelCommasAndDropsDuplicates() {
        FeatureSet set = FeatureSet.parse("rsi(14),bbands(20,2),rsi,momentum");
        assertThat(set.columnNames()).containsExactly("rsi(14)", "bbands(20,2).upper", "bbands(20,2).middle",
                "bbands(20,2).lower", "momentum(10)");
        assertThat(set.firstColumn(2)).isEqualTo(4);
    }

    @Test
    void namedParametersAreAcceptedWherePositionalOnesAre() {
        assertThat(FeatureSpec.parse("rsi(length=14)")).isEqualTo(FeatureSpec.parse("rsi(14)"));
        assertThat(FeatureSpec.parse("rsi(n=7)").canonical()).isEqualTo("rsi(7)");
        assertThat(FeatureSpec.parse("macd(slow=30)").canonical()).isEqualTo("macd(12,30,9)");
        assertThat(FeatureSpec.parse("bbands(10, k=1.5)").canonical()).isEqualTo("bbands(10,1.5)");
        assertThatThrownBy(() -> FeatureSpec.parse("rsi(size=14)"))
                .hasMessageContaining("rsi has no parameter 'size'; its parameters: n").hasMessageContaining("position 5");
        assertThatThrownBy(() -> FeatureSpec.parse("bbands(k=2, 10)")).hasMessageContaining("positional parameter after a named one");
        assertThatThrownBy(() -> FeatureSpec.parse("rsi(14, n=3)")).hasMessageContaining("given twice");
    }

    @Test
    void nothingIsDroppedUnbalancedOrTrailingTextIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> FeatureSet.parse("rsi(14),sma(5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unclosed '(' of sma at position 12");
        assertThatThrownBy(() -> FeatureSet.parse("rsi(14)),sma(5)")).hasMessageContaining("expected ',' between features, found ')' at position 8");
        assertThatThrownBy(() -> FeatureSet.parse("rsi(14) sma(5)")).hasMessageContaining("expected ',' between features, found 's' at position 9");
        assertThatThrownBy(() -> FeatureSet.parse("rsi(14),,sma")).hasMessageContaining("expected a feature name, found ',' at position 9");
        assertThatThrownBy(() -> FeatureSet.parse("rsi(14),")).hasMessageContaining("expected a feature name, found the end");
        assertThatThrownBy(() -> FeatureSpec.parse("rsi(14)x")).hasMessageContaining("unexpected text 'x' after the feature spec at position 8");
        assertThatThrownBy(() -> FeatureSpec.parse("rsi(14")).hasMessageContaining("unclosed '(' of rsi at position 4");
        assertThatThrownBy(() -> FeatureSpec.parse("rsi(14 15)")).hasMessageContaining("expected ',' or ')' in rsi, found '1' at position 8");
        assertThat(FeatureSet.parse(" rsi ( 14 ) , sma ").columnNames()).containsExactly("rsi(14)", "sma(20)");
    }

    /** Found by FeatureSpecFuzzTest: -0 and 0 print alike, so they parse to one spec. */
    @Test
    void minusZeroIsZero() {
        FeatureSpec a = FeatureSpec.parse("bbands(20,-0)");
        assertThat(a.canonical()).isEqualTo("bbands(20,0)");
        assertThat(a).isEqualTo(FeatureSpec.parse(a.canonical()));
        assertThat(Double.doubleToRawLongBits(a.param(1))).isZero();
    }
}
