package io.vectrade.bench;

import io.vectrade.feature.FeatureSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The memory floor's arithmetic against hand-worked values, and the bandwidth probe's parsing. */
class MemoryFloorTest {
    private static final long PANEL_DAILY = 1000L * 2520;
    // triad 10 GB/s on 1 thread, 16 GB/s on 2
    private static final MemoryBandwidth BW = new MemoryBandwidth(64L << 20, 32L << 20, 2, 12e9, 10e9, 20e9, 16e9);

    @Test
    void featureBytesCountDistinctInputsOnceAndEveryOutput() {
        // rsi: close in, one column out: 2 × 8 B × 2,520,000 = 40,320,000
        assertThat(MemoryFloor.featureBytes(FeatureSet.parse("rsi(14)"), PANEL_DAILY)).isEqualTo(40_320_000L);
        // the panel workload: rsi, momentum, volatility all read close: 1 input + 3 outputs = 4 × 8 = 32 B/cell
        assertThat(MemoryFloor.featureBytes(FeatureSet.parse("rsi(14),momentum(10),volatility(20)"), 100))
                .isEqualTo(3200L);
        // macd (close; 3 outputs) + atr (high, low, close; 1 output): 3 inputs + 4 outputs = 56 B/cell
        assertThat(MemoryFloor.featureBytes(FeatureSet.parse("macd(12,26,9),atr(14)"), 10)).isEqualTo(560L);
        // vwap reads high, low, close, volume; obv close and volume
        assertThat(MemoryFloor.inputColumns(FeatureSet.parse("vwap(20)"))).isEqualTo(4);
        assertThat(MemoryFloor.inputColumns(FeatureSet.parse("obv"))).isEqualTo(2);
        // the standard set: high, low, close, volume (no feature reads open) + 22 columns = 26 × 8 = 208 B/cell
        assertThat(FeatureSet.standard().columns()).isEqualTo(22);
        assertThat(MemoryFloor.featureBytes(FeatureSet.standard(), PANEL_DAILY)).isEqualTo(208L * PANEL_DAILY);
    }

    @Test
    void stageBytesFollowTheRule() {
        // 4 inputs + 1 score = 40 B/cell
        assertThat(MemoryFloor.modelBytes(4, 100)).isEqualTo(4000L);
        // scores (8) + volatility (8) + frame (1 + 8 + 8) = 33 B/cell; without volatility 25
        assertThat(MemoryFloor.signalBytes(true, 100)).isEqualTo(3300L);
        assertThat(MemoryFloor.signalBytes(false, 100)).isEqualTo(2500L);
        // panel-daily: the dense frame alone is 42.84 MB (the "43 MB")
        assertThat(MemoryFloor.signalBytes(false, PANEL_DAILY) - 8 * PANEL_DAILY).isEqualTo(42_840_000L);
        // close in (8) + frame out (17) = 25 B/cell
        assertThat(MemoryFloor.pipelineBytes(FeatureSet.parse("rsi(14),volatility(20)"), 100)).isEqualTo(2500L);
    }

    @Test
    void fractionIsBytesOverTimeOverTheBandwidthOfTheCellsThreads() {
        // 48.4 MB in 6.05 ms = 8 GB/s
        assertThat(MemoryFloor.achievedBytesPerSecond(4.84e7, 6.05e6)).isCloseTo(8e9, within(1.0));
        // simd: all cores, triad 16 GB/s → 0.5; cpu: one thread, 10 GB/s → 0.8
        assertThat(MemoryFloor.fraction(4.84e7, 6.05e6, "simd", BW)).isCloseTo(0.5, within(1e-12));
        assertThat(MemoryFloor.fraction(4.84e7, 6.05e6, "cpu", BW)).isCloseTo(0.8, within(1e-12));
        // cuda computes in device memory; no bandwidth, no bytes or no time: unknown
        assertThat(MemoryFloor.fraction(4.84e7, 6.05e6, "cuda", BW)).isNaN();
        assertThat(MemoryFloor.fraction(4.84e7, 6.05e6, "simd", null)).isNaN();
        assertThat(MemoryFloor.fraction(Double.NaN, 6.05e6, "simd", BW)).isNaN();
        assertThat(MemoryFloor.fraction(4.84e7, 0, "simd", BW)).isNaN();
        assertThat(BW.floorBytesPerSecond(1)).isEqualTo(10e9);
        assertThat(BW.floorBytesPerSecond(2)).isEqualTo(16e9);
    }

    @Test
    void theNoteStatesTheFigures() {
        assertThat(MemoryFloor.describe(BW)).contains("triad 10.0 GB/s on 1 thread").contains("triad 16.0 GB/s on 2 threads")
                .contains("copy 12.0 GB/s").contains("arrays of 64.0 MiB").doesNotContain("cache hits");
        MemoryBandwidth smallArrays = new MemoryBandwidth(8L << 20, 480L << 20, 2, 1, 1, 1, 1);
        assertThat(MemoryFloor.describe(smallArrays)).contains("cache hits");
    }

    @Test
    void cacheSizesAsSysfsWritesThem(@TempDir Path dir) throws IOException {
        assertThat(BandwidthProbe.parseCacheSize("491520K\n")).isEqualTo(491_520L * 1024);
        assertThat(BandwidthProbe.parseCacheSize("2M")).isEqualTo(2L << 20);
        assertThat(BandwidthProbe.parseCacheSize("1048576")).isEqualTo(1L << 20);
        assertThat(BandwidthProbe.parseCacheSize("")).isEqualTo(-1);
        assertThat(BandwidthProbe.parseCacheSize("K")).isEqualTo(-1);
        assertThat(BandwidthProbe.parseCacheSize("12 KB")).isEqualTo(-1);
        assertThat(BandwidthProbe.parseCacheSize(null)).isEqualTo(-1);
        for (String[] c : new String[][] {{"index0", "48K"}, {"index2", "2048K"}, {"index3", "32M"}}) {
            Files.createDirectories(dir.resolve(c[0]));
            Files.writeString(dir.resolve(c[0]).resolve("size"), c[1] + "\n");
        }
        Files.createDirectories(dir.resolve("power"));
        assertThat(BandwidthProbe.lastLevelCacheBytes(dir)).isEqualTo(32L << 20);
        assertThat(BandwidthProbe.lastLevelCacheBytes(dir.resolve("missing"))).isEqualTo(-1);
    }

    @Test
    void bytesPerSecondAndASmallProbe() {
        assertThat(BandwidthProbe.bytesPerSecond(24_000_000L, 2_000_000L)).isEqualTo(12e9);
        assertThat(BandwidthProbe.bytesPerSecond(24, 0)).isZero();
        // a 1 MiB probe on 2 threads: cache-resident, so only the shape is checked, not the figures
        MemoryBandwidth b = BandwidthProbe.measure(1L << 20, 2);
        assertThat(b.arrayBytes()).isEqualTo(1L << 20);
        assertThat(b.threads()).isEqualTo(2);
        for (double v : new double[] {b.copyOneThread(), b.triadOneThread(), b.copyAllCores(), b.triadAllCores()}) {
            assertThat(v).isPositive().isFinite();
        }
    }
}
