package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * The last {@code length} values of each instrument, time-major: slot {@code s} of instrument
 * {@code i} at {@code s * instruments + i}, so instruments that advance together touch neighbouring
 * memory.
 *
 * <pre>
 *   values:  slot 0: | i0 | i1 | ... | iB-1 |
 *            slot 1: | i0 | i1 | ... | iB-1 |
 *            ...        (length slots; next[i] = slot the next push of i overwrites)
 * </pre>
 */
final class LagRing {
    private final int instruments;
    private final int length;
    private final double[] values;
    private final int[] next;

    LagRing(int instruments, int length) {
        this.instruments = instruments;
        this.length = length;
        this.values = new double[Math.multiplyExact(instruments, length)];
        this.next = new int[instruments];
    }

    /**
     * Stores {@code x} as instrument {@code i}'s newest value and returns the value it replaces:
     * the value pushed {@code length} pushes ago (0 while fewer have been pushed).
     */
    double push(int i, double x) {
        int s = next[i];
        int at = s * instruments + i;
        double old = values[at];
        values[at] = x;
        next[i] = s + 1 == length ? 0 : s + 1;
        return old;
    }

    int length() {
        return length;
    }

    /** The backing array, slot {@code s} of instrument {@code i} at {@code s * instruments + i} (live). */
    double[] values() {
        return values;
    }

    /** Value in slot {@code s} of instrument {@code i} (slot order, not time order). */
    double slot(int i, int s) {
        return values[s * instruments + i];
    }

    /** The next slot per instrument (live; the tick's vector lanes push a vector of instruments at a time). */
    int[] nextSlots() {
        return next;
    }

    /** The slot that instrument {@code i}'s next push overwrites. */
    int nextSlot(int i) {
        return next[i];
    }

    void reset() {
        Arrays.fill(values, 0.0);
        Arrays.fill(next, 0);
    }
}
