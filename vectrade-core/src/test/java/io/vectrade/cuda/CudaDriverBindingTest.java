package io.vectrade.cuda;

import io.vectrade.backend.BackendUnavailableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The java.lang.foreign bindings without a GPU: against a fake libcuda compiled from
 * {@code src/test/cuda/fake_libcuda.c} (skipped without gcc), and the bound names against the
 * toolkit's {@code cuda.h} (skipped without it). Not GPU verification.
 */
@SuppressWarnings("restricted")
class CudaDriverBindingTest {
    private static Path fake;
    private static MethodHandle configure;

    @BeforeAll
    static void compileFake(@TempDir Path dir) throws Exception {
        Path gcc = Path.of("/usr/bin/gcc");
        assumeTrue(Files.isExecutable(gcc), "gcc not found: fake driver tests skipped");
        fake = dir.resolve("libfakecuda.so");
        Process p = new ProcessBuilder(gcc.toString(), "-shared", "-fPIC", "-O1", "-o", fake.toString(),
                "src/test/cuda/fake_libcuda.c").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        SymbolLookup lib = SymbolLookup.libraryLookup(fake, Arena.global());
        configure = Linker.nativeLinker().downcallHandle(lib.find("fake_configure").orElseThrow(),
                FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT));
    }

    private static CudaDriver fakeDriver(int initResult, int devices) throws Throwable {
        configure.invokeExact(initResult, devices);
        return CudaDriver.open(fake.toString());
    }

    @Test
    void bindsEveryEntryPointAndReadsOutParameters() throws Throwable {
        CudaDriver d = fakeDriver(0, 1);
        assertThat(d.init()).isZero();
        assertThat(d.driverVersion()).isEqualTo(13000);
        assertThat(d.deviceCount()).isEqualTo(1);
        int dev = d.device(0);
        assertThat(d.deviceName(dev)).isEqualTo("Fake GPU 80GB");
        assertThat(d.deviceTotalMemory(dev)).isEqualTo(80L << 30);
        assertThat(CudaRuntime.describe(d, dev))
                .isEqualTo(new CudaDeviceInfo("Fake GPU 80GB", 80L << 30, 13000, 9, 0, 132));
        assertThat(d.memoryInfo()).containsExactly(79L << 30, 80L << 30);
        long p = d.memAlloc(1024);
        assertThat(p).isPositive();
        assertThat(d.memAlloc(8)).isEqualTo(p + 1024);
        assertThat(d.eventElapsedMillis(d.eventCreate(), d.eventCreate())).isEqualTo(1.5f);
    }

    @Test
    void failedCallsNameTheCallAndTheError() throws Throwable {
        CudaDriver d = fakeDriver(0, 1);
        assertThatThrownBy(() -> d.memAlloc(1L << 41))
                .isInstanceOf(CudaException.class)
                .hasMessage("cuMemAlloc_v2 failed, error=CUDA_ERROR_OUT_OF_MEMORY (2)");
        assertThatThrownBy(() -> d.memHostAlloc(64))
                .isInstanceOf(CudaException.class).hasMessageContaining("cuMemHostAlloc");
        assertThatThrownBy(() -> d.moduleGetFunction(d.moduleLoadData(Arena.global().allocate(8)), "vt_missing"))
                .isInstanceOf(CudaException.class)
                .hasMessage("cuModuleGetFunction(vt_missing) failed, error=CUDA_ERROR_NOT_FOUND (500)");
        assertThat(d.errorName(12345)).isEqualTo("CUresult=12345");
    }

    @Test
    void runtimeStartReportsNoDeviceAndDescribesADeviceWithoutKernels() throws Throwable {
        assertThatThrownBy(() -> CudaRuntime.start(fakeDriver(100, 0), null))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("cuda backend not available: cuInit failed, error=CUDA_ERROR_NO_DEVICE");
        assertThatThrownBy(() -> CudaRuntime.start(fakeDriver(0, 0), null))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("cuda backend not available: no CUDA device found");
        CudaRuntime rt = CudaRuntime.start(fakeDriver(0, 1), null);
        assertThat(rt.hasKernels()).isFalse();
        assertThat(rt.info().name()).isEqualTo("Fake GPU 80GB");
        // CUDA calls happen on the runtime's own thread only
        assertThat(rt.call(() -> Thread.currentThread().getName())).isEqualTo("vectrade-cuda");
        assertThatThrownBy(() -> rt.alloc(16)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vectrade-cuda");
        assertThat(rt.call(() -> rt.alloc(16))).isPositive();
        assertThatThrownBy(() -> rt.call(() -> {
            rt.launch("vt_known", 1, 1, 1, 0);
            return null;
        })).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("without CUDA kernels");
    }

    @Test
    void runtimeWithKernelsLaunchesThroughTheParameterArray() throws Throwable {
        CudaRuntime rt = CudaRuntime.start(fakeDriver(0, 1), new byte[] {1, 2, 3});
        assertThat(rt.hasKernels()).isTrue();
        rt.call(() -> {
            rt.launch("vt_voltarget_f64", 2, 3, 128, rt.createStream(), 1L, 2L, 3L, 4L, 5, 6, 2.5);
            return null;
        });
        // the kernel table refuses a wrong argument before the driver sees it
        assertThatThrownBy(() -> rt.call(() -> {
            rt.launch("vt_voltarget_f64", 1, 1, 1, 0, 1L, 2L, 3L, 4L, 5, 6, "text");
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index=6 expected=double (Double) got=String");
    }

    /** The names CudaDriver binds, read from its source: {@code bind("name"} and {@code bindFirst(new String[] {...}}. */
    static Set<String> boundNames() throws Exception {
        String src = Files.readString(Path.of("src/main/java/io/vectrade/cuda/CudaDriver.java"));
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("bind\\(\"(cu\\w+)\"").matcher(src);
        while (m.find()) {
            names.add(m.group(1));
        }
        Matcher f = Pattern.compile("bindFirst\\(new String\\[] \\{([^}]*)}").matcher(src);
        while (f.find()) {
            for (String s : f.group(1).split(",")) {
                names.add(s.strip().replace("\"", ""));
            }
        }
        return names;
    }

    @Test
    void boundNamesAreTheCurrentEntryPointsOfCudaH() throws Exception {
        Path header = List.of(Path.of("/usr/local/cuda/include/cuda.h"), Path.of("/usr/local/cuda-13.0/include/cuda.h"))
                .stream().filter(Files::isRegularFile).findFirst().orElse(null);
        assumeTrue(header != null, "cuda.h not found");
        String h = Files.readString(header);
        Set<String> names = boundNames();
        assertThat(names).hasSizeGreaterThanOrEqualTo(35);
        for (String n : names) {
            boolean declared = Pattern.compile("CUresult CUDAAPI " + n + "\\(").matcher(h).find();
            boolean defineTarget = Pattern.compile("#define\\s+\\w+\\s+(__CUDA_API_\\w+\\()?" + n + "\\b").matcher(h).find();
            assertThat(declared || defineTarget).as(n + " is declared in or the target of a #define of " + header).isTrue();
            Matcher redirect = Pattern.compile("#define\\s+" + n + "\\s+(\\w+)\\s*$", Pattern.MULTILINE).matcher(h);
            if (redirect.find() && !n.equals("cuEventElapsedTime")) {  // the fallback for pre-12.8 drivers
                throw new AssertionError(n + " is a legacy name: cuda.h maps it to " + redirect.group(1));
            }
        }
    }

    /**
     * The owner thread's mailbox under several callers: every result and every exception reaches its
     * own caller, calls from the owner thread run inline, and no task is lost or run twice.
     */
    @Test
    void mailboxUnderSeveralCallersWithExceptionsAndNestedCalls() throws Throwable {
        CudaRuntime rt = CudaRuntime.start(fakeDriver(0, 1), null);
        int threads = 4;
        int per = 3000;
        long[] counter = new long[1];  // touched on the owner thread only
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    int thrown = 0;
                    for (int k = 0; k < per; k++) {
                        int kk = k;
                        if (k % 7 == 0) {
                            try {
                                rt.run(() -> {
                                    counter[0]++;
                                    throw new IllegalArgumentException("task " + id + ":" + kk);
                                });
                            } catch (IllegalArgumentException e) {
                                assertThat(e.getMessage()).isEqualTo("task " + id + ":" + kk);
                                thrown++;
                            }
                        } else {
                            Integer r = rt.call(() -> {
                                counter[0]++;
                                return rt.call(() -> kk * 2 + id);   // nested: runs inline on the owner
                            });
                            assertThat(r).isEqualTo(kk * 2 + id);
                        }
                    }
                    return thrown;
                }));
            }
            int thrown = 0;
            for (var f : done) {
                thrown += f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(thrown).isEqualTo(threads * ((per + 6) / 7));
            assertThat(rt.call(() -> counter[0])).isEqualTo((long) threads * per);
        } finally {
            pool.shutdownNow();
        }
    }

    /** An interrupted caller still waits for its task and keeps its interrupt. */
    @Test
    void anInterruptedCallerGetsItsResultAndKeepsTheInterrupt() throws Throwable {
        CudaRuntime rt = CudaRuntime.start(fakeDriver(0, 1), null);
        Thread.currentThread().interrupt();
        try {
            Integer r = rt.call(() -> {
                Thread.sleep(20);
                return 42;
            });
            assertThat(r).isEqualTo(42);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
