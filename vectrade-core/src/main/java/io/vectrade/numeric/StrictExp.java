package io.vectrade.numeric;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code e^x} of a whole array in vector lanes, <b>the same bits as {@link StrictMath#exp}</b> for every
 * input: fdlibm's {@code __ieee754_exp} with each lane taking its operations in its order, as
 * {@link StrictLog} does for the log (see there for why the lanes agree with the scalar code, and why
 * the cpu backend takes {@code StrictMath}'s bits).
 *
 * <p>fdlibm reduces {@code x = k ln2 + r} three ways by {@code |x|}: not at all up to {@code ln2 / 2};
 * by one {@code ±ln2} up to {@code 1.5 ln2}; else with {@code k = (int) (x / ln2 ± 1/2)}. The lanes take
 * the third everywhere, which is the other two in their ranges: there {@code k} is {@code ±1} (the
 * same products, exactly) or {@code +0} ({@code hi = x - 0 = x}, {@code lo = +0}, and
 * {@code (x c) / (c - 2)} is the negation of {@code (x c) / (2 - c)}, exactly). The
 * truncation to {@code k} is the {@code 1.5 * 2^52} rounding, corrected toward zero; {@code 2^k} is added
 * to the exponent bits. Inputs with {@code |x| < 2^-28} (zeros included) or {@code |x| >= 708} (the
 * overflow, underflow and subnormal-result ranges, infinities and NaN), lane by lane, and the tail of
 * {@code length mod LANES} go through {@link StrictMath#exp} itself.
 *
 * <p>Stateless and thread-safe; allocates nothing once C2 has compiled the caller.
 * {@code StrictExpTest} compares raw bits with {@link StrictMath#exp}.
 */
public final class StrictExp {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private static final double LN2_HI = 0x1.62e42feep-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    private static final double INV_LN2 = 0x1.71547652b82fep0;
    private static final double P1 = 0x1.555555555553ep-3;
    private static final double P2 = -0x1.6c16c16bebd93p-9;
    private static final double P3 = 0x1.1566aaf25de2cp-14;
    private static final double P4 = -0x1.bbd41c5d26bf1p-20;
    private static final double P5 = 0x1.6376972bea4d0p-25;
    /** {@code 1.5 * 2^52}: adding and subtracting it rounds a double below 2^51 to an integer. */
    private static final double BIAS = 0x1.8p52;
    private static final long BIAS_BITS = Double.doubleToRawLongBits(BIAS);

    private StrictExp() {
    }

    /** {@code e^x}: {@link StrictMath#exp}, the bits the lanes give. */
    public static double exp(double x) {
        return StrictMath.exp(x);
    }

    /** {@code a[k] = StrictMath.exp(a[k])} for {@code k} in {@code [from, from + length)}. */
    public static void inPlace(double[] a, int from, int length) {
        int end = from + length;
        int k = from;
        for (int bound = from + S.loopBound(length); k < bound; k += LANES) {
            DoubleVector x = DoubleVector.fromArray(S, a, k);
            // the high word of |x|
            LongVector hx = x.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 32).and(0x7fff_ffffL);
            VectorMask<Long> special = hx.compare(VectorOperators.LT, 0x3e30_0000L)
                    .or(hx.compare(VectorOperators.GE, 0x4086_2000L));
            VectorMask<Double> negative = x.compare(VectorOperators.LT, 0.0);
            // k = (int) (invln2 * x + half[xsb]): round by the bias, then one toward zero where that went away from
            // it. fdlibm's other two reductions are this one's result in their ranges (see the class comment)
            DoubleVector q = x.mul(INV_LN2).add(DoubleVector.broadcast(S, 0.5).blend(-0.5, negative));
            DoubleVector rounded = q.add(BIAS).sub(BIAS);
            DoubleVector zero = DoubleVector.zero(S);
            DoubleVector one = DoubleVector.broadcast(S, 1.0);
            DoubleVector kd = rounded
                    .sub(zero.blend(one, q.compare(VectorOperators.GT, 0.0).and(rounded.compare(VectorOperators.GT, q))))
                    .add(zero.blend(one, q.compare(VectorOperators.LT, 0.0).and(rounded.compare(VectorOperators.LT, q))));
            DoubleVector hi = x.sub(kd.mul(LN2_HI));
            DoubleVector lo = kd.mul(LN2_LO);
            DoubleVector r = hi.sub(lo);
            DoubleVector t = r.mul(r);
            DoubleVector c = r.sub(t.mul(t.mul(t.mul(t.mul(t.mul(P5).add(P4)).add(P3)).add(P2)).add(P1)));
            DoubleVector y = one.sub(lo.sub(r.mul(c).div(DoubleVector.broadcast(S, 2.0).sub(c))).sub(hi));
            // y * 2^k: k added to the exponent bits (k in [-1021, 1021] here)
            LongVector kBits = kd.add(BIAS).reinterpretAsLongs().sub(BIAS_BITS).lanewise(VectorOperators.LSHL, 52);
            DoubleVector e = y.reinterpretAsLongs().add(kBits).reinterpretAsDoubles();
            if (special.anyTrue()) {
                // the other lanes stored, these (still the inputs) through StrictMath.exp
                e.intoArray(a, k, special.not().cast(S));
                for (long lanes = special.toLong(); lanes != 0; lanes &= lanes - 1) {
                    int i = k + Long.numberOfTrailingZeros(lanes);
                    a[i] = StrictMath.exp(a[i]);
                }
            } else {
                e.intoArray(a, k);
            }
        }
        for (; k < end; k++) {
            a[k] = StrictMath.exp(a[k]);
        }
    }
}
