package io.vectrade.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeapBudgetTest {
    private static final long MIB = 1 << 20;

    @Test
    void aPanelWithinTheShareFitsAndOneBeyondItIsNamedWithTheShare() {
        long heap = 1000 * MIB;
        long fits = (long) (0.8 * heap / HeapBudget.BYTES_PER_CELL);
        assertThat(HeapBudget.problem(fits, heap)).isNull();
        // 90 % of the heap: under the heap, over its 80 % share; the line must not read as if it fitted
        long over = (long) (0.9 * heap / HeapBudget.BYTES_PER_CELL);
        assertThat(HeapBudget.problem(over, heap))
                .startsWith("does not fit the heap: " + over + " instrument-bars need about 900 MiB, more than 80 % of the 1000 MiB heap");
        assertThatThrownBy(() -> HeapBudget.check("panel", over, heap)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("panel");
    }
}
