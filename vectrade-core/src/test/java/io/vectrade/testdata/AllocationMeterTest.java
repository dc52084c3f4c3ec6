package io.vectrade.testdata;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AllocationMeter#measureAfterSettling}: a late one-time allocation (as HotSpot's at a class's first
 * C2 compile request) falls in the warm-up, not in the measured window; allocation per call, or now and then
 * within a window, still shows.
 */
class AllocationMeterTest {
    private static final int MIN_WARMUP = 2_000;
    private static final int WINDOW = 200;
    /** Where the window was that the meter measured after three clean probe windows (2,000 + 3 x 200 calls). */
    private static final int OLD_WINDOW_CALL = MIN_WARMUP + 3 * WINDOW + WINDOW / 2;

    private static volatile Object sink;

    @Test
    void aLateOneTimeAllocationFallsInTheWarmUp() {
        AllocationMeter meter = AllocationMeter.before();
        int[] calls = {0};
        // one allocation, at a call inside the window the meter measured when it stopped after three clean
        // probe windows: as SignalChain's 408 B of strings at its first C2 request (about call 4,000-6,500)
        Runnable call = () -> {
            if (++calls[0] == OLD_WINDOW_CALL) {
                sink = new byte[392];
            }
        };
        AllocationMeter.Window w = meter.measureAfterSettling(call, MIN_WARMUP, 100_000, WINDOW);
        assertThat(w.bytes()).as("bytes in the measured window (calls %d)", w.calls()).isZero();
        assertThat(w.calls()).isEqualTo(calls[0]).isGreaterThanOrEqualTo(OLD_WINDOW_CALL + AllocationMeter.QUIET_CALLS + WINDOW);
    }

    @Test
    void allocationOnEveryCallShows() {
        AllocationMeter meter = AllocationMeter.before();
        AllocationMeter.Window w = meter.measureAfterSettling(() -> sink = new long[4], MIN_WARMUP, 20_000, WINDOW);
        // a long[4] is at least a 16-byte header and 32 bytes of data; never settles, so the warm-up stops at its most
        assertThat(w.bytes()).isGreaterThanOrEqualTo(WINDOW * 48L);
        assertThat(w.calls()).isEqualTo(20_000 + WINDOW);
    }

    @Test
    void allocationNowAndThenWithinAWindowShows() {
        AllocationMeter meter = AllocationMeter.before();
        int[] calls = {0};
        AllocationMeter.Window w = meter.measureAfterSettling(() -> {
            if (++calls[0] % 150 == 0) {
                sink = new byte[64];
            }
        }, MIN_WARMUP, 20_000, WINDOW);
        assertThat(w.bytes()).isGreaterThanOrEqualTo(80);
    }
}
