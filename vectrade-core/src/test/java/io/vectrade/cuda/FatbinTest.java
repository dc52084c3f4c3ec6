package io.vectrade.cuda;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernels as built by nvcc, checked without a GPU: the packaged fatbin's container (magic,
 * one ELF image per SASS target, a PTX image for newer cards), and the PTX accepted by ptxas with
 * every kernel the engine launches present. Skipped where nvcc is absent.
 *
 * <p>Fatbin container layout (read here from the bytes; little-endian):
 * <pre>
 *   header (16 bytes): u32 magic 0xBA55ED50 | u16 version | u16 header size | u64 size of the entries
 *   entry header     : u16 kind (1 = PTX, 2 = ELF/SASS) | u16 | u32 header size | u64 payload size
 *                      | ... | u32 arch at +28 (80 = sm_80) | ...
 *   payload          : the ELF (starts 0x7F 'E' 'L' 'F', e_machine 190 = EM_CUDA) or the (possibly
 *                      compressed) PTX text
 * </pre>
 */
class FatbinTest {
    static final int FATBIN_MAGIC = 0xBA55ED50;
    static final int KIND_PTX = 1;
    static final int KIND_ELF = 2;
    static final int EM_CUDA = 190;

    private static String nvcc;

    @BeforeAll
    static void findNvcc() {
        nvcc = nvccPath();
        assumeTrue(nvcc != null, "nvcc not found: fatbin tests skipped");
    }

    /** -Dnvcc, then /usr/local/bin, /usr/local/cuda/bin, PATH (as the Maven profiles). */
    static String nvccPath() {
        List<String> candidates = new ArrayList<>();
        String prop = System.getProperty("nvcc");
        if (prop != null && !prop.isBlank()) {
            candidates.add(prop);
        }
        candidates.add("/usr/local/bin/nvcc");
        candidates.add("/usr/local/cuda/bin/nvcc");
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(dir + "/nvcc");
        }
        return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
    }

    record Entry(int kind, int arch, byte[] payload) {
    }

    static List<Entry> parse(byte[] fatbin) {
        ByteBuffer b = ByteBuffer.wrap(fatbin).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).as("fatbin magic").isEqualTo(FATBIN_MAGIC);
        int headerSize = Short.toUnsignedInt(b.getShort(6));
        long size = b.getLong(8);
        assertThat(headerSize + size).as("fatbin size").isLessThanOrEqualTo(fatbin.length);
        List<Entry> entries = new ArrayList<>();
        long off = headerSize;
        while (off < headerSize + size) {
            int at = Math.toIntExact(off);
            int kind = Short.toUnsignedInt(b.getShort(at));
            int entryHeader = b.getInt(at + 4);
            long payload = b.getLong(at + 8);
            int arch = b.getInt(at + 28);
            byte[] data = new byte[Math.toIntExact(payload)];
            b.get(at + entryHeader, data);
            entries.add(new Entry(kind, arch, data));
            off += entryHeader + payload;
        }
        return entries;
    }

    @Test
    void packagedFatbinHasSassForAmpereAdaHopperAndPtxForNewerCards() throws IOException {
        byte[] fatbin;
        try (InputStream in = CudaRuntime.class.getResourceAsStream(CudaRuntime.FATBIN_RESOURCE)) {
            // nvcc is here, so a missing fatbin means the build skipped it (-Dvectrade.nvcc.skip=true)
            assumeTrue(in != null, "no packaged " + CudaRuntime.FATBIN_RESOURCE + ": the kernel build was skipped");
            fatbin = in.readAllBytes();
        }
        assertThat(Cuda.kernelsBundled()).isTrue();
        List<Entry> entries = parse(fatbin);
        TreeSet<Integer> sass = new TreeSet<>();
        TreeSet<Integer> ptx = new TreeSet<>();
        for (Entry e : entries) {
            if (e.kind() == KIND_ELF) {
                ByteBuffer elf = ByteBuffer.wrap(e.payload()).order(ByteOrder.LITTLE_ENDIAN);
                assertThat(elf.getInt(0)).as("ELF magic").isEqualTo(0x464C457F);
                assertThat(Short.toUnsignedInt(elf.getShort(18))).as("e_machine").isEqualTo(EM_CUDA);
                sass.add(e.arch());
            } else if (e.kind() == KIND_PTX) {
                ptx.add(e.arch());
            }
        }
        assertThat(sass).containsExactly(80, 86, 89, 90);
        assertThat(ptx).containsExactly(90);
    }

    @Test
    void ptxPassesPtxasAndHasEveryKernelTheEngineLaunches(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path ptx = dir.resolve("vectrade.ptx");
        run(List.of(nvcc, "-ptx", "-arch=compute_90", "--fmad=false", "-std=c++17", "-o", ptx.toString(),
                "src/main/cuda/vectrade.cu"));
        String text = Files.readString(ptx, StandardCharsets.US_ASCII);
        for (String k : CudaFeatureEngine.KERNELS) {
            assertThat(text).contains(".entry vt_" + k + "_f32(").contains(".entry vt_" + k + "_f64(");
        }
        // the kernel table the launches are checked against is the PTX's, kernel for kernel, type for type
        java.util.Map<String, java.util.List<String>> entries = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.entry (\\w+)\\(([^)]*)\\)").matcher(text);
        while (m.find()) {
            entries.put(m.group(1), java.util.regex.Pattern.compile("\\.param \\.(\\w+)").matcher(m.group(2))
                    .results().map(r -> r.group(1).replace("s32", "u32")).toList());
        }
        java.util.Map<String, java.util.List<String>> table = new java.util.TreeMap<>();
        Kernels.signatures().forEach((k, v) -> table.put(k, Kernels.ptxTypes(v)));
        assertThat(table).isEqualTo(entries);
        String ptxas = Path.of(nvcc).resolveSibling("ptxas").toString();
        assumeTrue(Files.isExecutable(Path.of(ptxas)), "ptxas not next to nvcc");
        run(List.of(ptxas, "-arch=sm_90", ptx.toString(), "-o", dir.resolve("sm90.cubin").toString()));
        byte[] cubin = Files.readAllBytes(dir.resolve("sm90.cubin"));
        assertThat(ByteBuffer.wrap(cubin).order(ByteOrder.LITTLE_ENDIAN).getInt(0)).isEqualTo(0x464C457F);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + log).isZero();
    }
}
