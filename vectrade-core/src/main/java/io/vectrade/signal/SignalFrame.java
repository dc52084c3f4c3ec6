package io.vectrade.signal;

/**
 * Target positions for T bars × N instruments, time-major ({@code r = t * N + i}) primitive columns:
 * {@link #side()} ({@link #LONG}, {@link #SHORT}, {@link #FLAT}), {@link #strength()} (conviction in [0, 1])
 * and {@link #weight()} (signed target weight, a fraction of capital; 0 when flat).
 *
 * <p>Allocate once and refill with {@link SignalPolicy#apply}: arrays are live and reused. Not thread-safe
 * while being written.
 */
public final class SignalFrame {
    public static final byte LONG = 1;
    public static final byte SHORT = -1;
    public static final byte FLAT = 0;

    private final int bars;
    private final int instruments;
    private final byte[] side;
    private final double[] strength;
    private final double[] weight;

    private SignalFrame(int bars, int instruments) {
        this.bars = bars;
        this.instruments = instruments;
        int cells = bars * instruments;
        side = new byte[cells];
        strength = new double[cells];
        weight = new double[cells];
    }

    /** A flat frame for {@code bars × instruments}. */
    public static SignalFrame allocate(int bars, int instruments) {
        if (bars < 0 || instruments <= 0 || (long) bars * instruments > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad frame shape, bars=" + bars + " instruments=" + instruments);
        }
        return new SignalFrame(bars, instruments);
    }

    public int bars() {
        return bars;
    }

    public int instruments() {
        return instruments;
    }

    /** Side per cell (live array). */
    public byte[] side() {
        return side;
    }

    /** Strength per cell in [0, 1] (live array). */
    public double[] strength() {
        return strength;
    }

    /** Signed target weight per cell (live array). */
    public double[] weight() {
        return weight;
    }

    public byte side(int t, int i) {
        return side[t * instruments + i];
    }

    public double strength(int t, int i) {
        return strength[t * instruments + i];
    }

    public double weight(int t, int i) {
        return weight[t * instruments + i];
    }

    /** Sets one cell flat (side 0, strength 0, weight 0). */
    void flat(int r) {
        side[r] = FLAT;
        strength[r] = 0;
        weight[r] = 0;
    }
}
