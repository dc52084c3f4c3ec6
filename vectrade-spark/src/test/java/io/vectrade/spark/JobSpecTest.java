package io.vectrade.spark;

import io.vectrade.backend.Backend;
import io.vectrade.model.Models;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Block sizes of {@link JobSpec#of}: hand-computed for panel-daily and a small universe, with 1, 2 and 3 cores. */
class JobSpecTest {
    private static final String POLICY = "rank(quantile=0.1) | voltarget(target=0.1) | caps(max=0.05,gross=1)";

    @ParameterizedTest(name = "{0}x{1} cells={2} parallelism={3}")
    @CsvSource({
        // 1,000,000 / 2,520 = 396 instruments: 3 blocks; 1 core: 3 blocks of 352 (334 rounded up to 32);
        // 1,000,000 / 1,000 = 1,000 bars: 3 buckets of 840
        "1000, 2520, 1000000, 1, 352, 840, 3, 3",
        // 2 cores: 4 blocks of 256 (250 rounded up), 4 buckets of 630
        "1000, 2520, 1000000, 2, 256, 630, 4, 4",
        // 3 cores: 3 blocks, 3 buckets, as with one
        "1000, 2520, 1000000, 3, 352, 840, 3, 3",
        // a universe of one block: 2 cores split it in two (65 = 64 + 1) and the bars in two
        "65, 300, 1000000, 2, 64, 150, 2, 2",
        "65, 300, 1000000, 1, 96, 300, 1, 1",
    })
    void blocksAreAMultipleOfTheCores(int instruments, int bars, long cells, int parallelism, int ipb, int bpb,
                                      int blocks, int buckets) {
        String[] symbols = new String[instruments];
        for (int i = 0; i < instruments; i++) {
            symbols[i] = String.format("S%04d", i);
        }
        long[] calendar = new long[bars];
        for (int t = 0; t < bars; t++) {
            calendar[t] = t * 86_400_000L;
        }
        JobSpec spec = JobSpec.of(Backend.SIMD, Models.defaultModel(), POLICY, false, new Universe(symbols, calendar),
                cells, parallelism);
        assertThat(spec.instrumentsPerBlock()).isEqualTo(ipb);
        assertThat(spec.barsPerBucket()).isEqualTo(bpb);
        assertThat((instruments + ipb - 1) / ipb).isEqualTo(blocks);
        assertThat(spec.buckets()).isEqualTo(buckets);
    }
}
