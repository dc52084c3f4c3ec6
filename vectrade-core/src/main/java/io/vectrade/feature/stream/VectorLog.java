package io.vectrade.feature.stream;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * How the streaming kernels take the natural log of a price ratio (logret, volatility's log
 * returns): the arithmetic of the batch engine they follow.
 * <ul>
 *   <li>{@link #SCALAR}: {@link Math#log}, the cpu engine's bits;</li>
 *   <li>{@link #VECTOR}: the Vector API's {@code LOG} on {@code DoubleVector.SPECIES_PREFERRED}
 *       (the simd engine's lanes), within 1 ulp of {@link Math#log} (design.md, "simd against cpu").
 *       A tick takes the logs of all its instruments in one vector pass; a lone value goes through
 *       one vector, so every lane gets the same bits as in the pass.</li>
 * </ul>
 * Not thread-safe (the vector form keeps a one-vector scratch); each {@link StreamingFeatures} has
 * its own. Allocates nothing once C2 has compiled the caller (before that, the Vector API's Java
 * fallback boxes, and its {@code LOG} may differ from SVML's by an ulp: design.md, determinism).
 */
abstract sealed class Logs permits Logs.Scalar, Logs.Vector {

    /** {@link Math#log}: the cpu engine's bits. */
    static Logs scalar() {
        return new Scalar();
    }

    /** The Vector API's {@code LOG}: the simd engine's. */
    static Logs vector() {
        return new Vector();
    }

    /** True when {@link #inPlace} is a vector pass, so a kernel should gather its ratios first. */
    abstract boolean batched();

    /** {@code ln(x)}. */
    abstract double log(double x);

    /** {@code a[k] = ln(a[k])} for {@code k} in {@code [from, from + length)}. */
    abstract void inPlace(double[] a, int from, int length);

    static final class Scalar extends Logs {
        @Override
        boolean batched() {
            return false;
        }

        @Override
        double log(double x) {
            return Math.log(x);
        }

        @Override
        void inPlace(double[] a, int from, int length) {
            for (int k = from, end = from + length; k < end; k++) {
                a[k] = Math.log(a[k]);
            }
        }
    }

    static final class Vector extends Logs {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
        private static final int LANES = S.length();
        /** The tail (and a lone value) as one full vector: a masked partial vector is not always intrinsified. */
        private final double[] scratch = new double[LANES];

        @Override
        boolean batched() {
            return true;
        }

        @Override
        double log(double x) {
            double[] s = scratch;
            s[0] = x;
            DoubleVector.fromArray(S, s, 0).lanewise(VectorOperators.LOG).intoArray(s, 0);
            return s[0];
        }

        @Override
        void inPlace(double[] a, int from, int length) {
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
}
