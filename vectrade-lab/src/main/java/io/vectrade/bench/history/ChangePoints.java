package io.vectrade.bench.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Change points of one metric's series over the history: a point is a change point when, on the
 * same machine as the point before it, its median moved by more than {@code threshold} (relative)
 * and the two 95% intervals of the median do not overlap. The first point, and the first point
 * after a machine change, are never change points (a new machine is marked as such instead).
 * Deliberately simple, so a flag can be checked by hand from the JSON line. Thread-safe (no state).
 */
public final class ChangePoints {
    private ChangePoints() {
    }

    /**
     * Indices of the change points of {@code points}.
     *
     * @param points    the series in order (same metric)
     * @param machines  the machine of each point
     * @param threshold relative change that counts, e.g. 0.1
     */
    public static List<Integer> of(List<HistoryEntry.Point> points, List<String> machines, double threshold) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            if (!machines.get(i).equals(machines.get(i - 1))) {
                continue;
            }
            HistoryEntry.Point a = points.get(i - 1);
            HistoryEntry.Point b = points.get(i);
            if (!(a.median() > 0)) {
                continue;
            }
            boolean moved = Math.abs(b.median() / a.median() - 1) > threshold;
            boolean disjoint = b.lower() > a.upper() || b.upper() < a.lower();
            if (moved && disjoint) {
                out.add(i);
            }
        }
        return out;
    }
}
