package io.vectrade.bench;

import jdk.incubator.vector.DoubleVector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Finds out what machine this is: /proc for CPU and memory, the JVM's own beans, the Vector API's
 * width, {@code nvidia-smi} (when on the PATH, 10 s timeout) or /proc/driver/nvidia for the GPU,
 * and the commit vectrade was built from ({@link BuildInfo}). Every probe that fails
 * leaves its field unknown instead of failing the run. Thread-safe (no state).
 */
public final class MachineProbe {
    private MachineProbe() {
    }

    /** Probes this machine, with the time now. */
    public static MachineInfo probe() {
        Runtime rt = Runtime.getRuntime();
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        String jvm = Runtime.version() + " (" + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.vm.name") + ")";
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return new MachineInfo(cpuModel(), rt.availableProcessors(), memTotal(), rt.maxMemory(), os, jvm, flags,
                DoubleVector.SPECIES_PREFERRED.vectorBitSize(), gpu(), BuildInfo.current().commit(),
                BuildInfo.current().dirty(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), null);
    }

    static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name") && line.contains(":")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return System.getProperty("os.arch");
    }

    static long memTotal() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                String[] p = line.substring(9).strip().split("\\s+");
                try {
                    return Long.parseLong(p[0]) * (p.length > 1 && p[1].equalsIgnoreCase("kB") ? 1024 : 1);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The first GPU from nvidia-smi, else from /proc/driver/nvidia, else null. */
    static MachineInfo.Gpu gpu() {
        MachineInfo.Gpu g = nvidiaSmi();
        if (g != null) {
            return g;
        }
        Path gpus = Path.of("/proc/driver/nvidia/gpus");
        if (!Files.isDirectory(gpus)) {
            return null;
        }
        try (var dirs = Files.list(gpus)) {
            Path first = dirs.sorted().findFirst().orElse(null);
            if (first == null) {
                return null;
            }
            String name = null;
            for (String line : lines(first.resolve("information"))) {
                if (line.startsWith("Model:")) {
                    name = line.substring(6).strip();
                }
            }
            String driver = null;
            for (String line : lines(Path.of("/proc/driver/nvidia/version"))) {
                if (line.startsWith("NVRM version:")) {
                    String[] w = line.split("\\s+");
                    for (String x : w) {
                        if (x.matches("[0-9]+\\.[0-9.]+")) {
                            driver = x;
                        }
                    }
                }
            }
            return name == null ? null : new MachineInfo.Gpu(name, driver, -1);
        } catch (IOException e) {
            return null;
        }
    }

    private static MachineInfo.Gpu nvidiaSmi() {
        Path smi = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nvidia-smi"))) {
                smi = Path.of(dir, "nvidia-smi");
                break;
            }
        }
        if (smi == null) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(smi.toString(), "--query-gpu=name,driver_version,memory.total",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return p.exitValue() != 0 ? null : parseNvidiaSmi(out);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Parses {@code nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader,nounits}
     * output (first line: {@code NVIDIA H100 80GB HBM3, 550.54.15, 81559}, memory in MiB); null when blank
     * or malformed.
     */
    static MachineInfo.Gpu parseNvidiaSmi(String out) {
        String[] f = out.lines().findFirst().orElse("").split(",");
        if (f.length < 3 || f[0].isBlank()) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(f[2].strip()) << 20;
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        return new MachineInfo.Gpu(f[0].strip(), f[1].strip(), bytes);
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
