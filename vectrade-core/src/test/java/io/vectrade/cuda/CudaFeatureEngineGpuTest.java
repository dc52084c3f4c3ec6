package io.vectrade.cuda;

import io.vectrade.backend.DeviceMemoryStats;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.testdata.RandomMarket;
import io.vectrade.testdata.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GPU verification: every kernel on a real NVIDIA GPU against the cpu reference, on fresh random
 * and real data; double to 1e-10, float to 1e-4 (see {@link FeatureTableComparison}), NaN exactly
 * where the reference has NaN. Tagged {@code gpu}: excluded from {@code mvn verify}, run by
 * {@code scripts/gpu-check}; skipped when no usable GPU is present.
 */
@Tag("gpu")
class CudaFeatureEngineGpuTest {
    private static final String NON_DEFAULT = "rsi(2),momentum(1),roc(3),volatility(2),logret(5),sma(2),ema(2),"
            + "macd(12,26,5),bbands(5,1.5),atr(1),stoch(5,1,1),willr(2),cci(2),adx(2),zscore(3),vwap(2),"
            + "ema(50),stoch(3,5,2),adx(7),atr(30),ema(200)";

    /** The scanned recurrences with default and edge parameters (swapped macd periods, short and long periods). */
    private static final String SCANNED = "rsi(14),rsi(2),rsi(50),atr(14),atr(1),atr(30),macd(12,26,9),macd(12,26,5),"
            + "macd(3,5,2),ema(20),ema(200),obv,sma(20),adx(14),adx(2),adx(30)";

    @BeforeAll
    static void requireGpu() {
        CudaProbe p = Cuda.probe();
        assumeTrue(p.available(), "no usable GPU: " + p.reason());
        System.out.println("gpu: " + p.describe());
    }

    private static void check(String label, Panel panel, FeatureSet fs, CudaFeatureEngine.Precision precision) {
        boolean f = precision == CudaFeatureEngine.Precision.FLOAT;
        FeatureTable expected = new CpuFeatureEngine().compute(f ? FeatureTableComparison.roundedToFloat(panel) : panel, fs);
        try (CudaFeatureEngine gpu = CudaFeatureEngine.open(precision)) {
            FeatureTable got = gpu.compute(panel, fs);
            double worst = FeatureTableComparison.assertMatches(label, panel, got, expected, f);
            System.out.printf("%s %s: worst error %.3g, %s%n", label, precision, worst, gpu.lastTimings());
            // a second run on the same engine reuses its buffers and must give the same values
            FeatureTable again = FeatureTable.allocate(fs, panel);
            gpu.computeInto(panel, fs, again);
            for (int c = 0; c < fs.columns(); c++) {
                assertThat(again.column(c)).as(label + " rerun " + fs.columnNames().get(c)).isEqualTo(got.column(c));
            }
        }
    }

    @ParameterizedTest(name = "seed={0} instruments={1} bars={2} missing={3} {4} set={5}")
    @CsvSource({
            "101, 300, 1000, 0.0, DOUBLE, standard",
            "102, 300, 1000, 0.0, FLOAT, standard",
            "103, 257, 700, 0.05, DOUBLE, standard",
            "104, 257, 700, 0.05, FLOAT, standard",
            "105, 1, 20000, 0.0, DOUBLE, standard",
            "106, 1, 20000, 0.01, FLOAT, standard",
            "107, 3, 5000, 0.02, DOUBLE, nondefault",
            "108, 64, 400, 0.3, DOUBLE, nondefault",
            "109, 64, 400, 0.3, FLOAT, nondefault",
            "110, 2000, 60, 0.1, DOUBLE, standard",
            // few instruments, long histories: ema, rsi, atr, macd, adx (and obv in float) run as chunked scans
            "111, 1, 60000, 0.0, DOUBLE, scanned",
            "112, 1, 60000, 0.0, FLOAT, scanned",
            "113, 4, 50000, 0.02, DOUBLE, scanned",
            "114, 3, 50000, 0.05, FLOAT, scanned",
            "115, 2, 100000, 0.0, DOUBLE, standard",
            "116, 1, 100000, 0.01, FLOAT, standard",
            // N x 8 below the target threads and T >= 2048: panel-daily-like shapes also take the scans
            "117, 1000, 2520, 0.0, DOUBLE, standard",
            "118, 1000, 2520, 0.0, FLOAT, standard",
            "119, 300, 3000, 0.03, DOUBLE, scanned",
            "120, 300, 3000, 0.03, FLOAT, scanned",
    })
    void matchesCpuReferenceOnFreshRandomPanels(long seed, int instruments, int bars, double missing,
                                                CudaFeatureEngine.Precision precision, String set) {
        long fresh = seed ^ System.nanoTime();
        Panel panel = RandomMarket.panel(fresh, instruments, bars, missing);
        FeatureSet fs = switch (set) {
            case "standard" -> FeatureSet.standard();
            case "scanned" -> FeatureSet.parse(SCANNED);
            default -> FeatureSet.parse(NON_DEFAULT);
        };
        check("random seed=" + fresh, panel, fs, precision);
    }

    @Test
    void matchesCpuReferenceOnRealData() {
        for (CudaFeatureEngine.Precision p : CudaFeatureEngine.Precision.values()) {
            check("aapl", RealData.aaplDaily().toPanel(), FeatureSet.standard(), p);
            check("bitstamp", RealData.bitstampMinutes().toPanel(), FeatureSet.standard(), p);
        }
    }

    @Test
    void reportsMemoryAndTimings() {
        Panel panel = RandomMarket.panel(7, 100, 500, 0.0);
        try (CudaFeatureEngine gpu = CudaFeatureEngine.open(CudaFeatureEngine.Precision.DOUBLE)) {
            gpu.compute(panel, FeatureSet.standard());
            DeviceMemoryStats m = gpu.memoryStats();
            assertThat(m.currentBytes()).isPositive().isLessThanOrEqualTo(m.peakBytes());
            assertThat(m.driverTotalBytes()).isPositive().isGreaterThanOrEqualTo(m.driverFreeBytes());
            CudaStageTimings t = gpu.lastTimings();
            assertThat(t.uploadMillis()).isPositive();
            assertThat(t.kernelMillis()).isPositive();
            assertThat(t.deviceMillis()).isGreaterThanOrEqualTo(t.kernelMillis());
        }
    }

    @Test
    void driverErrorsNameTheCallAndTheError() {
        CudaRuntime rt = Cuda.runtime();
        // a name the kernel table does not know is refused before the driver is asked
        assertThatThrownBy(() -> rt.call(() -> {
            rt.launch("vt_no_such_kernel_f64", 1, 1, 1, 0);
            return null;
        })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown kernel, kernel=vt_no_such_kernel_f64");
        // a launch the driver itself refuses: 4,096 threads per block is over every card's limit of 1,024
        assertThatThrownBy(() -> rt.call(() -> {
            rt.launch("vt_rsi_f64", 1, 1, 4096, 0, 0L, 0L, 0L, 1, 14);
            return null;
        })).isInstanceOf(CudaException.class)
                .hasMessageContaining("cuLaunchKernel failed")
                .hasMessageContaining("CUDA_ERROR_INVALID_VALUE");
        assertThatThrownBy(() -> rt.alloc(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vectrade-cuda");
    }
}
