package io.vectrade.bench;

import java.util.List;

/**
 * The machine a run measured, recorded with every result so that numbers are never compared
 * blind. Immutable; {@link MachineProbe#probe()} fills it in.
 *
 * @param cpuModel    CPU model name from /proc/cpuinfo, or {@code os.arch} elsewhere
 * @param cores       available processors
 * @param memoryBytes physical memory (MemTotal), or -1 when unknown
 * @param maxHeapBytes the JVM's maximum heap
 * @param os          name, version and architecture
 * @param jvmVersion  {@code Runtime.version()} and vendor
 * @param jvmFlags    the JVM's input arguments (RuntimeMXBean)
 * @param simdBits    preferred vector width of the Vector API, in bits
 * @param gpu         the first GPU, or null when none is found
 * @param gitCommit   the commit vectrade was built from ({@link BuildInfo}), or null when unknown
 * @param gitDirty    true when that build had uncommitted changes, or null when unknown
 * @param time        when the run started, ISO-8601 UTC
 * @param memoryBandwidth the memory bandwidth measured at the start of a bench run, or null (a
 *                    machine only probed, or a results file of schema &lt; 4)
 */
public record MachineInfo(String cpuModel, int cores, long memoryBytes, long maxHeapBytes, String os,
                          String jvmVersion, List<String> jvmFlags, int simdBits, Gpu gpu, String gitCommit,
                          Boolean gitDirty, String time, MemoryBandwidth memoryBandwidth) {

    public MachineInfo {
        jvmFlags = List.copyOf(jvmFlags);
    }

    /** This machine with {@code bandwidth} recorded. */
    public MachineInfo withMemoryBandwidth(MemoryBandwidth bandwidth) {
        return new MachineInfo(cpuModel, cores, memoryBytes, maxHeapBytes, os, jvmVersion, jvmFlags, simdBits, gpu,
                gitCommit, gitDirty, time, bandwidth);
    }

    /**
     * A GPU.
     *
     * @param name        product name
     * @param driver      driver version
     * @param memoryBytes device memory, or -1 when unknown
     */
    public record Gpu(String name, String driver, long memoryBytes) {
    }

    /** True when both describe the same hardware and JVM (time, commit and flags aside). */
    public boolean sameHardware(MachineInfo o) {
        return o != null && java.util.Objects.equals(cpuModel, o.cpuModel) && cores == o.cores
                && java.util.Objects.equals(gpu == null ? null : gpu.name(), o.gpu == null ? null : o.gpu.name())
                && java.util.Objects.equals(jvmVersion, o.jvmVersion);
    }
}
