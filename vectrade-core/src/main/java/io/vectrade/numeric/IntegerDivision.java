package io.vectrade.numeric;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code x / d} for a positive integer {@code d} below 2^31, <b>the same bits as the IEEE division</b>
 * for every {@code x}, from one multiplication and two fused multiply-adds where the inputs allow, the
 * division itself otherwise.
 *
 * <p>A 512-bit division costs about 0.6 ns an element on the machines this project measures on, a
 * fused multiply-add a tenth of that; the rolling features divide their window sums by {@code n} several
 * times a cell, so the divider bounds them (docs/benchmarks.md, "the divider").
 *
 * <p><b>Why the bits are the same.</b> With {@code r = RN(1/d)}, {@code q = RN(x r)}, the remainder
 * {@code e = x - q d} taken by a fused multiply-add, and {@code q' = RN(q + e r)}, again fused:
 * <ol>
 *   <li>{@code q} is within 2.5 ulp(q) of {@code t = x/d} (the error of {@code r} is at most ulp(t) in
 *       {@code x r}, then the rounding of {@code q}), so {@code x - q d} is a multiple of ulp(q)/2 (the
 *       grain of {@code x} and of {@code q d}) and at most 5d of them: it needs fewer than 53 bits and
 *       {@code e} is exact (no underflow: see the guard below).</li>
 *   <li>Hence {@code q + e r = t + (e/d)(r d - 1)}, and |r d - 1| &le; 2^-53: the value the last fused
 *       operation rounds is within 2^-49 half-ulps of {@code t}.</li>
 *   <li>{@code t} is never closer than 1/d' half-ulp to a rounding boundary (a midpoint between two
 *       doubles), d' the odd part of {@code d}: in units of half an ulp of {@code t}, {@code t} is an
 *       integer over d', and it cannot be an odd integer, since then {@code x = t d} would need 54
 *       significant bits. With d' &lt; 2^31 &lt; 2^49 the perturbation of step 2 cannot cross a boundary, so
 *       {@code q'} rounds to the same double as {@code t}.</li>
 * </ol>
 * The steps assume 2^-900 &le; |x| &le; 2^1000 (no underflow in the remainder or quotient, no overflow);
 * zeros (whose sign the shortcut can lose), subnormals, infinities and NaNs take the division. A vector
 * takes the shortcut when all its lanes qualify, otherwise the division for all of them.
 * {@code IntegerDivisionTest} compares raw bits with {@code /} over random magnitudes, exact multiples,
 * near-midpoint quotients and those edge values.
 *
 * <p>Stateless and thread-safe. A kernel whose loop is too large for C2 to inline one more call into
 * (a vector crossing a call that is not inlined is boxed) writes the same steps out in place, with
 * {@link #LOW} and {@link #HIGH} as its guard.
 */
public final class IntegerDivision {
    /** The smallest |x| the shortcut takes; below it (and at zero) the division. */
    public static final double LOW = 0x1p-900;
    /** The largest |x| the shortcut takes; above it (and for NaN) the division. */
    public static final double HIGH = 0x1p1000;

    private IntegerDivision() {}

    /**
     * {@code x / d}, bitwise, for a positive integer {@code d} below 2^31.
     *
     * @param reciprocal {@code 1.0 / d}, computed once by the caller ({@link #reciprocal})
     */
    public static DoubleVector divide(DoubleVector x, double d, double reciprocal) {
        DoubleVector a = x.abs();
        VectorMask<Double> fits = a.compare(VectorOperators.GE, LOW).and(a.compare(VectorOperators.LE, HIGH));
        if (!fits.allTrue()) {
            return x.div(d);
        }
        DoubleVector r = DoubleVector.broadcast(x.species(), reciprocal);
        DoubleVector q = x.mul(r);
        DoubleVector e = q.fma(DoubleVector.broadcast(x.species(), -d), x);
        return e.fma(r, q);
    }

    /** {@code x / d}, bitwise, for a positive integer {@code d} below 2^31: the scalar form of {@link #divide(DoubleVector, double, double)}. */
    public static double divide(double x, double d, double reciprocal) {
        double a = Math.abs(x);
        if (!(a >= LOW && a <= HIGH)) {
            return x / d;
        }
        double q = x * reciprocal;
        return Math.fma(Math.fma(q, -d, x), reciprocal, q);
    }

    /**
     * {@code 1.0 / d} after checking that {@code d} is one of the divisors the shortcut is proven for.
     *
     * @throws IllegalArgumentException if {@code d} is not an integer in [1, 2^31)
     */
    public static double reciprocal(double d) {
        if (!(d >= 1 && d < 0x1p31 && d == Math.rint(d))) {
            throw new IllegalArgumentException("the shortcut divides by an integer in [1, 2^31), d=" + d);
        }
        return 1.0 / d;
    }
}
