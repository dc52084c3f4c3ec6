package io.vectrade.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StrictExp#inPlace} against {@link StrictMath#exp} (the JDK's fdlibm, the independent
 * reference), raw bits, per kind of input: each of fdlibm's three reductions, their bounds, the rounding
 * of {@code k}, the values the lanes send to the scalar code, and mixtures of them within one vector.
 */
class StrictExpTest {
    private static final int LANES = DoubleVector.SPECIES_PREFERRED.length();
    private static final double LN2 = Math.log(2);

    /** Inputs by the path they take; seeded. */
    static Stream<Arguments> kinds() {
        return Stream.of(
                kind("model scores: N(0, 3)", r -> r.nextGaussian() * 3),
                kind("not reduced: |x| <= ln2 / 2", r -> r.nextDouble(-0.5 * LN2, 0.5 * LN2)),
                kind("one ln2: ln2 / 2 < |x| < 1.5 ln2", r -> (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.5 * LN2, 1.5 * LN2)),
                kind("k from the rounding: U(-708, 708)", r -> r.nextDouble(-708, 708)),
                kind("every range: U(-800, 800)", r -> r.nextDouble(-800, 800)),
                kind("any bits: NaN payloads, infinities, huge, tiny", r -> Double.longBitsToDouble(r.nextLong())),
                kind("x / ln2 next to a half integer: the truncation of k",
                        r -> (r.nextInt(-1021, 1021) + 0.5) * LN2 + r.nextInt(-4, 5) * 0x1p-40),
                kind("next to the bounds 2^-28, ln2 / 2, 1.5 ln2, 708, 709.78, -745.13", r -> {
                    double[] bounds = {0x1p-28, Double.longBitsToDouble(0x3fd6_2e42_0000_0000L),
                        Double.longBitsToDouble(0x3ff0_a2b2_0000_0000L), 708.0, 0x1.62e42fefa39efp9, 0x1.74910d52d3051p9};
                    double b = bounds[r.nextInt(bounds.length)];
                    double x = b + r.nextInt(-6, 7) * Math.ulp(b) + r.nextInt(-2, 3) * 0x1p-20 * b;
                    return r.nextBoolean() ? x : -x;
                }),
                kind("ordinary lanes with a rare one: zero, tiny, huge, infinity, NaN",
                        r -> r.nextInt(10) != 0 ? r.nextGaussian() * 5
                                : new double[] {0.0, -0.0, 1e-300, -1e-10, 710.0, -740.0, -800.0, Double.POSITIVE_INFINITY,
                                    Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0xfff8_0000_dead_beefL)}[r.nextInt(11)]));
    }

    private static Arguments kind(String name, ToDoubleFunction<SplittableRandom> draw) {
        return Arguments.of(name, draw);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theLanesGiveStrictMathsBits(String name, ToDoubleFunction<SplittableRandom> draw) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        double[] xs = new double[200_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = draw.applyAsDouble(random);
        }
        assertSameBits(xs, 0, xs.length);
    }

    @Test
    void everyOffsetAndLengthAroundAVector() {
        SplittableRandom random = new SplittableRandom(13);
        double[] xs = new double[5 * LANES];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = random.nextGaussian() * 4;
        }
        for (int from = 0; from < 2 * LANES; from++) {
            for (int length = 0; from + length <= xs.length; length++) {
                assertSameBits(xs, from, length);
            }
        }
    }

    @Test
    void edgeValues() {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.longBitsToDouble(0x7ff0_0000_0000_0001L), Double.longBitsToDouble(0xfff8_0000_dead_beefL),
            1.0, -1.0, LN2, -LN2, 0.5 * LN2, 1.5 * LN2, 707.99, -707.99, 708.0, -708.0, 709.78, -745.1, -745.2,
            0x1p-28, -0x1p-28, Math.nextDown(0x1p-28)};
        for (double edge : edges) {
            // the edge in each lane of a vector of ordinary values, and alone in the tail
            for (int lane = 0; lane < LANES + 1; lane++) {
                double[] xs = new double[2 * LANES + 1];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = -2.0 + i / 4.0;
                }
                xs[LANES + lane] = edge;
                assertSameBits(xs, 0, xs.length);
            }
        }
    }

    @Test
    void theScalarFormIsStrictMath() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            assertThat(Double.doubleToRawLongBits(StrictExp.exp(x))).isEqualTo(Double.doubleToRawLongBits(StrictMath.exp(x)));
        }
    }

    private static void assertSameBits(double[] xs, int from, int length) {
        double[] a = xs.clone();
        StrictExp.inPlace(a, from, length);
        for (int i = 0; i < xs.length; i++) {
            double want = i >= from && i < from + length ? StrictMath.exp(xs[i]) : xs[i];
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(want)) {
                assertThat(a[i]).as("exp(%s) (bits %x) at %d of [%d, %d)", xs[i], Double.doubleToRawLongBits(xs[i]),
                        i, from, from + length).isEqualTo(want);
                assertThat(Double.doubleToRawLongBits(a[i])).as("raw bits of exp(%s) at %d", xs[i], i)
                        .isEqualTo(Double.doubleToRawLongBits(want));
            }
        }
    }
}
