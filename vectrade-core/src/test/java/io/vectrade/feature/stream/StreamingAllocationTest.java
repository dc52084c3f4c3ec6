package io.vectrade.feature.stream;

import io.vectrade.feature.FeatureSet;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functional check (not a timing): after warm-up, pushing 10,000 ticks of 1,024 instruments through
 * the full standard set allocates nothing on the calling thread, measured with
 * {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}.
 */
class StreamingAllocationTest {
    private static final int INSTRUMENTS = 1024;
    private static final int TICKS = 10_000;

    @Test
    void tickUpdateAllocatesNothingAfterWarmUp() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        FeatureSet set = FeatureSet.standard();
        StreamingFeatures live = StreamingFeatures.of(set, INSTRUMENTS);
        // a few pre-generated ticks, cycled: prices wander, some instruments miss some ticks
        int distinct = 64;
        double[][][] ticks = randomTicks(distinct);
        double[] row = new double[live.columns() * INSTRUMENTS];
        double[] single = new double[live.columns()];

        for (int t = 0; t < 500; t++) {
            push(live, ticks[t % distinct], row, single);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int t = 0; t < TICKS; t++) {
            push(live, ticks[t % distinct], row, single);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(live.warm(0)).isTrue();
        assertThat(Double.isNaN(row[set.columnIndex("macd(12,26,9).hist") * INSTRUMENTS])).isFalse();
        // less than one byte per tick: no per-tick (let alone per-instrument) allocation
        assertThat(allocated).as("bytes allocated over %d ticks", TICKS).isLessThan(TICKS);
    }

    private static void push(StreamingFeatures live, double[][] tick, double[] row, double[] single) {
        live.update(tick[0], tick[1], tick[2], tick[3], tick[4], row);
        live.update(3, tick[0][3], tick[1][3], tick[2][3], tick[3][3], tick[4][3], single, 0);
    }

    private static double[][][] randomTicks(int count) {
        SplittableRandom r = new SplittableRandom(7);
        double[][][] ticks = new double[count][5][INSTRUMENTS];
        double[] price = new double[INSTRUMENTS];
        java.util.Arrays.fill(price, 100);
        for (int t = 0; t < count; t++) {
            for (int i = 0; i < INSTRUMENTS; i++) {
                price[i] *= 1 + 0.01 * (r.nextDouble() - 0.5);
                double p = price[i];
                boolean missing = i % 7 == 0 && r.nextInt(10) == 0;
                ticks[t][0][i] = p;
                ticks[t][1][i] = p * 1.01;
                ticks[t][2][i] = p * 0.99;
                ticks[t][3][i] = missing ? Double.NaN : p * (1 + 0.005 * (r.nextDouble() - 0.5));
                ticks[t][4][i] = 1000 + r.nextInt(1000);
            }
        }
        return ticks;
    }
}
