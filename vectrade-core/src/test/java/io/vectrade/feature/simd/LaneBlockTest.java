package io.vectrade.feature.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@link LaneBlock#blocks} and {@link LaneBlock#blockStart} cut a panel's instruments into blocks. */
class LaneBlockTest {
    @ParameterizedTest(name = "vectors={0}")
    @ValueSource(ints = {2, 4, 32})
    void blocksCoverEveryInstrumentOnceWithinTheirVectors(int vectors) {
        int lanes = LaneBlock.LANES;
        for (int count = 1; count <= 3000; count++) {
            int blocks = LaneBlock.blocks(count, vectors);
            if (count < lanes) {
                assertThat(blocks).as("count=%d", count).isEqualTo(1);
                continue;
            }
            // as few blocks as fit: one fewer would need more than `vectors` vectors somewhere
            int needed = (count + lanes - 1) / lanes;
            assertThat((long) blocks * vectors).as("count=%d", count).isGreaterThanOrEqualTo(needed);
            assertThat((long) (blocks - 1) * vectors).as("count=%d", count).isLessThan(needed);
            assertThat(LaneBlock.blockStart(count, blocks, 0)).isZero();
            assertThat(LaneBlock.blockStart(count, blocks, blocks)).isEqualTo(count);
            int smallest = Integer.MAX_VALUE;
            int largest = 0;
            for (int k = 0; k < blocks; k++) {
                int from = LaneBlock.blockStart(count, blocks, k);
                int width = LaneBlock.blockStart(count, blocks, k + 1) - from;
                assertThat(from % lanes).as("count=%d block %d starts on a vector", count, k).isZero();
                assertThat(width).as("count=%d block %d at least a vector", count, k).isGreaterThanOrEqualTo(lanes);
                assertThat((width + lanes - 1) / lanes).as("count=%d block %d vectors", count, k).isLessThanOrEqualTo(vectors);
                if (k < blocks - 1) {
                    assertThat(width % lanes).as("count=%d block %d whole vectors", count, k).isZero();
                }
                smallest = Math.min(smallest, width / lanes);
                largest = Math.max(largest, width / lanes);
            }
            assertThat(largest - smallest).as("count=%d full vectors dealt out evenly", count).isLessThanOrEqualTo(1);
        }
    }
}
