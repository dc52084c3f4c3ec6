package io.vectrade.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StrictMathLanes} against {@link StrictMath} (the JDK's fdlibm, the independent reference), raw
 * bits, per kind of input: each of fdlibm's paths, their bounds, the values the lanes send to the scalar
 * code, and mixtures of them within one vector; every offset and length around a vector. Tagged
 * {@code avx2-lanes}: the build runs it again with {@code -XX:UseAVX=2}, which on an AVX-512 host means 4
 * lanes and another mask width (on an AVX2 host, or another processor, the same width again).
 */
@Tag("avx2-lanes")
class StrictMathLanesTest {
    private static final int LANES = DoubleVector.SPECIES_PREFERRED.length();
    private static final double LN2 = Math.log(2);

    /** The two functions: the lanes and their reference. */
    enum Fn {
        LOG(StrictMath::log) {
            @Override
            void lanes(double[] a, int from, int length) {
                StrictMathLanes.log(a, from, length);
            }
        },
        EXP(StrictMath::exp) {
            @Override
            void lanes(double[] a, int from, int length) {
                StrictMathLanes.exp(a, from, length);
            }
        };

        final DoubleUnaryOperator reference;

        Fn(DoubleUnaryOperator reference) {
            this.reference = reference;
        }

        abstract void lanes(double[] a, int from, int length);
    }

    /** Inputs by the path they take; seeded. */
    static Stream<Arguments> kinds() {
        return Stream.of(
                log("price ratios: exp(N(0, 0.02)), k = 0 or -1", r -> Math.exp(r.nextGaussian() * 0.02)),
                log("any positive double", r -> Double.longBitsToDouble(r.nextLong() >>> 1)),
                log("any bits: negatives, NaN payloads, infinities", r -> Double.longBitsToDouble(r.nextLong())),
                log("every exponent: exp(U(-745, 709))", r -> Math.exp(r.nextDouble(-745, 709))),
                log("within 2^-20 of 1: fdlibm's short path, k = 0", r -> 1.0 + r.nextDouble(-0x1p-20, 0x1p-20)),
                log("a few ulps from 1", r -> 1.0 + r.nextInt(-40, 41) * Math.ulp(1.0) / 2),
                log("exactly 1 (equal prices)", r -> 1.0),
                log("within 2^-20 of a power of two: the short path with k != 0",
                        r -> Math.scalb(1.0 + r.nextDouble(-0x1p-20, 0x1p-20), r.nextInt(-1000, 1000))),
                log("mantissa next to the normalisation bound 0x95f64 (near sqrt 2)",
                        r -> mantissa(r, 0x1_0000_0000_0000L - 0x9_5f64_0000_0000L)),
                log("mantissa next to the form bound 0x6147a", r -> mantissa(r, 0x6_147a_0000_0000L)),
                log("mantissa next to the form bound 0x6b851", r -> mantissa(r, 0x6_b851_0000_0000L)),
                log("subnormals", r -> Double.longBitsToDouble(r.nextLong(1L, 1L << 52))),
                log("ordinary lanes with a rare one: zero, subnormal, negative, infinity, NaN",
                        r -> r.nextInt(12) != 0 ? Math.exp(r.nextGaussian())
                                : new double[] {0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, -2.5,
                                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                                    Double.longBitsToDouble(0xfff8_0000_dead_beefL), Double.MAX_VALUE}[r.nextInt(10)]),
                log("ordinary lanes with a short-path one", r -> r.nextInt(6) != 0 ? Math.exp(r.nextGaussian()) : 1.0),
                exp("model scores: N(0, 3)", r -> r.nextGaussian() * 3),
                exp("not reduced: |x| <= ln2 / 2", r -> r.nextDouble(-0.5 * LN2, 0.5 * LN2)),
                exp("one ln2: ln2 / 2 < |x| < 1.5 ln2", r -> (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.5 * LN2, 1.5 * LN2)),
                exp("k from the rounding: U(-708, 708)", r -> r.nextDouble(-708, 708)),
                exp("every range: U(-800, 800)", r -> r.nextDouble(-800, 800)),
                exp("any bits: NaN payloads, infinities, huge, tiny", r -> Double.longBitsToDouble(r.nextLong())),
                exp("x / ln2 next to a half integer: the truncation of k",
                        r -> (r.nextInt(-1021, 1021) + 0.5) * LN2 + r.nextInt(-4, 5) * 0x1p-40),
                exp("next to the bounds 2^-28, ln2 / 2, 1.5 ln2, 708, 709.78, -745.13", r -> {
                    double[] bounds = {0x1p-28, 0.5 * LN2, 1.5 * LN2, 708.0, 0x1.62e42fefa39efp9, 0x1.74910d52d3051p9};
                    double b = bounds[r.nextInt(bounds.length)];
                    double x = b + r.nextInt(-6, 7) * Math.ulp(b) + r.nextInt(-2, 3) * 0x1p-20 * b;
                    return r.nextBoolean() ? x : -x;
                }),
                exp("within 1,000 ulps of fdlibm's high-word bounds 0x3e300000, 0x3fd62e43, 0x3ff0a2b2, 0x40862000", r -> {
                    long[] bounds = {0x3e30_0000_0000_0000L, 0x3fd6_2e43_0000_0000L, 0x3ff0_a2b2_0000_0000L,
                        0x4086_2000_0000_0000L};
                    double x = Double.longBitsToDouble(bounds[r.nextInt(bounds.length)] + r.nextInt(-1_000, 1_001));
                    return r.nextBoolean() ? x : -x;
                }),
                exp("past ln2 / 2 but not reduced: high word 0x3fd62e42, from ln2 / 2 up", r -> {
                    double x = Double.longBitsToDouble(r.nextLong(0x3fd6_2e42_fefa_39efL, 0x3fd6_2e43_0000_0000L));
                    return r.nextBoolean() ? x : -x;
                }),
                exp("ordinary lanes with a rare one: zero, tiny, huge, infinity, NaN",
                        r -> r.nextInt(10) != 0 ? r.nextGaussian() * 5
                                : new double[] {0.0, -0.0, 1e-300, -1e-10, 710.0, -740.0, -800.0, Double.POSITIVE_INFINITY,
                                    Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0xfff8_0000_dead_beefL)}[r.nextInt(11)]));
    }

    private static Arguments log(String name, ToDoubleFunction<SplittableRandom> draw) {
        return Arguments.of(Fn.LOG, name, draw);
    }

    private static Arguments exp(String name, ToDoubleFunction<SplittableRandom> draw) {
        return Arguments.of(Fn.EXP, name, draw);
    }

    /** A double in [1, 2) or [0.5, 1) whose high mantissa bits are within a few units of {@code bound} (in the top 20). */
    private static double mantissa(SplittableRandom r, long bound) {
        long m = (bound + r.nextLong(-3L << 32, 3L << 32)) & 0x000f_ffff_ffff_ffffL;
        long exponent = r.nextBoolean() ? 0x3ff0_0000_0000_0000L : 0x3fe0_0000_0000_0000L;
        return Double.longBitsToDouble(exponent | m);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("kinds")
    void theLanesGiveStrictMathsBits(Fn fn, String name, ToDoubleFunction<SplittableRandom> draw) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        double[] xs = new double[200_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = draw.applyAsDouble(random);
        }
        assertSameBits(fn, xs, 0, xs.length);
    }

    @ParameterizedTest
    @EnumSource(Fn.class)
    void everyOffsetAndLengthAroundAVector(Fn fn) {
        SplittableRandom random = new SplittableRandom(11);
        double[] xs = new double[5 * LANES];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Math.exp(random.nextGaussian());
        }
        for (int from = 0; from < 2 * LANES; from++) {
            for (int length = 0; from + length <= xs.length; length++) {
                assertSameBits(fn, xs, from, length);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fn.class)
    void edgeValuesInEveryLaneAndTheTail(Fn fn) {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.longBitsToDouble(0x7ff0_0000_0000_0001L), Double.longBitsToDouble(0xfff8_0000_dead_beefL),
            1.0, -1.0, Math.nextUp(1.0), Math.nextDown(1.0), 2.0, 0.5, Math.E, Math.sqrt(2), Math.nextUp(Math.sqrt(2)),
            Math.nextDown(Math.sqrt(2)), 0x1p-1022, 0x1p1023, 1e-300, 1e300, LN2, -LN2, 0.5 * LN2, 1.5 * LN2,
            707.99, -707.99, 708.0, -708.0, 709.78, -745.1, -745.2, 0x1p-28, -0x1p-28, Math.nextDown(0x1p-28),
            // found by review: 1 ulp apart when the lanes reduced what fdlibm does not
            Double.longBitsToDouble(0x3fd6_2e42_ff1a_7f89L), Double.longBitsToDouble(0x3fd6_2e42_ff05_9dcdL),
            Double.longBitsToDouble(0xbfd6_2e42_fff7_d9aaL)};
        for (double edge : edges) {
            for (int lane = 0; lane < LANES + 1; lane++) {
                double[] xs = new double[2 * LANES + 1];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = 1.0 + i / 16.0;
                }
                xs[LANES + lane] = edge;
                assertSameBits(fn, xs, 0, xs.length);
            }
        }
    }

    private static void assertSameBits(Fn fn, double[] xs, int from, int length) {
        double[] a = xs.clone();
        fn.lanes(a, from, length);
        for (int i = 0; i < xs.length; i++) {
            double want = i >= from && i < from + length ? fn.reference.applyAsDouble(xs[i]) : xs[i];
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(want)) {
                assertThat(a[i]).as("%s(%s) (bits %x) at %d of [%d, %d)", fn, xs[i], Double.doubleToRawLongBits(xs[i]),
                        i, from, from + length).isEqualTo(want);
                assertThat(Double.doubleToRawLongBits(a[i])).as("raw bits of %s(%s) at %d", fn, xs[i], i)
                        .isEqualTo(Double.doubleToRawLongBits(want));
            }
        }
    }
}
