package io.vectrade.feature.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How {@link LaneBlock#blocks} and {@link LaneBlock#blockStart} cut a panel's instruments into blocks. */
class LaneBlockTest {
    @Test
    void blocksAreWholeUnitsWithinTheirVectorsAndANarrowLastUnitAlone() {
        int lanes = LaneBlock.LANES;
        int unit = LaneBlock.UNIT;
        assertThat(unit).isEqualTo(4 * lanes);
        for (int count = 1; count <= 3000; count++) {
            int blocks = LaneBlock.blocks(count);
            assertThat(LaneBlock.blockStart(count, blocks, 0)).isZero();
            assertThat(LaneBlock.blockStart(count, blocks, blocks)).isEqualTo(count);
            int tail = count % unit;
            boolean narrowTail = tail > 0 && tail < lanes;
            // one unit per 32 instruments, the units with a vector or more grouped at most WIDTH / UNIT a block
            int laneUnits = count / unit + (tail >= lanes ? 1 : 0);
            int perBlock = LaneBlock.WIDTH / unit;
            int expected = laneUnits == 0 ? 1 : (laneUnits + perBlock - 1) / perBlock + (narrowTail ? 1 : 0);
            assertThat(blocks).as("count=%d", count).isEqualTo(expected);
            int smallest = Integer.MAX_VALUE;
            int largest = 0;
            for (int k = 0; k < blocks; k++) {
                int from = LaneBlock.blockStart(count, blocks, k);
                int width = LaneBlock.blockStart(count, blocks, k + 1) - from;
                assertThat(from % unit).as("count=%d block %d starts on a unit", count, k).isZero();
                assertThat(width).as("count=%d block %d", count, k).isPositive().isLessThanOrEqualTo(LaneBlock.WIDTH);
                boolean last = k == blocks - 1;
                if (width < lanes) {
                    // only a narrow last unit (or a whole panel narrower than a vector) is under a vector
                    assertThat(last && (narrowTail || count < lanes)).as("count=%d block %d of %d", count, k, width).isTrue();
                    continue;
                }
                if (!last && !(narrowTail && k == blocks - 2)) {
                    assertThat(width % unit).as("count=%d block %d whole units", count, k).isZero();
                }
                smallest = Math.min(smallest, (width + unit - 1) / unit);
                largest = Math.max(largest, (width + unit - 1) / unit);
            }
            if (largest > 0) {
                assertThat(largest - smallest).as("count=%d units dealt out evenly", count).isLessThanOrEqualTo(1);
            }
        }
    }
}
