package io.vectrade.signal;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PoliciesTest {

    @Test
    void builtChainsEqualTheirTextForm() {
        assertThat(Policies.rank().quantile(0.1).then(Policies.volTarget(0.1)).then(Policies.caps().max(0.05).gross(1))
                .build().spec()).isEqualTo("rank(quantile=0.1) | voltarget(target=0.1,periods=252) | caps(max=0.05,gross=1)");
        assertThat(Policies.rank().top(10).bottom(5).build().spec()).isEqualTo("rank(top=10,bottom=5)");
        assertThat(Policies.threshold().longAbove(0.6).shortBelow(0.4).build().spec())
                .isEqualTo(SignalChain.parse("threshold(long=0.6,short=0.4)").spec());
        assertThat(Policies.threshold().noShorts().build().spec()).isEqualTo(SignalChain.parse("threshold(short=none)").spec());
    }

    @Test
    void builtAndParsedChainsGiveTheSameFrame() {
        int bars = 40;
        int n = 25;
        SplittableRandom r = new SplittableRandom(7);
        double[] scores = new double[bars * n];
        double[] vol = new double[bars * n];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = r.nextDouble();
            vol[k] = 0.005 + 0.02 * r.nextDouble();
        }
        SignalChain built = Policies.rank().top(3).bottom(4).then(Policies.volTarget(0.15).periods(252))
                .then(Policies.caps().max(0.1).gross(0.8).net(0.2)).build();
        SignalChain parsed = SignalChain.parse("rank(top=3,bottom=4) | voltarget(target=0.15) | caps(max=0.1,gross=0.8,net=0.2)");
        SignalFrame a = SignalFrame.allocate(bars, n);
        SignalFrame b = SignalFrame.allocate(bars, n);
        built.apply(scores, vol, a);
        parsed.apply(scores, vol, b);
        assertThat(a.side()).isEqualTo(b.side());
        for (int k = 0; k < scores.length; k++) {
            assertThat(Double.doubleToRawLongBits(a.weight()[k])).isEqualTo(Double.doubleToRawLongBits(b.weight()[k]));
            assertThat(Double.doubleToRawLongBits(a.strength()[k])).isEqualTo(Double.doubleToRawLongBits(b.strength()[k]));
        }
    }

    @Test
    void badParametersAreRefusedWhenBuilt() {
        assertThatIllegalArgumentException().isThrownBy(() -> Policies.rank().quantile(0.7).build())
                .withMessageContaining("quantile");
        assertThatIllegalArgumentException().isThrownBy(() -> Policies.threshold().longAbove(0.3).build())
                .withMessageContaining("threshold");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Policies.rank().then(Policies.caps().max(-1)).build()).withMessageContaining("caps");
    }
}
