package io.vectrade.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The shortcut against Java's IEEE division {@code /}, raw bits, scalar and vector. */
class IntegerDivisionTest {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** Every divisor to 300 (the windows in use are 2..200, n - 1 and 3), then large and awkward ones. */
    static LongStream divisors() {
        return LongStream.concat(LongStream.rangeClosed(1, 300),
                LongStream.of(1_000, 1_023, 1_025, 65_535, 999_999_937, (1L << 30) - 1, 1L << 30, (1L << 31) - 1));
    }

    @ParameterizedTest
    @MethodSource("divisors")
    void randomMagnitudesExactMultiplesAndNearMidpointsGiveTheDivisionsBits(long divisor) {
        double d = divisor;
        double r = IntegerDivision.reciprocal(d);
        SplittableRandom random = new SplittableRandom(divisor * 7919);
        double[] xs = new double[6_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = switch (i % 3) {
                // any sign, exponent and significand, including outside the shortcut's range
                case 0 -> Double.longBitsToDouble(random.nextLong() & ~(random.nextInt(8) == 0 ? 0L : 0x4000_0000_0000_0000L));
                // exact multiples: the quotient is representable
                case 1 -> (random.nextLong(1L << 40) - (1L << 39)) * d * Math.scalb(1.0, random.nextInt(-60, 60));
                // a quotient next to a midpoint between two doubles: x = RN(d * midpoint)
                default -> d * ((2 * random.nextLong(1L << 52) + 1 + (1L << 53)) * Math.scalb(1.0, random.nextInt(-80, 20)));
            };
        }
        assertSameBits(xs, d, r);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 3, 7, 14, 20, 19, 2_147_483_647})
    void edgeValuesTakeTheDivision(double d) {
        double r = IntegerDivision.reciprocal(d);
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
            0x1p-900, Math.nextDown(0x1p-900), -0x1p-900, 0x1p1000, Math.nextUp(0x1p1000), -0x1p1000,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.longBitsToDouble(0x7ff0_0000_0000_0001L), Double.longBitsToDouble(0xfff8_0000_dead_beefL),
            1.0, -1.0, d, -d, Math.nextUp(d), Math.nextDown(d)};
        assertSameBits(edges, d, r);
        // one edge value among ordinary lanes sends the whole vector to the division, the others unchanged
        for (double edge : edges) {
            double[] xs = IntStream.range(0, S.length() * 3).mapToDouble(i -> 100.0 + i / 7.0).toArray();
            xs[S.length() + 1] = edge;
            assertSameBits(xs, d, r);
        }
    }

    @Test
    void onlyIntegerDivisorsBelowTwoToTheThirtyOneAreAccepted() {
        for (double bad : new double[] {0, -1, 0.5, 14.5, 0x1p31, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> IntegerDivision.reciprocal(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("d=");
        }
        assertThat(IntegerDivision.reciprocal(20)).isEqualTo(0.05);
    }

    private static void assertSameBits(double[] xs, double d, double r) {
        for (double x : xs) {
            assertThat(Double.doubleToRawLongBits(IntegerDivision.divide(x, d, r)))
                    .as("%s / %s (scalar)", x, d).isEqualTo(Double.doubleToRawLongBits(x / d));
        }
        double[] out = new double[xs.length];
        int i = 0;
        for (; i <= xs.length - S.length(); i += S.length()) {
            IntegerDivision.divide(DoubleVector.fromArray(S, xs, i), d, r).intoArray(out, i);
        }
        for (int j = 0; j < i; j++) {
            assertThat(Double.doubleToRawLongBits(out[j])).as("%s / %s (lane %d)", xs[j], d, j)
                    .isEqualTo(Double.doubleToRawLongBits(xs[j] / d));
        }
    }
}
