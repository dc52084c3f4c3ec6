package io.vectrade.cuda;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live kernels that {@link CudaStreamingFeatures} launches are in every image of the packaged
 * fatbin (SASS for each architecture and the PTX), found by name; no GPU needed. Skipped when the
 * build made no fatbin (no nvcc).
 */
class LiveKernelsFatbinTest {
    @Test
    void everyImageOfThePackagedFatbinHasTheLiveKernels() throws IOException {
        byte[] fatbin;
        try (InputStream in = CudaRuntime.class.getResourceAsStream(CudaRuntime.FATBIN_RESOURCE)) {
            assumeTrue(in != null, "no packaged " + CudaRuntime.FATBIN_RESOURCE + ": the kernel build was skipped");
            fatbin = in.readAllBytes();
        }
        List<FatbinTest.Entry> entries = FatbinTest.parse(fatbin);
        assertThat(entries).isNotEmpty();
        int checked = 0;
        for (FatbinTest.Entry e : entries) {
            String text = new String(e.payload(), StandardCharsets.ISO_8859_1);
            if (e.kind() == FatbinTest.KIND_PTX && !text.contains(".entry")) {
                continue;  // a compressed PTX image: names not readable
            }
            for (String k : CudaStreamingFeatures.KERNELS) {
                assertThat(text).as("image kind=" + e.kind() + " arch=" + e.arch())
                        .contains("vt_" + k + "_f32").contains("vt_" + k + "_f64");
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
    }
}
