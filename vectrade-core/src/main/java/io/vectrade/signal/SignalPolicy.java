package io.vectrade.signal;

/**
 * One stage of a signal chain. A <em>generator</em> ({@code threshold}, {@code rank}) fills the frame's cells
 * from the scores; a <em>transform</em> ({@code voltarget}, {@code caps}) rewrites the weights already there.
 *
 * <p>{@link #apply} processes bars {@code [fromBar, toBar)} in time order; a stateful policy (threshold with
 * hysteresis) carries its per-instrument state from one call to the next, so a live engine may call it one
 * bar at a time and get the same result as one batch call. State is sized on the first call (or when the
 * number of instruments changes); later calls allocate nothing. Not thread-safe: one chain per thread.
 */
public interface SignalPolicy {

    /**
     * Applies this stage to bars {@code [fromBar, toBar)}.
     *
     * @param scores      model scores, time-major {@code [bars * instruments]}, NaN where there is none
     * @param volatility  the {@code volatility(n)} feature, same layout, or null when no stage needs it
     * @param frame       the output, shaped like the scores
     * @throws IllegalArgumentException if shapes disagree or volatility is needed but null
     */
    void apply(double[] scores, double[] volatility, int fromBar, int toBar, SignalFrame frame);

    /** True for a stage that fills cells from scores, false for one that rewrites weights. */
    boolean generator();

    /** True when {@link #apply} reads the volatility column. */
    default boolean needsVolatility() {
        return false;
    }

    /** Clears per-instrument state (start of a new run). */
    default void reset() {
    }

    /** The canonical text of this stage, e.g. {@code rank(top=10,bottom=10)}; parses back to an equal stage. */
    String spec();

    /** Shared shape checks. */
    static void check(double[] scores, double[] volatility, boolean needVol, int fromBar, int toBar, SignalFrame frame) {
        int cells = frame.bars() * frame.instruments();
        if (scores.length != cells) {
            throw new IllegalArgumentException("scores length must be bars*instruments, length=" + scores.length
                    + " expected=" + cells);
        }
        if (needVol && volatility == null) {
            throw new IllegalArgumentException("this signal policy needs the volatility feature, volatility=null");
        }
        if (needVol && volatility.length != cells) {
            throw new IllegalArgumentException("volatility length must be bars*instruments, length=" + volatility.length
                    + " expected=" + cells);
        }
        if (fromBar < 0 || toBar < fromBar || toBar > frame.bars()) {
            throw new IndexOutOfBoundsException("bad bar range, fromBar=" + fromBar + " toBar=" + toBar + " bars=" + frame.bars());
        }
    }
}
