package io.vectrade.feature.stream;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * A kernel whose tick runs as vectors of {@link #LANES} instruments, lanes across instruments
 * ({@link #lanes}: {@link #update}'s operations per lane, so the same bits), and lane by lane through
 * {@link #update} where a vector refuses (a lane absent this tick, or off the steady path) and for the
 * tail of {@code B mod LANES} instruments. Used on cpu and simd alike.
 */
abstract class VectorStreamKernel extends StreamKernel {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** As many int lanes as {@link #S} has doubles. */
    static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
    static final int LANES = S.length();

    VectorStreamKernel(int instruments) {
        super(instruments);
    }

    /**
     * Advances instruments {@code [i, i + LANES)} as one vector and writes their outputs to
     * {@code out[index ..]}; returns false, having changed nothing, when a lane needs {@link #update}.
     */
    abstract boolean lanes(int i, int[] barsSeen, double[] close, double[] out, int index);

    /** The tick's vectors, then what they refused and the tail, lane by lane. */
    final void tickLanes(double[] open, double[] high, double[] low, double[] close, double[] volume,
                         int[] barsSeen, double[] out, int column) {
        int b = instruments;
        int base = column * b;
        int bound = S.loopBound(b);
        for (int i = 0; i < bound; i += LANES) {
            if (!lanes(i, barsSeen, close, out, base + i)) {
                lanesOneByOne(i, i + LANES, open, high, low, close, volume, barsSeen, out, base);
            }
        }
        lanesOneByOne(bound, b, open, high, low, close, volume, barsSeen, out, base);
    }

    private void lanesOneByOne(int from, int to, double[] open, double[] high, double[] low, double[] close,
                               double[] volume, int[] barsSeen, double[] out, int base) {
        for (int i = from; i < to; i++) {
            double c = close[i];
            if (c == c) {
                update(i, barsSeen[i], open[i], high[i], low[i], c, volume[i], out, base + i, instruments);
            }
        }
    }
}
