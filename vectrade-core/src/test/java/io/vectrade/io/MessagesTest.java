package io.vectrade.io;

import io.vectrade.feature.FeatureSpec;
import io.vectrade.signal.SignalChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesTest {

    @Test
    void cutsAfterMaxSayingHowMuch() {
        assertThat(Messages.cut("abc", 3)).isEqualTo("abc");
        assertThat(Messages.cut("abcdef", 3)).isEqualTo("abc... (3 more chars)");
        assertThat(Messages.cut(null, 3)).isNull();
    }

    /** Found by FeatureSpecFuzzTest: a 1,128-character message quoting the bad value and the whole list. */
    @ParameterizedTest
    @ValueSource(strings = {"rsi(%s)", "sma(5),%s", "rsi(14) %s", "rsi(n=%s)"})
    void featureSpecErrorsStayShort(String shape) {
        String input = shape.formatted("x".repeat(2000));
        assertThatThrownBy(() -> FeatureSpec.parseList(input)).isInstanceOf(IllegalArgumentException.class)
                .message().contains("more chars").hasSizeLessThan(1_500);
    }

    /** The policy parser quoted stages and values whole too. */
    @ParameterizedTest
    @ValueSource(strings = {"rank(quantile=%s)", "%s", "rank(%s=1)", "rank(quantile=0.1) | caps(%s)", "rank(quantile=0.1)%s"})
    void policyErrorsStayShort(String shape) {
        String input = shape.formatted("y".repeat(2000));
        assertThatThrownBy(() -> SignalChain.parse(input)).isInstanceOf(IllegalArgumentException.class)
                .message().contains("more chars").hasSizeLessThan(1_500);
    }
}
