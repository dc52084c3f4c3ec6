package io.vectrade.feature.stream;

import io.vectrade.numeric.StrictMathLanes;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The natural log a streaming kernel takes its log returns (logret, volatility) with, a tick's logs in
 * one pass over its instruments, in one of two forms, each giving a value the bits its batch engine
 * gives:
 * <ul>
 *   <li>{@link #strict()}, the cpu kernels': {@link StrictMathLanes#log}, the bits of {@link StrictMath#log}
 *       (what the cpu batch takes) in vector lanes;</li>
 *   <li>{@link #svml()}, the simd kernels': the Vector API's {@code LOG} on
 *       {@code DoubleVector.SPECIES_PREFERRED}, within 1 ulp of the exact log (design.md, "simd against
 *       cpu"), a lone value through one vector so that it gets the same bits as in the pass.</li>
 * </ul>
 *
 * <p>Not thread-safe (a one-vector scratch); each {@link StreamingFeatures} has its own. Allocates
 * nothing once C2 has compiled the caller (before that, the Vector API's Java fallback boxes, and its
 * {@code LOG} may differ from SVML's by an ulp: design.md, determinism).
 */
final class VectorLog {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();
    private final boolean strict;
    /** The tail (and a lone value) as one full vector: a masked partial vector is not always intrinsified. */
    private final double[] scratch = new double[LANES];

    private VectorLog(boolean strict) {
        this.strict = strict;
    }

    /** {@link StrictMath#log}'s bits: the cpu kernels' log. */
    static VectorLog strict() {
        return new VectorLog(true);
    }

    /** The Vector API's {@code LOG}: the simd kernels' log. */
    static VectorLog svml() {
        return new VectorLog(false);
    }

    /** {@code ln(x)}. */
    double log(double x) {
        if (strict) {
            return StrictMath.log(x);
        }
        double[] s = scratch;
        s[0] = x;
        DoubleVector.fromArray(S, s, 0).lanewise(VectorOperators.LOG).intoArray(s, 0);
        return s[0];
    }

    /** {@code a[k] = ln(a[k])} for {@code k} in {@code [from, from + length)}. */
    void inPlace(double[] a, int from, int length) {
        if (strict) {
            StrictMathLanes.log(a, from, length);
            return;
        }
        int end = from + length;
        int k = from;
        for (int bound = from + S.loopBound(length); k < bound; k += LANES) {
            DoubleVector.fromArray(S, a, k).lanewise(VectorOperators.LOG).intoArray(a, k);
        }
        if (k < end) {
            double[] s = scratch;
            int rest = end - k;
            System.arraycopy(a, k, s, 0, rest);
            java.util.Arrays.fill(s, rest, LANES, 1.0);
            DoubleVector.fromArray(S, s, 0).lanewise(VectorOperators.LOG).intoArray(s, 0);
            System.arraycopy(s, 0, a, k, rest);
        }
    }
}
