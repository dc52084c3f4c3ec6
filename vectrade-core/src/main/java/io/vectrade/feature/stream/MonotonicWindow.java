package io.vectrade.feature.stream;

import java.util.Arrays;

/**
 * Highest (or lowest) of the last {@code window} values of each instrument, amortised O(1) per push:
 * a monotonic deque per instrument of (bar index, value), kept in power-of-two rings laid out
 * time-major ({@code slot * instruments + i}).
 *
 * <p>The front of instrument {@code i}'s deque is the extreme of its window; an entry leaves from
 * the back when a newer value is at least as extreme, and from the front when it falls out of
 * the window. The value returned equals TA-Lib's running highest/lowest (the extreme value is
 * the same whichever of several equal entries is kept).
 */
final class MonotonicWindow {
    private final int instruments;
    private final int window;
    private final int mask;
    private final boolean highest;
    private final double[] values;
    private final int[] bars;
    private final int[] head;
    private final int[] size;

    MonotonicWindow(int instruments, int window, boolean highest) {
        this.instruments = instruments;
        this.window = window;
        int capacity = Integer.highestOneBit(Math.max(1, window - 1)) << 1;
        this.mask = capacity - 1;
        this.highest = highest;
        this.values = new double[Math.multiplyExact(instruments, capacity)];
        this.bars = new int[values.length];
        this.head = new int[instruments];
        this.size = new int[instruments];
    }

    /** Pushes instrument {@code i}'s value at its own bar {@code k}; returns the extreme of bars (k-window, k]. */
    double push(int i, int k, double x) {
        int b = instruments;
        int h = head[i];
        int s = size[i];
        if (s > 0 && bars[h * b + i] <= k - window) {
            h = (h + 1) & mask;
            s--;
        }
        while (s > 0) {
            double back = values[((h + s - 1) & mask) * b + i];
            if (highest ? back <= x : back >= x) {
                s--;
            } else {
                break;
            }
        }
        int at = ((h + s) & mask) * b + i;
        values[at] = x;
        bars[at] = k;
        head[i] = h;
        size[i] = s + 1;
        return values[h * b + i];
    }

    void reset() {
        Arrays.fill(head, 0);
        Arrays.fill(size, 0);
    }
}
