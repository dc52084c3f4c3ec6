package io.vectrade.signal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The fused, candidate-ranking chain against the reference {@link SignalChain}, raw bits of every cell. */
class BarwiseChainTest {

    /**
     * Scores that drift slowly from bar to bar (so thresholds carry over, as model scores do), with NaN,
     * infinities, -0.0 and +0.0, runs of exactly equal scores and scores one ulp apart; volatility with NaN,
     * 0, negative and infinite cells.
     */
    static double[][] inputs(long seed, int bars, int n, double tieRate) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] scores = new double[bars * n];
        double[] vol = new double[bars * n];
        double[] base = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = rnd.nextGaussian();
        }
        for (int t = 0; t < bars; t++) {
            double shift = 0.3 * Math.sin(t / 7.0);
            for (int i = 0; i < n; i++) {
                base[i] += 0.2 * rnd.nextGaussian();
                int k = t * n + i;
                double u = rnd.nextDouble();
                scores[k] = u < 0.03 ? Double.NaN
                        : u < 0.035 ? (rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
                        : u < 0.045 ? (rnd.nextBoolean() ? -0.0 : 0.0)
                        : u < 0.045 + tieRate ? Math.round(base[i] * 2) / 2.0
                        : u < 0.05 + tieRate ? Math.nextUp(Math.round(base[i] * 2) / 2.0)
                        : base[i] + shift;
                double v = rnd.nextDouble();
                vol[k] = v < 0.02 ? Double.NaN : v < 0.03 ? 0.0 : v < 0.035 ? -0.01
                        : v < 0.04 ? Double.POSITIVE_INFINITY : 0.005 + 0.03 * rnd.nextDouble();
            }
        }
        return new double[][] {scores, vol};
    }

    static void assertSameBits(SignalFrame got, SignalFrame want) {
        assertThat(got.side()).isEqualTo(want.side());
        for (int k = 0; k < want.weight().length; k++) {
            assertThat(Double.doubleToRawLongBits(got.weight()[k])).as("weight of cell %d", k)
                    .isEqualTo(Double.doubleToRawLongBits(want.weight()[k]));
            assertThat(Double.doubleToRawLongBits(got.strength()[k])).as("strength of cell %d", k)
                    .isEqualTo(Double.doubleToRawLongBits(want.strength()[k]));
        }
    }

    @ParameterizedTest(name = "{0} bars={1} n={2} ties={3}")
    @CsvSource(delimiter = ';', value = {
            "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1); 300; 1000; 0.01",
            "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1); 120; 333; 0.3",
            "rank(quantile=0.5) | caps(gross=1,net=0.05); 100; 101; 0.05",
            "rank(top=10,bottom=10) | voltarget(target=0.1) | caps(max=0.05,gross=1,net=0.2); 200; 250; 0.02",
            "rank(top=3) | voltarget(target=0.15,periods=1); 50; 7; 0.0",
            "rank(bottom=40); 80; 64; 0.5",
            "rank(top=30,bottom=30); 60; 40; 0.1",
            "rank(quantile=0.2) | caps(max=0.01,net=0); 90; 1; 0.0",
            "rank(quantile=0.25) | caps(gross=0.5) | voltarget(target=0.2); 150; 517; 0.9",
    })
    void framesEqualTheReferenceChainBitForBit(String policy, int bars, int n, double ties) {
        double[][] in = inputs(policy.hashCode() + n, bars, n, ties);
        SignalFrame want = SignalFrame.allocate(bars, n);
        SignalChain.parse(policy).apply(in[0], in[1], want);
        BarwiseChain fused = BarwiseChain.of(SignalChain.parse(policy));
        SignalFrame got = SignalFrame.allocate(bars, n);
        java.util.Arrays.fill(got.side(), SignalFrame.LONG);   // stale content is overwritten
        java.util.Arrays.fill(got.weight(), 3.0);
        fused.apply(in[0], in[1], 0, bars, got);
        assertSameBits(got, want);
        // again, now starting from the thresholds the first run left, and over a sub-range
        fused.apply(in[0], in[1], bars / 3, bars, got);
        assertSameBits(got, want);
    }

    /** On drifting scores most bars take the candidate path (the threshold carries over), not the full pass. */
    @Test
    void theThresholdPathIsTheCommonOne() {
        int bars = 400;
        int n = 1000;
        double[][] in = inputs(11, bars, n, 0.0);
        BarwiseChain fused = BarwiseChain.of(SignalChain.parse("rank(quantile=0.1) | caps(max=0.05,gross=1)"));
        SignalFrame got = SignalFrame.allocate(bars, n);
        fused.apply(in[0], in[1], 0, bars, got);
        assertThat(fused.fullPasses()).as("bars ranked from all scores").isLessThan(bars / 4);
        SignalFrame want = SignalFrame.allocate(bars, n);
        SignalChain.parse("rank(quantile=0.1) | caps(max=0.05,gross=1)").apply(in[0], in[1], want);
        assertSameBits(got, want);
    }

    /**
     * Every other bar has one huge outlier, which inflates that bar's standard deviation: a threshold carried in
     * standard deviations from the mean would let only the outlier through and fall back to all scores. The
     * first pass over a bar uses the carried threshold as an absolute score, which the outlier does not move, so
     * no bar but the first takes every score (nor needs a retry); the frame is still the reference's.
     */
    @Test
    void jumpingScoresFallBackAndStayExact() {
        int bars = 60;
        int n = 300;
        double[][] in = inputs(5, bars, n, 0.02);
        for (int t = 1; t < bars; t += 2) {
            in[0][t * n + 7] = 1e6;
        }
        String policy = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";
        SignalFrame want = SignalFrame.allocate(bars, n);
        SignalChain.parse(policy).apply(in[0], in[1], want);
        BarwiseChain fused = BarwiseChain.of(SignalChain.parse(policy));
        SignalFrame got = SignalFrame.allocate(bars, n);
        fused.apply(in[0], in[1], 0, bars, got);
        assertThat(fused.fullPasses()).isEqualTo(1);
        assertThat(fused.relativePasses()).isZero();
        assertSameBits(got, want);
    }

    /**
     * Scores whose spread jumps 1000-fold from bar to bar (and whose level shifts): the absolute threshold of the
     * first pass then lets too few through on every rescaled-down bar, and the threshold carried in standard
     * deviations from the mean, tried next, follows; only the first bar (no threshold yet) takes every score.
     * The frame is the reference's.
     */
    @Test
    void rescaledScoresKeepTheirThreshold() {
        int bars = 60;
        int n = 300;
        double[][] in = inputs(5, bars, n, 0.02);
        for (int t = 1; t < bars; t += 2) {
            for (int i = 0; i < n; i++) {
                in[0][t * n + i] = in[0][t * n + i] * 1000 + 50;
            }
        }
        String policy = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";
        SignalFrame want = SignalFrame.allocate(bars, n);
        SignalChain.parse(policy).apply(in[0], in[1], want);
        BarwiseChain fused = BarwiseChain.of(SignalChain.parse(policy));
        SignalFrame got = SignalFrame.allocate(bars, n);
        fused.apply(in[0], in[1], 0, bars, got);
        assertThat(fused.fullPasses()).isEqualTo(1);
        assertThat(fused.relativePasses()).as("bars retried with the relative threshold").isGreaterThanOrEqualTo(bars / 4);
        assertSameBits(got, want);
    }

    /**
     * Every other bar has both tails squashed to within 1 % of their edge (beyond the 15th and 85th
     * percentiles), so the threshold carried from the bar before lets too few through: the relative threshold
     * and then, where that too lets too few through, one half a standard deviation looser are tried before all
     * scores, and they suffice, so no bar but the first takes every score. The frame is the reference's.
     */
    @Test
    void squashedTailsRetryWithALooserThreshold() {
        int bars = 40;
        int n = 1000;
        double[][] in = inputs(9, bars, n, 0.0);
        SplittableRandom rnd = new SplittableRandom(4);
        for (int t = 0; t < bars; t++) {
            for (int i = 0; i < n; i++) {
                double z = rnd.nextGaussian();
                in[0][t * n + i] = t % 2 == 0 ? z : z > 1.04 ? 1.04 + 0.01 * (z - 1.04) : z < -1.04 ? -1.04 + 0.01 * (z + 1.04) : z;
            }
        }
        String policy = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";
        SignalFrame want = SignalFrame.allocate(bars, n);
        SignalChain.parse(policy).apply(in[0], in[1], want);
        BarwiseChain fused = BarwiseChain.of(SignalChain.parse(policy));
        SignalFrame got = SignalFrame.allocate(bars, n);
        fused.apply(in[0], in[1], 0, bars, got);
        assertThat(fused.relativePasses()).as("bars that retried").isGreaterThanOrEqualTo(bars / 4);
        assertThat(fused.looserPasses()).as("bars that retried with a looser threshold").isPositive();
        assertThat(fused.fullPasses()).as("bars ranked from all scores").isEqualTo(1);
        assertSameBits(got, want);
    }

    @Test
    void aChainWithStateIsRefusedAndShapesAreChecked() {
        assertThatIllegalArgumentException().isThrownBy(() -> BarwiseChain.of(SignalChain.parse("threshold")))
                .withMessageContaining("state across bars");
        BarwiseChain c = BarwiseChain.of(SignalChain.parse("rank(top=1) | voltarget(target=0.1)"));
        assertThatIllegalArgumentException().isThrownBy(() -> c.apply(new double[4], null, 0, 2, SignalFrame.allocate(2, 2)))
                .withMessageContaining("volatility");
    }

    static Stream<Arguments> liveTicks() {
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

    /**
     * The live engine's use: one bar per call on the same 1 × B frame, the thresholds carried from call to
     * call, against the reference {@link SignalChain#apply} (a fresh frame each tick), raw bits of side,
     * strength and weight, over seeded sequences of ticks: scores that drift smoothly (the carried
     * thresholds hold), jump or rescale as a whole (they fail and are found again), have NaN, infinite and
     * tied scores, {@code -0.0} and {@code +0.0}, neighbouring doubles, and volatility that is NaN, zero,
     * negative, infinite or tiny enough to overflow a weight.
     */
    @ParameterizedTest(name = "{0}, {1} instruments")
    @MethodSource("liveTicks")
    void oneBarPerCallEqualsTheReferenceChainBitForBit(String policy, int n) {
        SignalChain reference = SignalChain.parse(policy);
        BarwiseChain chain = BarwiseChain.of(SignalChain.parse(policy));
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
            chain.apply(scores, vol, 0, 1, got);
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

    /**
     * Bars whose candidates stress the sort (radix on a bucket index, then insertion on the exact score):
     * every score equal; only +0.0 and -0.0; scores a few ulps apart (all in one bucket); a range so wide that
     * {@code hi - lo} overflows (±{@link Double#MAX_VALUE}, subnormals beside them); three or fewer finite
     * scores; many exact ties spread over a normal range. Each kind for 12 bars in a row (the thresholds
     * carry from bar to bar), then the next kind; against the reference, raw bits of every cell.
     */
    @ParameterizedTest(name = "{0}, {1} instruments")
    @CsvSource(delimiter = ';', value = {
            "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1); 1000",
            "rank(top=30,bottom=30) | caps(gross=1,net=0.1); 257",
            "rank(quantile=0.5); 64",
            "rank(top=3,bottom=2); 9",
    })
    void sortEdgeCasesEqualTheReferenceBitForBit(String policy, int n) {
        int kinds = 6;
        int perKind = 12;
        int bars = kinds * perKind * 2;
        SplittableRandom r = new SplittableRandom(n * 7919L + policy.length());
        double[] scores = new double[bars * n];
        double[] vol = new double[bars * n];
        for (int t = 0; t < bars; t++) {
            int kind = (t / perKind) % kinds;
            for (int i = 0; i < n; i++) {
                int k = t * n + i;
                vol[k] = 0.005 + 0.03 * r.nextDouble();
                scores[k] = switch (kind) {
                    case 0 -> 1.5;
                    case 1 -> r.nextBoolean() ? 0.0 : -0.0;
                    case 2 -> {
                        double x = 1.0;
                        for (int u = r.nextInt(6); u > 0; u--) {
                            x = Math.nextUp(x);
                        }
                        yield r.nextBoolean() ? x : -x;
                    }
                    case 3 -> switch (r.nextInt(6)) {
                        case 0 -> Double.MAX_VALUE;
                        case 1 -> -Double.MAX_VALUE;
                        case 2 -> Double.MIN_VALUE;
                        case 3 -> -Double.MIN_VALUE;
                        default -> r.nextGaussian();
                    };
                    case 4 -> i < 3 && i <= t % 4 ? r.nextGaussian() : Double.NaN;
                    default -> Math.round(r.nextGaussian() * 3) / 3.0;
                };
            }
        }
        SignalFrame want = SignalFrame.allocate(bars, n);
        SignalChain.parse(policy).apply(scores, vol, want);
        BarwiseChain fused = BarwiseChain.of(SignalChain.parse(policy));
        SignalFrame got = SignalFrame.allocate(bars, n);
        fused.apply(scores, vol, 0, bars, got);
        assertSameBits(got, want);
        // and one bar per call, as the live engine calls it
        BarwiseChain live = BarwiseChain.of(SignalChain.parse(policy));
        SignalFrame gotLive = SignalFrame.allocate(bars, n);
        for (int t = 0; t < bars; t++) {
            live.apply(scores, vol, t, t + 1, gotLive);
        }
        assertSameBits(gotLive, want);
    }
}
