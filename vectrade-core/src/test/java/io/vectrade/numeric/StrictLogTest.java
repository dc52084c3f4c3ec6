package io.vectrade.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StrictLog#inPlace} against {@link StrictMath#log} (the JDK's fdlibm, the independent
 * reference), raw bits, per kind of input: each of fdlibm's paths, their boundaries, the values the
 * lanes send to the scalar code, and mixtures of them within one vector.
 */
class StrictLogTest {
    private static final int LANES = DoubleVector.SPECIES_PREFERRED.length();

    /** Inputs by the path they take; seeded. */
    static Stream<Arguments> kinds() {
        return Stream.of(
                kind("price ratios: exp(N(0, 0.02)), k = 0 or -1", r -> Math.exp(r.nextGaussian() * 0.02)),
                kind("any positive double", r -> Double.longBitsToDouble(r.nextLong() >>> 1)),
                kind("any bits: negatives, NaN payloads, infinities", r -> Double.longBitsToDouble(r.nextLong())),
                kind("every exponent: exp(U(-745, 709))", r -> Math.exp(r.nextDouble(-745, 709))),
                kind("within 2^-20 of 1: fdlibm's short path, k = 0", r -> 1.0 + r.nextDouble(-0x1p-20, 0x1p-20)),
                kind("a few ulps from 1", r -> 1.0 + r.nextInt(-40, 41) * Math.ulp(1.0) / 2),
                kind("exactly 1 (equal prices)", r -> 1.0),
                kind("within 2^-20 of a power of two: the short path with k != 0",
                        r -> Math.scalb(1.0 + r.nextDouble(-0x1p-20, 0x1p-20), r.nextInt(-1000, 1000))),
                kind("mantissa next to the normalisation bound 0x95f64 (near sqrt 2)",
                        r -> mantissa(r, 0x1_0000_0000_0000L - 0x9_5f64_0000_0000L)),
                kind("mantissa next to the form bound 0x6147a", r -> mantissa(r, 0x6_147a_0000_0000L)),
                kind("mantissa next to the form bound 0x6b851", r -> mantissa(r, 0x6_b851_0000_0000L)),
                kind("subnormals", r -> Double.longBitsToDouble(r.nextLong(1L, 1L << 52))),
                kind("ordinary lanes with a rare one: zero, subnormal, negative, infinity, NaN",
                        r -> r.nextInt(12) != 0 ? Math.exp(r.nextGaussian())
                                : new double[] {0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, -2.5,
                                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                                    Double.longBitsToDouble(0xfff8_0000_dead_beefL), Double.MAX_VALUE}[r.nextInt(10)]),
                kind("ordinary lanes with a short-path one", r -> r.nextInt(6) != 0 ? Math.exp(r.nextGaussian()) : 1.0));
    }

    private static Arguments kind(String name, java.util.function.ToDoubleFunction<SplittableRandom> draw) {
        return Arguments.of(name, draw);
    }

    /** A double in [1, 2) or [0.5, 1) whose high mantissa bits are within a few units of {@code bound} (in the top 20). */
    private static double mantissa(SplittableRandom r, long bound) {
        long m = (bound + r.nextLong(-3L << 32, 3L << 32)) & 0x000f_ffff_ffff_ffffL;
        long exponent = r.nextBoolean() ? 0x3ff0_0000_0000_0000L : 0x3fe0_0000_0000_0000L;
        return Double.longBitsToDouble(exponent | m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theLanesGiveStrictMathsBits(String name, java.util.function.ToDoubleFunction<SplittableRandom> draw) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        double[] xs = new double[200_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = draw.applyAsDouble(random);
        }
        assertSameBits(xs, 0, xs.length);
    }

    @Test
    void everyOffsetAndLengthAroundAVector() {
        SplittableRandom random = new SplittableRandom(11);
        double[] xs = new double[5 * LANES];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Math.exp(random.nextGaussian());
        }
        for (int from = 0; from < 2 * LANES; from++) {
            for (int length = 0; from + length <= xs.length; length++) {
                assertSameBits(xs, from, length);
            }
        }
    }

    @Test
    void edgeValues() {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.longBitsToDouble(0x7ff0_0000_0000_0001L), Double.longBitsToDouble(0xfff8_0000_dead_beefL),
            1.0, Math.nextUp(1.0), Math.nextDown(1.0), 2.0, 0.5, Math.E, Math.sqrt(2), Math.nextUp(Math.sqrt(2)),
            Math.nextDown(Math.sqrt(2)), 0x1p-1022, 0x1p1023, 1e-300, 1e300};
        for (double edge : edges) {
            // the edge in each lane of a vector of ordinary values, and alone in the tail
            for (int lane = 0; lane < LANES + 1; lane++) {
                double[] xs = new double[2 * LANES + 1];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = 1.0 + i / 16.0;
                }
                xs[LANES + lane] = edge;
                assertSameBits(xs, 0, xs.length);
            }
        }
    }

    @Test
    void theScalarFormIsStrictMath() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            assertThat(Double.doubleToRawLongBits(StrictLog.log(x))).isEqualTo(Double.doubleToRawLongBits(StrictMath.log(x)));
        }
    }

    private static void assertSameBits(double[] xs, int from, int length) {
        double[] a = xs.clone();
        StrictLog.inPlace(a, from, length);
        for (int i = 0; i < xs.length; i++) {
            double want = i >= from && i < from + length ? StrictMath.log(xs[i]) : xs[i];
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(want)) {
                assertThat(a[i]).as("ln(%s) (bits %x) at %d of [%d, %d)", xs[i], Double.doubleToRawLongBits(xs[i]),
                        i, from, from + length).isEqualTo(want);
                assertThat(Double.doubleToRawLongBits(a[i])).as("raw bits of ln(%s) at %d", xs[i], i)
                        .isEqualTo(Double.doubleToRawLongBits(want));
            }
        }
    }
}
