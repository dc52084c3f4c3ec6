package io.vectrade.pipeline;

import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ParallelSignalsTest {

    private static double[][] inputs(long seed, int bars, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] scores = new double[bars * n];
        double[] vol = new double[bars * n];
        for (int k = 0; k < scores.length; k++) {
            double u = rnd.nextDouble();
            scores[k] = u < 0.05 ? Double.NaN : u < 0.25 ? Math.round(rnd.nextDouble() * 4) / 8.0 : rnd.nextGaussian();
            vol[k] = rnd.nextDouble() < 0.05 ? Double.NaN : 0.005 + 0.03 * rnd.nextDouble();
        }
        return new double[][] {scores, vol};
    }

    /** Split over any number of parts, the frame is the single chain's, bit for bit. */
    @ParameterizedTest(name = "{0} parts={1} bars={2} n={3}")
    @CsvSource(delimiter = ';', value = {
            "rank(top=5,bottom=5); 2; 300; 50",
            "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1); 3; 257; 120",
            "rank(quantile=0.2) | caps(gross=1,net=0.05); 7; 100; 70",
            "rank(top=3) | voltarget(target=0.15,periods=1); 16; 5; 40",
            "rank(bottom=2); 1; 40; 9",
    })
    void splitFramesEqualTheSingleChainsBitForBit(String policy, int parts, int bars, int n) {
        double[][] in = inputs(policy.hashCode(), bars, n);
        SignalFrame expected = SignalFrame.allocate(bars, n);
        SignalChain.parse(policy).apply(in[0], in[1], expected);
        SignalFrame got = SignalFrame.allocate(bars, n);
        try (ParallelSignals p = new ParallelSignals(SignalChain.parse(policy), parts)) {
            for (int run = 0; run < 2; run++) {   // the second run reuses every buffer
                p.apply(in[0], in[1], got);
                assertThat(got.side()).isEqualTo(expected.side());
                for (int k = 0; k < bars * n; k++) {
                    assertThat(Double.doubleToRawLongBits(got.weight()[k])).as("weight of cell %d", k)
                            .isEqualTo(Double.doubleToRawLongBits(expected.weight()[k]));
                    assertThat(Double.doubleToRawLongBits(got.strength()[k])).as("strength of cell %d", k)
                            .isEqualTo(Double.doubleToRawLongBits(expected.strength()[k]));
                }
            }
        }
    }

    @Test
    void aChainWithStateAcrossBarsIsRefused() {
        assertThat(SignalChain.parse("threshold | caps(max=0.1)").perBar()).isFalse();
        assertThat(SignalChain.parse("rank(top=1) | voltarget(target=0.1) | caps(max=0.1)").perBar()).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> new ParallelSignals(SignalChain.parse("threshold"), 2))
                .withMessageContaining("state across bars");
    }
}
