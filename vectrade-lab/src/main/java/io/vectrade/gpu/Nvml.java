package io.vectrade.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The NVML entry points vectrade uses, bound with java.lang.foreign. Every call returns NVML's
 * status; a non-zero status throws {@link NvmlException} naming the call and
 * {@code nvmlErrorString}. Units: percent, bytes, MHz, milliwatts. NVML itself is thread-safe; this
 * class holds only method handles and is thread-safe too. Call {@link #init()} first and
 * {@link #shutdown()} last.
 */
@SuppressWarnings("restricted")
public final class Nvml {
    /** The library the NVIDIA driver installs. */
    public static final String LIBRARY = "libnvidia-ml.so.1";
    /** {@code NVML_CLOCK_SM}. */
    static final int CLOCK_SM = 1;
    private static final int NAME_LEN = 96;

    private final MethodHandle init;
    private final MethodHandle shutdown;
    private final MethodHandle errorString;
    private final MethodHandle driverVersion;
    private final MethodHandle count;
    private final MethodHandle handle;
    private final MethodHandle name;
    private final MethodHandle utilization;
    private final MethodHandle memory;
    private final MethodHandle clock;
    private final MethodHandle power;

    private Nvml(SymbolLookup lib) {
        Linker l = Linker.nativeLinker();
        init = bind(l, lib, "nvmlInit_v2", FunctionDescriptor.of(JAVA_INT));
        shutdown = bind(l, lib, "nvmlShutdown", FunctionDescriptor.of(JAVA_INT));
        errorString = bind(l, lib, "nvmlErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        driverVersion = bind(l, lib, "nvmlSystemGetDriverVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        count = bind(l, lib, "nvmlDeviceGetCount_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        handle = bind(l, lib, "nvmlDeviceGetHandleByIndex_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        name = bind(l, lib, "nvmlDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        utilization = bind(l, lib, "nvmlDeviceGetUtilizationRates", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        memory = bind(l, lib, "nvmlDeviceGetMemoryInfo", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        clock = bind(l, lib, "nvmlDeviceGetClockInfo", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        power = bind(l, lib, "nvmlDeviceGetPowerUsage", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    private static MethodHandle bind(Linker l, SymbolLookup lib, String fn, FunctionDescriptor d) {
        MemorySegment s = lib.find(fn).orElseThrow(() -> new NvmlException(fn + " not found in the NVML library"));
        return l.downcallHandle(s, d);
    }

    /**
     * Loads NVML from {@code library} (a file path, or a name the dynamic loader searches).
     *
     * @throws NvmlException with a one-line reason when the library or an entry point is missing
     */
    public static Nvml open(String library) {
        SymbolLookup lib;
        try {
            lib = library.contains("/") ? SymbolLookup.libraryLookup(Path.of(library), Arena.global())
                    : SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new NvmlException(library + " not found (no NVIDIA driver on this machine)");
        }
        return new Nvml(lib);
    }

    /** {@code nvmlInit_v2}. */
    public void init() {
        check("nvmlInit_v2", call(() -> (int) init.invokeExact()));
    }

    /** {@code nvmlShutdown}. */
    public void shutdown() {
        check("nvmlShutdown", call(() -> (int) shutdown.invokeExact()));
    }

    /** The driver's version string. */
    public String driverVersion() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(NAME_LEN);
            check("nvmlSystemGetDriverVersion", call(() -> (int) driverVersion.invokeExact(buf, NAME_LEN)));
            return buf.getString(0);
        }
    }

    /** Number of devices. */
    public int deviceCount() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocate(JAVA_INT);
            check("nvmlDeviceGetCount_v2", call(() -> (int) count.invokeExact(n)));
            return n.get(JAVA_INT, 0);
        }
    }

    /** The handle of device {@code index} (an opaque pointer, valid until {@link #shutdown()}). */
    public MemorySegment device(int index) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment h = a.allocate(ADDRESS);
            check("nvmlDeviceGetHandleByIndex_v2", call(() -> (int) handle.invokeExact(index, h)));
            return h.get(ADDRESS, 0);
        }
    }

    /** The device's product name. */
    public String name(MemorySegment device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(NAME_LEN);
            check("nvmlDeviceGetName", call(() -> (int) name.invokeExact(device, buf, NAME_LEN)));
            return buf.getString(0);
        }
    }

    /**
     * Reads one sample of {@code device} into {@code out}: {gpu utilisation %, memory-controller
     * utilisation %, memory used bytes, SM clock MHz, power mW}. {@code scratch} holds at least 40
     * bytes (reused, so sampling allocates nothing).
     */
    public void sample(MemorySegment device, MemorySegment scratch, long[] out) {
        check("nvmlDeviceGetUtilizationRates", call(() -> (int) utilization.invokeExact(device, scratch)));
        out[0] = Integer.toUnsignedLong(scratch.get(JAVA_INT, 0));
        out[1] = Integer.toUnsignedLong(scratch.get(JAVA_INT, 4));
        check("nvmlDeviceGetMemoryInfo", call(() -> (int) memory.invokeExact(device, scratch)));
        out[2] = scratch.get(JAVA_LONG, 16); // nvmlMemory_t {total, free, used}
        check("nvmlDeviceGetClockInfo", call(() -> (int) clock.invokeExact(device, CLOCK_SM, scratch)));
        out[3] = Integer.toUnsignedLong(scratch.get(JAVA_INT, 0));
        check("nvmlDeviceGetPowerUsage", call(() -> (int) power.invokeExact(device, scratch)));
        out[4] = Integer.toUnsignedLong(scratch.get(JAVA_INT, 0));
    }

    /** NVML's message for status {@code code}. */
    public String errorString(int code) {
        MemorySegment s = (MemorySegment) callObj(() -> (MemorySegment) errorString.invokeExact(code));
        return s.equals(MemorySegment.NULL) ? "NVML error " + code : s.reinterpret(256).getString(0);
    }

    private void check(String fn, int status) {
        if (status != 0) {
            throw new NvmlException(fn + " failed, error=" + errorString(status) + " (" + status + ")");
        }
    }

    @FunctionalInterface
    private interface IntCall {
        int run() throws Throwable;
    }

    @FunctionalInterface
    private interface ObjCall {
        Object run() throws Throwable;
    }

    private static int call(IntCall c) {
        try {
            return c.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new NvmlException("NVML call failed: " + t);
        }
    }

    private static Object callObj(ObjCall c) {
        try {
            return c.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new NvmlException("NVML call failed: " + t);
        }
    }
}
