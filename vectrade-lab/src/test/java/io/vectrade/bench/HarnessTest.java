package io.vectrade.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HarnessTest {

    @Test
    void rotatesInputsAndKeepsEverySample() {
        List<Integer> seen = new ArrayList<>();
        int[] after = new int[1];
        Harness.Settings s = new Harness.Settings(3, 7, 0, 0);
        Harness.Timing t = Harness.measure(seen::add, 4, s, () -> after[0]++);
        assertThat(t.nanosPerCall()).hasSize(7);
        assertThat(java.util.Arrays.stream(t.nanosPerCall()).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(t.callsPerSample()).isGreaterThanOrEqualTo(1);
        // at least two timed warm-up calls, then (3 warm-up + 7 measured) samples of callsPerSample calls
        int calls = seen.size();
        assertThat(calls - (3 + 7) * t.callsPerSample()).isGreaterThanOrEqualTo(2);
        for (int k = 0; k < calls; k++) {
            assertThat(seen.get(k)).isEqualTo(k % 4);
        }
        assertThat(after[0]).isEqualTo(3 + 7);
        assertThat(t.gcCount()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void batchesShortCallsToReachTheSampleTime() {
        Harness.Settings s = new Harness.Settings(0, 3, 0, 2_000_000);
        Harness.Timing t = Harness.measure(v -> { }, 1, s, () -> { });
        // an empty call is far below 2 ms: many calls per sample
        assertThat(t.callsPerSample()).isGreaterThan(10);
    }

    @Test
    void measuresAllocation() {
        Object[] keep = new Object[1];
        Harness.Settings s = new Harness.Settings(1, 5, 0, 0);
        Harness.Timing t = Harness.measure(v -> keep[0] = new long[1000], 1, s, () -> { });
        if (t.allocBytesPerCallThread() >= 0) {
            // a long[1000] is 8,000 bytes of payload plus its header
            assertThat(t.allocBytesPerCallThread()).isGreaterThanOrEqualTo(8000);
            assertThat(t.allocBytesPerCallAll()).isGreaterThanOrEqualTo(8000);
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new Harness.Settings(0, 0, 0, 0)).hasMessageContaining("test=0");
        assertThatThrownBy(() -> Harness.measure(v -> { }, 0, new Harness.Settings(0, 1, 0, 0), () -> { }))
                .hasMessageContaining("variants=0");
    }

    /** The settle phase runs while the JIT reports compilations, and stops once it has been quiet long enough. */
    @Test
    void warmUpRunsUntilTheJitIsQuiet() {
        int[] calls = new int[1];
        long[] jit = {0};
        // the "JIT" finishes a compilation on each of the first 30 samples, then none
        int[] samples = new int[1];
        Harness.Call call = v -> calls[0]++;
        int k = Harness.settle(call, 1, 0, 1, 20_000_000L, () -> {
            if (++samples[0] <= 30) {
                jit[0]++;
            }
        }, () -> jit[0]);
        assertThat(samples[0]).isGreaterThan(30);
        assertThat(k).isEqualTo(calls[0]);
    }

    @Test
    void aJitThatNeverSettlesIsCappedAndNoWarmUpTimeMeansNoSettling() {
        long[] jit = {0};
        long t0 = System.nanoTime();
        Harness.settle(v -> { }, 1, 0, 1, 5_000_000L, () -> jit[0]++, () -> jit[0]);
        long tookNanos = System.nanoTime() - t0;
        assertThat(tookNanos).as("capped at 100 x 5 ms, plus slack for a loaded machine").isLessThan(4_000_000_000L);
        assertThat(tookNanos).isGreaterThanOrEqualTo(50_000_000L);
        int[] after = new int[1];
        assertThat(Harness.settle(v -> { }, 1, 7, 1, 0, () -> after[0]++, () -> jit[0]++)).isEqualTo(7);
        assertThat(after[0]).isZero();
    }

    /** A quiet JIT with a compilation still running (a long C2 compile finishes nothing for a while) is not settled. */
    @Test
    void aCompilationInProgressKeepsTheWarmUpGoing() {
        int[] samples = new int[1];
        // the compiler is busy for the first 40 samples' checks, the JIT total never changes
        int k = Harness.settle(v -> { }, 1, 0, 1, 2_000_000L, () -> samples[0]++, () -> 5L, () -> samples[0] < 40);
        assertThat(samples[0]).isGreaterThanOrEqualTo(40);
        assertThat(k).isEqualTo(samples[0]);
    }

    @Test
    void readsTheCompilerQueueText() {
        String idle = "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n\n";
        assertThat(Harness.compilerBusy(idle)).isFalse();
        String running = "Current compiles: \nC2 CompilerThread0  1357   !   4       a.B::c (530 bytes)\n\n"
                + "C1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n";
        assertThat(Harness.compilerBusy(running)).isTrue();
        String queued = "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\n"
                + "1359       4       a.List$2::hasNext (16 bytes)\n\n";
        assertThat(Harness.compilerBusy(queued)).isTrue();
        assertThat(Harness.compilerBusy("")).isFalse();
    }
}
