package io.vectrade.cuda;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * TEST ONLY: a {@link DeviceApi} that runs the CUDA kernels compiled for the host with g++
 * ({@code src/test/cuda/host_shim.h}), one simulated thread after another on the calling thread.
 * "Device pointers" are host addresses, streams and events do nothing, copies are immediate.
 * It checks kernel logic and the engine's orchestration without a GPU; it says nothing about
 * the GPU itself (memory model, occupancy, the real driver).
 */
@SuppressWarnings("restricted")
final class HostDevice implements DeviceApi {
    private final SymbolLookup lib;
    private final MethodHandle setIndices;
    private final Map<String, MethodHandle> kernels = new HashMap<>();
    private final Map<Long, Arena> memory = new HashMap<>();
    private long nextHandle = 1;
    /** Launches so far, by kernel name. */
    final Map<String, Integer> launches = new HashMap<>();
    /**
     * Null: every operation runs at once, in program order. Otherwise streams are simulated: each
     * stream queues its operations, events and waits order them across streams, and
     * {@link #synchronize} runs the queues in an order this generator picks at random, so a
     * missing wait shows up as a wrong result (or a detected deadlock).
     */
    private final java.util.Random interleaving;
    private final Map<Long, java.util.ArrayDeque<Op>> queues = new HashMap<>();
    private final Map<Long, Long> lastRecord = new HashMap<>();
    private final Map<Long, java.util.Set<Long>> completedRecords = new HashMap<>();
    private long recordCount;

    /** An operation queued on a stream: runnable when {@code ready()}. */
    private interface Op {
        default boolean ready() {
            return true;
        }

        void run();
    }

    private HostDevice(Path library) {
        lib = SymbolLookup.libraryLookup(library, Arena.global());
        setIndices = Linker.nativeLinker().downcallHandle(lib.find("vt_host_set").orElseThrow(),
                FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        interleaving = null;
    }

    private HostDevice(HostDevice base, long seed) {
        lib = base.lib;
        setIndices = base.setIndices;
        interleaving = new java.util.Random(seed);
    }

    /** A device over the same kernels that simulates asynchronous streams (see {@link #interleaving}). */
    HostDevice withAsyncStreams(long seed) {
        return new HostDevice(this, seed);
    }

    /** Runs {@code op} now (synchronous mode, or the legacy stream 0) or queues it on {@code stream}. */
    private void submit(long stream, Op op) {
        if (interleaving == null || stream == 0) {
            op.run();
            return;
        }
        java.util.ArrayDeque<Op> q = queues.get(stream);
        if (q == null) {
            throw new IllegalStateException("unknown or destroyed stream, stream=" + stream);
        }
        q.add(op);
    }

    /** Runs queued operations in a random order that respects waits until {@code stream} is empty. */
    private void drain(long stream) {
        java.util.ArrayDeque<Op> target = queues.get(stream);
        while (target != null && !target.isEmpty()) {
            List<java.util.ArrayDeque<Op>> runnable = new ArrayList<>();
            for (java.util.ArrayDeque<Op> q : queues.values()) {
                if (!q.isEmpty() && q.peek().ready()) {
                    runnable.add(q);
                }
            }
            if (runnable.isEmpty()) {
                throw new IllegalStateException("deadlock: stream " + stream + " waits on an event never completed");
            }
            runnable.get(interleaving.nextInt(runnable.size())).poll().run();
        }
    }

    /** The g++ on PATH, or null. */
    static String compiler() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "g++"))) {
                return Path.of(dir, "g++").toString();
            }
        }
        return null;
    }

    private static HostDevice shared;

    /** Compiles the kernels for the host once per JVM (needs g++) and loads them. */
    static synchronized HostDevice compileAndLoad() throws IOException, InterruptedException {
        if (shared != null) {
            return shared;
        }
        Path out = Path.of("target", "host-kernels");
        Files.createDirectories(out);
        Path so = Files.createTempFile(out, "libvectrade_host", ".so");
        List<String> cmd = new ArrayList<>(List.of(compiler(), "-O2", "-std=c++17", "-shared", "-fPIC",
                "-ffp-contract=off", "-DVT_HOST", "-Isrc/test/cuda", "-x", "c++", "src/main/cuda/vectrade.cu",
                "-o", so.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("g++ failed: " + log);
        }
        shared = new HostDevice(so);
        return shared;
    }

    @Override
    public <R> R call(Callable<R> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String deviceName() {
        return "host stand-in (g++)";
    }

    @Override
    public int multiprocessors() {
        return 1;
    }

    @Override
    public long alloc(long bytes) {
        Arena a = Arena.ofShared();
        MemorySegment s = a.allocate(bytes, 16);
        // poison: a kernel that reads what nobody wrote sees NaN-like garbage, not zeros
        s.fill((byte) 0x7f);
        memory.put(s.address(), a);
        return s.address();
    }

    @Override
    public void free(long devicePtr) {
        Arena a = memory.remove(devicePtr);
        if (a == null) {
            throw new IllegalStateException("free of an unknown pointer, ptr=" + devicePtr);
        }
        a.close();
    }

    /** Device allocations not yet freed. */
    int liveAllocations() {
        return memory.size();
    }

    @Override
    public MemorySegment allocHost(long bytes) {
        Arena a = Arena.ofShared();
        MemorySegment s = a.allocate(bytes, 16);
        memory.put(s.address(), a);
        return s;
    }

    @Override
    public void freeHost(MemorySegment host) {
        free(host.address());
    }

    @Override
    public long createStream() {
        long s = nextHandle++;
        queues.put(s, new java.util.ArrayDeque<>());
        return s;
    }

    @Override
    public void destroyStream(long stream) {
        if (interleaving != null) {
            drain(stream);
        }
        queues.remove(stream);
    }

    @Override
    public void copyToDevice(long dst, MemorySegment src, long bytes, long stream) {
        submit(stream, () -> MemorySegment.copy(src, 0, MemorySegment.ofAddress(dst).reinterpret(bytes), 0, bytes));
    }

    @Override
    public void copyToHost(MemorySegment dst, long src, long bytes, long stream) {
        submit(stream, () -> MemorySegment.copy(MemorySegment.ofAddress(src).reinterpret(bytes), 0, dst, 0, bytes));
    }

    @Override
    public void launch(String name, int gridX, int gridY, int blockX, long stream, Object... args) {
        Kernels.check(name, args);
        MethodHandle h = kernels.computeIfAbsent(name, n -> bind(n, args));
        launches.merge(name, 1, Integer::sum);
        Object[] frozen = args.clone();
        submit(stream, () -> runGrid(name, h, gridX, gridY, blockX, frozen));
    }

    private void runGrid(String name, MethodHandle h, int gridX, int gridY, int blockX, Object[] args) {
        try {
            for (int by = 0; by < gridY; by++) {
                for (int bx = 0; bx < gridX; bx++) {
                    for (int tx = 0; tx < blockX; tx++) {
                        setIndices.invokeExact(tx, bx, by, blockX, gridX, gridY);
                        h.invokeWithArguments(args);
                    }
                }
            }
        } catch (Throwable t) {
            throw new IllegalStateException("host kernel failed, kernel=" + name, t);
        }
    }

    private MethodHandle bind(String name, Object[] args) {
        MemorySegment symbol = lib.find(name).orElseThrow(
                () -> new IllegalArgumentException("no such kernel, name=" + name));
        MemoryLayout[] layouts = new MemoryLayout[args.length];
        for (int k = 0; k < args.length; k++) {
            layouts[k] = switch (args[k]) {
                case Long v -> JAVA_LONG;      // a pointer: passed like a 64-bit integer
                case Integer v -> JAVA_INT;
                case Double v -> JAVA_DOUBLE;
                case Float v -> JAVA_FLOAT;
                default -> throw new IllegalArgumentException("unsupported argument, index=" + k);
            };
        }
        return Linker.nativeLinker().downcallHandle(symbol, FunctionDescriptor.ofVoid(layouts));
    }

    @Override
    public long createEvent() {
        return nextHandle++;
    }

    @Override
    public void destroyEvent(long event) {
    }

    @Override
    public void recordEvent(long event, long stream) {
        long version = ++recordCount;
        lastRecord.put(event, version);
        submit(stream, () -> completedRecords.computeIfAbsent(event, e -> new java.util.HashSet<>()).add(version));
    }

    @Override
    public void waitEvent(long stream, long event) {
        // waits for the record most recent at the time of this call, as cuStreamWaitEvent
        Long version = lastRecord.get(event);
        if (version == null) {
            return;
        }
        submit(stream, new Op() {
            @Override
            public boolean ready() {
                return completedRecords.getOrDefault(event, java.util.Set.of()).contains(version);
            }

            @Override
            public void run() {
            }
        });
    }

    @Override
    public float elapsedMillis(long start, long end) {
        return 0;
    }

    @Override
    public void synchronize(long stream) {
        if (interleaving != null) {
            drain(stream);
        }
    }

    @Override
    public long[] memoryInfo() {
        return new long[] {0, 0};
    }
}
