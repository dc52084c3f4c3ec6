package io.vectrade.cuda;

import io.vectrade.backend.BackendUnavailableException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The bindings on a machine without the CUDA driver: a clean "unavailable", never a stack trace. */
class CudaProbeTest {

    @SuppressWarnings("restricted")
    private static boolean driverPresent() {
        try {
            SymbolLookup.libraryLookup(CudaDriver.LIBRARY, Arena.ofAuto());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void missingLibraryIsReportedWithItsName() {
        assertThatThrownBy(() -> CudaDriver.open("libvectrade-no-such-driver.so.1"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("libvectrade-no-such-driver.so.1");
    }

    @Test
    void probeWithoutDriverIsUnavailableWithOneLineReason() {
        assumeFalse(driverPresent(), "libcuda.so.1 is present: covered by the gpu tests");
        CudaProbe p = Cuda.probe();
        assertThat(p.available()).isFalse();
        assertThat(p.reason()).contains("libcuda.so.1").doesNotContain("\n");
        assertThat(p.device()).isNull();
        assertThat(p.describe()).startsWith("unavailable: ").contains("libcuda.so.1");
        assertThat(Cuda.probe()).isEqualTo(p);
    }

    @Test
    void engineWithoutDriverThrowsTheProbeReason() {
        assumeFalse(driverPresent(), "libcuda.so.1 is present: covered by the gpu tests");
        assertThatThrownBy(() -> CudaFeatureEngine.open(CudaFeatureEngine.Precision.DOUBLE))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("libcuda.so.1");
    }

    @Test
    void cudaExceptionNamesCallAndError() {
        CudaException e = new CudaException("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY");
        assertThat(e).hasMessage("cuMemAlloc_v2 failed, error=CUDA_ERROR_OUT_OF_MEMORY (2)");
        assertThat(e.call()).isEqualTo("cuMemAlloc_v2");
        assertThat(e.code()).isEqualTo(2);
    }

    @Test
    void deviceInfoDescribesDriverAndComputeCapability() {
        CudaDeviceInfo d = new CudaDeviceInfo("NVIDIA H100 80GB HBM3", 85_520_809_984L, 13000, 9, 0, 132);
        assertThat(d.driverVersionText()).isEqualTo("13.0");
        assertThat(new CudaDeviceInfo("x", 0, 12080, 8, 6, 1).driverVersionText()).isEqualTo("12.8");
        assertThat(d.smName()).isEqualTo("sm_90");
        assertThat(d.describe()).isEqualTo("NVIDIA H100 80GB HBM3, 81559 MiB, compute capability 9.0 (sm_90), 132 SMs, CUDA driver 13.0");
        assertThat(new CudaProbe(false, "no CUDA device found", null).describe()).isEqualTo("unavailable: no CUDA device found");
    }
}
