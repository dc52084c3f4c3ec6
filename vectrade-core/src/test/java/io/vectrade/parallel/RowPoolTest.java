package io.vectrade.parallel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowPoolTest {

    @ParameterizedTest(name = "parts={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void everyBlockRunsExactlyOnceOnItsStaticPart(int parts) {
        try (RowPool pool = new RowPool(parts, "test-pool")) {
            for (int total : new int[] {0, 1, 2, 7, 64, 1000}) {
                for (int rep = 0; rep < 50; rep++) {
                    AtomicLongArray hits = new AtomicLongArray(Math.max(total, 1));
                    int[] owner = new int[Math.max(total, 1)];
                    pool.run((part, from, to) -> {
                        for (int b = from; b < to; b++) {
                            hits.incrementAndGet(b);
                            owner[b] = part;
                        }
                    }, total);
                    for (int b = 0; b < total; b++) {
                        assertThat(hits.get(b)).as("block %d of %d", b, total).isEqualTo(1);
                        // w * B / W <= b < (w + 1) * B / W, computed independently
                        int expected = -1;
                        for (int w = 0; w < parts; w++) {
                            if ((long) total * w / parts <= b && b < (long) total * (w + 1) / parts) {
                                expected = w;
                            }
                        }
                        assertThat(owner[b]).as("part of block %d of %d", b, total).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void aWorkersFailureIsRethrownAndThePoolStaysUsable() {
        try (RowPool pool = new RowPool(2, "test-pool")) {
            assertThatThrownBy(() -> pool.run((part, from, to) -> {
                if (part == 1) {
                    throw new IllegalStateException("boom in part 1");
                }
            }, 4)).isInstanceOf(IllegalStateException.class).hasMessage("boom in part 1");
            long[] sum = new long[2];
            pool.run((part, from, to) -> sum[part] = to - from, 10);
            assertThat(sum[0] + sum[1]).isEqualTo(10);
        }
    }

    @Test
    void workersParkedAfterIdlingWakeUpForTheNextJob() throws InterruptedException {
        try (RowPool pool = new RowPool(3, "test-pool")) {
            int[] ran = new int[3];
            for (int rep = 0; rep < 3; rep++) {
                // longer than spin + yield: the workers are parked when the job comes
                Thread.sleep((RowPool.SPIN_NANOS + RowPool.YIELD_NANOS) / 1_000_000 + 20);
                pool.run((part, from, to) -> ran[part]++, 3);
            }
            assertThat(ran).containsExactly(3, 3, 3);
        }
    }

    @Test
    void aClosedPoolRefusesWork() {
        RowPool pool = new RowPool(2, "test-pool");
        pool.close();
        assertThatThrownBy(() -> pool.run((part, from, to) -> { }, 1)).isInstanceOf(IllegalStateException.class);
    }
}
