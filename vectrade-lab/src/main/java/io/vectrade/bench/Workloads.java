package io.vectrade.bench;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark workloads (docs/design.md, "Standard workloads") on the embedded synthetic market: a
 * GARCH random walk with a market factor and jumps, so min/max and sign branches see an
 * unpredictable mix. Same seed, same panel. Thread-safe (no state).
 */
public final class Workloads {
    private Workloads() {
    }

    /** Name of the single-series workload of {@code bars} bars: {@code series-1k}, {@code series-2500}. */
    public static String seriesName(int bars) {
        if (bars % 1_000_000 == 0) {
            return "series-" + bars / 1_000_000 + "m";
        }
        return bars % 1000 == 0 ? "series-" + bars / 1000 + "k" : "series-" + bars;
    }

    /** {@code count} different panels of one shape (seeds {@code seed, seed+1, ...}), for input rotation. */
    public static List<Panel> variants(int instruments, int bars, int count, long seed) {
        List<Panel> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(panel(instruments, bars, seed + k));
        }
        return out;
    }

    /**
     * A panel of {@code instruments} × {@code bars} from the embedded synthetic market
     * ({@link SyntheticMarket}, seeded, deterministic).
     *
     * @throws IllegalArgumentException for non-positive sizes
     */
    public static Panel panel(int instruments, int bars, long seed) {
        return SyntheticMarket.generate(instruments, bars, seed);
    }
}
