package io.vectrade.numeric;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The natural log and {@code e^x} of a whole array in vector lanes, <b>the same bits as
 * {@link StrictMath#log} and {@link StrictMath#exp}</b> for every input: fdlibm's {@code __ieee754_log}
 * and {@code __ieee754_exp} (the algorithms {@code StrictMath} specifies) with each lane taking their
 * operations in their order. fdlibm uses only IEEE additions, multiplications, one division and bit
 * manipulation, none fused, so a lane computes what the scalar code computes; where the scalar code
 * branches, the lanes compute the sides and blend. No 64-bit arithmetic shift and no conversion between
 * long and double, which AVX2 lacks: integers become doubles, and back, by the {@code 1.5 * 2^52} bias.
 *
 * <p>Why the cpu backend takes these: {@link Math#log} and {@link Math#exp} are free to differ between JVMs
 * and processors (HotSpot's x86 intrinsics are other algorithms than fdlibm), so their bits are not a
 * contract that holds beyond one JVM; and they are a call per value, about 6 ns each on the machines this
 * project measures on, where these lanes take about 2 (docs/benchmarks.md, "the strict log").
 *
 * <p><b>log.</b> The main path {@code s = f / (2 + f)} with its polynomial (two forms, chosen per lane on
 * the mantissa); the path for {@code |f| < 2^-20} (an input within about 1e-6 of a power of two, such as a
 * ratio of equal prices, which is exactly 1), computed only when a lane of the vector takes it. fdlibm's
 * separate forms for a zero exponent {@code k} are the general forms with {@code k = 0} (the same bits:
 * adding or subtracting {@code +0} and negating a difference are exact in round-to-nearest; its form for
 * {@code f = 0}, {@code k ln2_hi + k ln2_lo}, is the short path's with {@code f = 0}). Zeros,
 * negatives, subnormals, infinities and NaNs go through {@link StrictMath#log}, lane by lane.
 *
 * <p><b>exp.</b> fdlibm reduces {@code x = k ln2 + r} three ways by the high word of {@code |x|}: not at
 * all up to {@code 0x3fd62e42} (so up to 9.5e-10 past {@code ln2 / 2}); by one {@code ±ln2} below
 * {@code 0x3ff0a2b2} (about {@code 1.5 ln2}); else with {@code k = (int) (x / ln2 ± 1/2)}. The lanes take
 * the third everywhere with {@code k} set to 0 where fdlibm does not reduce, which is the other two: in
 * the second's range {@code k} is {@code ±1} (the same products, exactly), and with {@code k = +0},
 * {@code hi = x - 0 = x}, {@code lo = +0}, and {@code (x c) / (c - 2)} is the negation of
 * {@code (x c) / (2 - c)}, exactly. The truncation to
 * {@code k} is the bias's rounding, corrected toward zero; {@code 2^k} is added to the exponent bits.
 * {@code |x| < 2^-28} (zeros included) and {@code |x| >= 708} (the overflow, underflow and
 * subnormal-result ranges, infinities and NaN) go through {@link StrictMath#exp}, lane by lane.
 *
 * <p>The tail of {@code length mod LANES} goes through {@code StrictMath} itself. Stateless and
 * thread-safe; allocates nothing once C2 has compiled the caller. {@code StrictMathLanesTest} compares
 * raw bits with {@code StrictMath}.
 */
public final class StrictMathLanes {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private static final double LN2_HI = 0x1.62e42feep-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    private static final double LG1 = 0x1.5555555555593p-1;
    private static final double LG2 = 0x1.999999997fa04p-2;
    private static final double LG3 = 0x1.2492494229359p-2;
    private static final double LG4 = 0x1.c71c51d8e78afp-3;
    private static final double LG5 = 0x1.7466496cb03dep-3;
    private static final double LG6 = 0x1.39a09d078c69fp-3;
    private static final double LG7 = 0x1.2f112df3e5244p-3;
    private static final double INV_LN2 = 0x1.71547652b82fep0;
    private static final double P1 = 0x1.555555555553ep-3;
    private static final double P2 = -0x1.6c16c16bebd93p-9;
    private static final double P3 = 0x1.1566aaf25de2cp-14;
    private static final double P4 = -0x1.bbd41c5d26bf1p-20;
    private static final double P5 = 0x1.6376972bea4d0p-25;
    /** {@code 1.5 * 2^52}: {@code bits(BIAS) + k}, read as a double, minus BIAS is {@code (double) k}, and
     *  adding and subtracting it rounds a double below 2^51 to an integer. */
    private static final double BIAS = 0x1.8p52;
    private static final long BIAS_BITS = Double.doubleToRawLongBits(BIAS);

    private StrictMathLanes() {
    }

    /** {@code a[k] = StrictMath.log(a[k])} for {@code k} in {@code [from, from + length)}. */
    public static void log(double[] a, int from, int length) {
        int end = from + length;
        int k = from;
        for (int bound = from + S.loopBound(length); k < bound; k += LANES) {
            DoubleVector x = DoubleVector.fromArray(S, a, k);
            LongVector bits = x.reinterpretAsLongs();
            // the high word, unsigned: below 0x00100000 (zero, subnormal) or from 0x7ff00000 (infinity,
            // NaN, and every negative input) fdlibm leaves the main path
            LongVector hx = bits.lanewise(VectorOperators.LSHR, 32);
            VectorMask<Long> special = hx.compare(VectorOperators.LT, 0x0010_0000L)
                    .or(hx.compare(VectorOperators.GE, 0x7ff0_0000L));
            LongVector m = hx.and(0x000f_ffffL);
            LongVector i = m.add(0x9_5f64L).and(0x10_0000L);
            // k = exponent - 1023 + (i >> 20); x's high word becomes m | (i ^ 0x3ff00000)
            LongVector k1 = hx.lanewise(VectorOperators.LSHR, 20).add(i.lanewise(VectorOperators.LSHR, 20)).sub(1023L);
            DoubleVector xn = m.or(i.lanewise(VectorOperators.XOR, 0x3ff0_0000L)).lanewise(VectorOperators.LSHL, 32)
                    .or(bits.and(0xffff_ffffL)).reinterpretAsDoubles();
            DoubleVector dk = k1.add(BIAS_BITS).reinterpretAsDoubles().sub(BIAS);
            DoubleVector f = xn.sub(1.0);
            DoubleVector dkHi = dk.mul(LN2_HI);
            DoubleVector dkLo = dk.mul(LN2_LO);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector w = z.mul(z);
            DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
            DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
            DoubleVector r = t2.add(t1);
            // fdlibm's i = (hx - 0x6147a) | (0x6b851 - hx), on the mantissa bits: > 0 takes the hfsq form
            VectorMask<Double> hfsqForm = m.sub(0x6_147aL).or(LongVector.broadcast(m.species(), 0x6_b851L).sub(m))
                    .compare(VectorOperators.GT, 0L).cast(S);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector withHfsq = dkHi.sub(hfsq.sub(s.mul(hfsq.add(r)).add(dkLo)).sub(f));
            DoubleVector withoutHfsq = dkHi.sub(s.mul(f.sub(r)).sub(dkLo).sub(f));
            DoubleVector y = withoutHfsq.blend(withHfsq, hfsqForm);
            VectorMask<Long> tiny = m.add(2L).and(0x000f_ffffL).compare(VectorOperators.LT, 3L);
            if (tiny.anyTrue()) {
                DoubleVector rt = f.mul(f).mul(DoubleVector.broadcast(S, 0.5).sub(f.mul(0.33333333333333333)));
                y = y.blend(dkHi.sub(rt.sub(dkLo).sub(f)), tiny.cast(S));
            }
            if (special.anyTrue()) {
                // the other lanes stored, these (still the inputs) through StrictMath.log
                y.intoArray(a, k, special.not().cast(S));
                for (long lanes = special.toLong(); lanes != 0; lanes &= lanes - 1) {
                    int q = k + Long.numberOfTrailingZeros(lanes);
                    a[q] = StrictMath.log(a[q]);
                }
            } else {
                y.intoArray(a, k);
            }
        }
        for (; k < end; k++) {
            a[k] = StrictMath.log(a[k]);
        }
    }

    /** {@code a[k] = StrictMath.exp(a[k])} for {@code k} in {@code [from, from + length)}. */
    public static void exp(double[] a, int from, int length) {
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
            // not reduced where fdlibm's test on the high word alone says |x| <= ln2 / 2: up to 0x3fd62e42_ffffffff,
            // which is 9.5e-10 past ln2 / 2, where the rounding above gives k = +-1
            kd = kd.blend(0.0, hx.compare(VectorOperators.LE, 0x3fd6_2e42L).cast(S));
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
