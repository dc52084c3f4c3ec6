package io.vectrade.pipeline;

import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OneBarChain} against the reference {@link SignalChain#apply} (a fresh frame each tick), raw bits of
 * side, strength and weight, over seeded sequences of ticks: scores that drift smoothly (the carried
 * thresholds hold), jump or rescale as a whole (they fail and are found again), have NaN, infinite and
 * tied scores, {@code -0.0} and {@code +0.0}, neighbouring doubles (the keys' low bits), and volatility
 * that is NaN, zero, negative, infinite or tiny enough to overflow a weight.
 */
class OneBarChainTest {

    static Stream<Arguments> cases() {
        String[] policies = {
                "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)",
                "rank(top=10,bottom=10)",
                "rank(top=5)",
                "rank(bottom=3) | caps(max=0.2,net=0.1)",
                "rank(quantile=0.5) | caps(gross=0.7,net=0)",
                "rank(top=40,bottom=25) | caps(max=0.01) | voltarget(target=0.2,periods=1) | caps(gross=0.5,net=0.05)",
        };
        int[] sizes = {1, 2, 7, 33, 100, 1024};
        return Stream.of(policies).flatMap(p -> Arrays.stream(sizes).mapToObj(n -> Arguments.of(p, n)));
    }

    @ParameterizedTest(name = "{0}, {1} instruments")
    @MethodSource("cases")
    void equalsTheReferenceChainBitForBit(String policy, int n) {
        SignalChain reference = SignalChain.parse(policy);
        OneBarChain chain = OneBarChain.of(SignalChain.parse(policy), n);
        assertThat(chain).isNotNull();
        SplittableRandom r = new SplittableRandom(policy.hashCode() * 31L + n);
        double[] base = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = r.nextGaussian();
        }
        double[] scores = new double[n];
        double[] vol = new double[n];
        SignalFrame got = SignalFrame.allocate(1, n);
        long nonFlat = 0;
        for (int t = 0; t < 600; t++) {
            int regime = (t / 50) % 6;
            for (int i = 0; i < n; i++) {
                base[i] += 0.05 * r.nextGaussian(); // a smooth drift: the carried thresholds mostly hold
            }
            double shift = regime == 2 ? 50 * Math.sin(t) : 0;       // the whole cross-section jumps
            double scale = regime == 3 ? Math.exp(3 * Math.sin(t)) : 1; // or is rescaled
            for (int i = 0; i < n; i++) {
                scores[i] = shift + scale * base[i];
                vol[i] = 0.01 + 0.02 * r.nextDouble();
            }
            if (regime == 4) {
                // ties, signed zeros, neighbouring doubles
                for (int i = 0; i < n; i++) {
                    double s = switch (r.nextInt(6)) {
                        case 0 -> 0.0;
                        case 1 -> -0.0;
                        case 2 -> 0.25;
                        case 3 -> Math.nextUp(0.25);
                        case 4 -> Math.nextDown(0.25);
                        default -> Math.round(scores[i] * 4) / 4.0;
                    };
                    scores[i] = s;
                }
            }
            if (regime == 5 || t % 7 == 0) {
                for (int i = 0; i < n; i++) {
                    int k = r.nextInt(40);
                    if (k == 0) {
                        scores[i] = Double.NaN;
                    } else if (k == 1) {
                        scores[i] = Double.POSITIVE_INFINITY;
                    } else if (k == 2) {
                        scores[i] = Double.NEGATIVE_INFINITY;
                    }
                    int v = r.nextInt(30);
                    vol[i] = switch (v) {
                        case 0 -> Double.NaN;
                        case 1 -> 0.0;
                        case 2 -> -0.01;
                        case 3 -> Double.POSITIVE_INFINITY;
                        case 4 -> 1e-320;
                        default -> vol[i];
                    };
                }
            }
            if (t % 97 == 0) {
                Arrays.fill(scores, Double.NaN); // a bar with no score at all
            }
            SignalFrame expected = SignalFrame.allocate(1, n);
            reference.apply(scores, vol, 0, 1, expected);
            chain.apply(scores, vol, got);
            for (int i = 0; i < n; i++) {
                if (got.side(0, i) != expected.side(0, i)
                        || Double.doubleToRawLongBits(got.strength(0, i)) != Double.doubleToRawLongBits(expected.strength(0, i))
                        || Double.doubleToRawLongBits(got.weight(0, i)) != Double.doubleToRawLongBits(expected.weight(0, i))) {
                    throw new AssertionError(policy + " n=" + n + " t=" + t + " i=" + i + " score=" + scores[i]
                            + " vol=" + vol[i] + ": side/strength/weight " + got.side(0, i) + " " + got.strength(0, i)
                            + " " + got.weight(0, i) + ", reference " + expected.side(0, i) + " "
                            + expected.strength(0, i) + " " + expected.weight(0, i));
                }
                if (expected.side(0, i) != SignalFrame.FLAT) {
                    nonFlat++;
                }
            }
        }
        if (n >= 10) {
            assertThat(nonFlat).as("cells with a position").isGreaterThan(600);
        }
    }

    @Test
    void carriedThresholdsSkipTheSelectOnSmoothTicks() {
        int n = 1024;
        String policy = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";
        OneBarChain chain = OneBarChain.of(SignalChain.parse(policy), n);
        SplittableRandom r = new SplittableRandom(5);
        double[] scores = new double[n];
        double[] vol = new double[n];
        Arrays.fill(vol, 0.02);
        for (int i = 0; i < n; i++) {
            scores[i] = r.nextGaussian();
        }
        SignalFrame frame = SignalFrame.allocate(1, n);
        for (int t = 0; t < 1000; t++) {
            for (int i = 0; i < n; i++) {
                scores[i] += 0.3 * r.nextGaussian();
            }
            chain.apply(scores, vol, frame);
        }
        // the first tick selects both sides; after that a fallback needs a tick whose k-th score moved past
        // the (k + k/4 + 16)-th of the tick before
        assertThat(chain.fallbacks()).isLessThan(50);
    }

    @Test
    void thresholdAndChainsNotStartingWithRankHaveNoOneBarForm() {
        assertThat(OneBarChain.of(SignalChain.parse("threshold | caps(max=0.1)"), 10)).isNull();
    }

    @Test
    void radixSortsKeysAscending() {
        OneBarChain chain = OneBarChain.of(SignalChain.parse("rank(top=1)"), 1000);
        SplittableRandom r = new SplittableRandom(4);
        for (int shape = 0; shape < 6; shape++) {
            for (int len : new int[] {0, 1, 2, 3, 50, 141, 1000}) {
                long[] a = new long[len];
                long base = r.nextLong();
                for (int k = 0; k < len; k++) {
                    a[k] = switch (shape) {
                        case 0 -> r.nextLong();                          // anything, both signs
                        case 1 -> base + r.nextInt(1 << 20);             // a narrow band: the radix bytes decide
                        case 2 -> base + ((long) r.nextInt(4) << 40) + r.nextInt(1 << 10); // differ far below the bytes
                        case 3 -> 42;                                    // all equal
                        case 4 -> base + len - k;                         // descending
                        default -> (r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) - r.nextInt(3);
                    };
                }
                long[] expected = a.clone();
                Arrays.sort(expected);
                chain.sortKeys(a, len);
                assertThat(a).as("shape %d, %d keys", shape, len).isEqualTo(expected);
            }
        }
    }

    @Test
    void sortsKeysAscending() {
        SplittableRandom r = new SplittableRandom(3);
        for (int len : new int[] {0, 1, 2, 23, 24, 25, 100, 1000}) {
            long[] a = new long[len];
            for (int k = 0; k < len; k++) {
                a[k] = r.nextInt(4) == 0 ? 7 : r.nextLong();
            }
            long[] expected = a.clone();
            Arrays.sort(expected);
            OneBarChain.sort(a, 0, len);
            assertThat(a).isEqualTo(expected);
        }
    }
}
