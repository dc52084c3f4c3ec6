package io.vectrade.gpu;

import io.vectrade.bench.Series;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The NVML and NVTX bindings against a fake libnvidia-ml compiled with gcc from
 * {@code src/test/nvml/fake_libnvml.c} (skipped without gcc). Not GPU verification.
 */
@SuppressWarnings("restricted")
class NvmlFakeLibraryTest {
    private static Path fake;
    private static MethodHandle configure;
    private static MethodHandle initialised;
    private static MethodHandle pushes;
    private static MethodHandle pops;
    private static MethodHandle lastRange;

    @BeforeAll
    static void compileFake(@TempDir Path dir) throws Exception {
        Path gcc = Path.of("/usr/bin/gcc");
        assumeThat(Files.isExecutable(gcc)).as("gcc not found: fake NVML tests skipped").isTrue();
        fake = dir.resolve("libfakenvml.so");
        Process p = new ProcessBuilder(gcc.toString(), "-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o",
                fake.toString(), "src/test/nvml/fake_libnvml.c").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        SymbolLookup lib = SymbolLookup.libraryLookup(fake, Arena.global());
        Linker l = Linker.nativeLinker();
        configure = l.downcallHandle(lib.find("fake_configure").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT));
        initialised = l.downcallHandle(lib.find("fake_initialised").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
        pushes = l.downcallHandle(lib.find("fake_pushes").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
        pops = l.downcallHandle(lib.find("fake_pops").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
        lastRange = l.downcallHandle(lib.find("fake_last_range").orElseThrow(), FunctionDescriptor.of(ADDRESS));
    }

    private static Nvml fakeNvml(int initResult, int devices) throws Throwable {
        configure.invokeExact(initResult, devices);
        return Nvml.open(fake.toString());
    }

    @Test
    void bindsEveryEntryPointAndReadsOneSample() throws Throwable {
        Nvml n = fakeNvml(0, 1);
        n.init();
        assertThat(n.driverVersion()).isEqualTo("555.42.06");
        assertThat(n.deviceCount()).isEqualTo(1);
        MemorySegment dev = n.device(0);
        assertThat(n.name(dev)).isEqualTo("Fake GPU H200");
        long[] v = new long[5];
        try (Arena a = Arena.ofConfined()) {
            MemorySegment scratch = a.allocate(64, 8);
            n.sample(dev, scratch, v);
            assertThat(v).containsExactly(0, 0, (1L << 30) + (1L << 20), 1980, 350_500);
            n.sample(dev, scratch, v);
            assertThat(v).containsExactly(10, 5, (1L << 30) + (2L << 20), 1980, 350_500);
        }
        n.shutdown();
        assertThat((int) initialised.invokeExact()).isZero();
    }

    @Test
    void failuresNameTheCallAndNvmlsError() throws Throwable {
        Nvml n = fakeNvml(9, 1);
        assertThatThrownBy(n::init).isInstanceOf(NvmlException.class)
                .hasMessage("nvmlInit_v2 failed, error=Driver Not Loaded (9)");
        assertThat(GpuSampler.probe(fake.toString()).line())
                .isEqualTo("NVML not available: nvmlInit_v2 failed, error=Driver Not Loaded (9)");
        Nvml ok = fakeNvml(0, 1);
        ok.init();
        assertThatThrownBy(() -> ok.device(3)).hasMessage("nvmlDeviceGetHandleByIndex_v2 failed, error=Invalid Argument (2)");
        ok.shutdown();
        assertThat(GpuSampler.probe("/nonexistent/libnvidia-ml.so.1").line())
                .isEqualTo("NVML not available: /nonexistent/libnvidia-ml.so.1 not found (no NVIDIA driver on this machine)");
    }

    @Test
    void probeNamesTheGpuAndDriverOrSaysThereIsNoDevice() throws Throwable {
        configure.invokeExact(0, 2);
        GpuSampler.Status s = GpuSampler.probe(fake.toString());
        assertThat(s.available()).isTrue();
        assertThat(s.line()).isEqualTo("NVML: Fake GPU H200, driver 555.42.06, 2 devices (sampling device 0); "
                + "utilisation sampling available");
        configure.invokeExact(0, 0);
        assertThat(GpuSampler.probe(fake.toString()).line())
                .isEqualTo("NVML not available: no NVIDIA device (driver 555.42.06)");
        assertThat((int) initialised.invokeExact()).as("every probe shuts NVML down").isZero();
    }

    @Test
    void samplerCollectsTimedSamplesIntoSeriesAndShutsDown() throws Throwable {
        GpuSampler s = GpuSampler.start(fakeNvml(0, 1), 0, 2);
        Thread.sleep(150);
        GpuSampler.Samples x = s.stop();
        assertThat(s.failure()).isNull();
        assertThat(x.size()).isGreaterThanOrEqualTo(3);
        assertThat(x.gpu()).isEqualTo("Fake GPU H200");
        double[] t = x.timeMillis();
        for (int k = 1; k < t.length; k++) {
            assertThat(t[k]).isGreaterThan(t[k - 1]);
        }
        // the fake's ramp: utilisation 0, 10, 20, ... per read; memory grows 1 MiB a read; power 350.5 W
        assertThat(x.columns()[0][0]).isEqualTo(0);
        assertThat(x.columns()[0][1]).isEqualTo(10);
        assertThat(x.columns()[1][2]).isEqualTo(10);
        assertThat(x.columns()[2][1] - x.columns()[2][0]).isEqualTo(1 << 20);
        assertThat(x.columns()[3]).containsOnly(1980);
        assertThat(x.columns()[4]).containsOnly(350.5);
        List<Series> series = x.series("bench-run");
        assertThat(series).extracting(Series::name).containsExactly("gpu_util", "mem_util", "gpu_memory_used",
                "sm_clock", "power");
        assertThat(series.get(0).key()).isEqualTo("gpu/bench-run/cuda/gpu_util");
        assertThat(series.get(4).yUnit()).isEqualTo("W");
        assertThat(x.describe()).startsWith("NVML on Fake GPU H200, " + x.size() + " samples: GPU utilisation mean ")
                .contains("power max 350.5 W");
        assertThat((int) initialised.invokeExact()).isZero();
    }

    @Test
    void nvtxRangesFollowTheStepsAndAMissingLibraryIsANoOp() throws Throwable {
        int push0 = (int) pushes.invokeExact();
        int pop0 = (int) pops.invokeExact();
        try (Nvtx nvtx = Nvtx.open(fake.toString())) {
            assertThat(nvtx.active()).isTrue();
            nvtx.step("pipeline panel-daily cuda features");
            nvtx.step("pipeline panel-daily cuda model");
            assertThat(((MemorySegment) lastRange.invokeExact()).reinterpret(128).getString(0))
                    .isEqualTo("pipeline panel-daily cuda model");
        }
        assertThat((int) pushes.invokeExact() - push0).isEqualTo(2);
        assertThat((int) pops.invokeExact() - pop0).isEqualTo(2);
        Nvtx none = Nvtx.open("/nonexistent/libnvToolsExt.so.1");
        assertThat(none.active()).isFalse();
        none.step("x");
        none.close();
    }

    @Test
    void samplesBecomeSeriesInTheRawJsonAndAPlotOverTime() throws Throwable {
        GpuSampler s = GpuSampler.start(fakeNvml(0, 1), 0, 2);
        Thread.sleep(100);
        GpuSampler.Samples x = s.stop();
        io.vectrade.bench.RunResult base = io.vectrade.bench.Fixtures.run("gpu", io.vectrade.bench.Fixtures.machine("Test CPU"));
        java.util.List<Series> all = new java.util.ArrayList<>(base.series());
        all.addAll(x.series("bench-run"));
        io.vectrade.bench.RunResult r = new io.vectrade.bench.RunResult(base.schemaVersion(), "gpu", base.types(),
                base.config(), base.machine(), 1, base.sink(), base.measurements(), all, base.verdicts(), base.notes());
        assertThat(io.vectrade.bench.report.ResultsJson.write(r)).contains("\"key\" : \"gpu/bench-run/cuda/power\"");
        var plot = io.vectrade.bench.report.Plots.of(r).stream().filter(p -> p.fileSuffix().equals("gpu_over_time.png"))
                .findFirst().orElseThrow();
        Files.createDirectories(Path.of("target", "plots"));
        Files.write(Path.of("target", "plots", "gpu_over_time.png"), plot.png()); // for a person to look at
        var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(plot.png()));
        assertThat(img.getHeight()).isEqualTo(4 * 220);
    }
}
