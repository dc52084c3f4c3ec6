package io.vectrade.cuda;

import io.vectrade.backend.Backend;
import io.vectrade.backend.BackendUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Device 0's primary context, the loaded kernel module, and the one platform thread that makes
 * every CUDA call (a context is current per OS thread; keeping every call on one thread keeps it so).
 *
 * <p>The owner thread takes work through a one-slot mailbox: the caller publishes its task,
 * unparks the owner, and spins briefly (then parks) until the task is done; the owner spins for a
 * moment after each task before parking, so that back-to-back calls (live ticks) hand over in
 * microseconds. {@link #run(Runnable)} with a reused task allocates nothing.
 *
 * <p>One per process ({@link Cuda#runtime()}); lives until the JVM exits. Thread-safe: callers on
 * any thread go through {@link #call} or {@link #run}, one at a time.
 */
final class CudaRuntime implements DeviceApi {
    /** Classpath location of the kernels built by nvcc. */
    static final String FATBIN_RESOURCE = "vectrade.fatbin";
    private static final int MAX_ARGS = 24;

    /** How long each side spins before parking (ns). */
    private static final long SPIN_NANOS = 50_000;

    private final CudaDriver driver;
    private final Thread owner;
    private final Object submitLock = new Object();
    /** The task the owner runs next; the owner clears it when done. */
    private volatile Runnable pending;
    private volatile Thread submitter;
    private Throwable failure;
    private int device;
    private CudaDeviceInfo info;
    private MemorySegment module;
    private final Map<String, MemorySegment> functions = new HashMap<>();
    private MemorySegment argValues;
    private MemorySegment argPointers;

    private CudaRuntime(CudaDriver driver) {
        this.driver = driver;
        this.owner = Thread.ofPlatform().name("vectrade-cuda").daemon(true).unstarted(this::serve);
        owner.start();
    }

    /** The owner thread's loop: run each published task, spin a moment for the next, then park. */
    private void serve() {
        long idleSince = System.nanoTime();
        while (true) {
            Runnable task = pending;
            if (task == null) {
                if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            try {
                task.run();
            } catch (Throwable t) {
                failure = t;
            }
            pending = null;
            LockSupport.unpark(submitter);
            idleSince = System.nanoTime();
        }
    }

    /**
     * Starts the owner thread, retains device 0's primary context and loads the kernels.
     *
     * @param fatbin the kernels, or null: the device is then described but nothing can be launched
     * @throws BackendUnavailableException when cuInit fails or there is no device
     * @throws CudaException            when a driver call fails
     */
    static CudaRuntime start(CudaDriver driver, byte[] fatbin) {
        CudaRuntime rt = new CudaRuntime(driver);
        try {
            rt.call(() -> {
                rt.init(fatbin);
                return null;
            });
        } catch (RuntimeException e) {
            // the owner thread is a daemon; it parks for good
            throw e;
        }
        return rt;
    }

    private void init(byte[] fatbin) {
        int r = driver.init();
        if (r != CudaDriver.CUDA_SUCCESS) {
            throw new BackendUnavailableException(Backend.CUDA, "cuInit failed, error=" + driver.errorName(r));
        }
        if (driver.deviceCount() == 0) {
            throw new BackendUnavailableException(Backend.CUDA, "no CUDA device found");
        }
        device = driver.device(0);
        info = describe(driver, device);
        MemorySegment ctx = driver.primaryContextRetain(device);
        driver.contextSetCurrent(ctx);
        if (fatbin == null) {
            return;  // the device is described, but nothing can be launched
        }
        MemorySegment image = Arena.global().allocate(fatbin.length + 1L, 16);
        MemorySegment.copy(fatbin, 0, image, JAVA_BYTE, 0, fatbin.length);
        module = driver.moduleLoadData(image);
        argValues = Arena.global().allocate(JAVA_LONG.byteSize() * MAX_ARGS, 8);
        argPointers = Arena.global().allocate(ADDRESS.byteSize() * MAX_ARGS, 8);
        for (int k = 0; k < MAX_ARGS; k++) {
            argPointers.setAtIndex(ADDRESS, k, argValues.asSlice(k * JAVA_LONG.byteSize(), JAVA_LONG.byteSize()));
        }
    }

    /** Queries name, memory, driver version and compute capability of a device (owner thread). */
    static CudaDeviceInfo describe(CudaDriver driver, int device) {
        return new CudaDeviceInfo(driver.deviceName(device), driver.deviceTotalMemory(device),
                driver.driverVersion(),
                driver.deviceAttribute(CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device),
                driver.deviceAttribute(CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device),
                driver.deviceAttribute(CudaDriver.ATTRIBUTE_MULTIPROCESSOR_COUNT, device));
    }

    /** The bundled fatbin, or null when the build had no nvcc. */
    static byte[] bundledFatbin() {
        try (InputStream in = CudaRuntime.class.getResourceAsStream(FATBIN_RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CudaDeviceInfo info() {
        return info;
    }

    /** True when the kernel module is loaded (the jar was built with nvcc). */
    boolean hasKernels() {
        return module != null;
    }

    @Override
    public <R> R call(Callable<R> work) {
        Object[] result = new Object[1];
        run(() -> {
            try {
                result[0] = work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        @SuppressWarnings("unchecked")
        R r = (R) result[0];
        return r;
    }

    /**
     * Runs {@code task} on the owner thread and waits for it; rethrows what it throws. Allocates
     * nothing (a caller that reuses its task object runs allocation-free). An interrupt does not
     * abandon the task; the caller's interrupt flag is kept. A task must not wait for another
     * thread that itself calls the device (that thread would wait for this task: a deadlock).
     */
    @Override
    public void run(Runnable task) {
        if (Thread.currentThread() == owner) {
            task.run();
            return;
        }
        Throwable thrown;
        boolean interrupted = false;
        synchronized (submitLock) {
            failure = null;
            submitter = Thread.currentThread();
            pending = task;
            LockSupport.unpark(owner);
            long start = System.nanoTime();
            while (pending != null) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    // the task runs to the end whatever happens here; an interrupt is kept for later
                    // (a set interrupt flag would make parkNanos return at once: a busy spin)
                    interrupted |= Thread.interrupted();
                    LockSupport.parkNanos(this, 100_000);
                }
            }
            thrown = failure;
            failure = null;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (thrown instanceof RuntimeException r) {
            throw r;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("CUDA calls must run on the vectrade-cuda thread, thread="
                    + Thread.currentThread().getName());
        }
    }

    @Override
    public String deviceName() {
        return info.name();
    }

    @Override
    public int multiprocessors() {
        return info.multiprocessors();
    }

    @Override
    public long alloc(long bytes) {
        checkOwner();
        return driver.memAlloc(bytes);
    }

    @Override
    public void free(long devicePtr) {
        checkOwner();
        driver.memFree(devicePtr);
    }

    @Override
    public MemorySegment allocHost(long bytes) {
        checkOwner();
        return driver.memHostAlloc(bytes);
    }

    @Override
    public void freeHost(MemorySegment host) {
        checkOwner();
        driver.memFreeHost(host);
    }

    @Override
    public long createStream() {
        checkOwner();
        return driver.streamCreate(CudaDriver.STREAM_NON_BLOCKING).address();
    }

    @Override
    public void destroyStream(long stream) {
        checkOwner();
        driver.streamDestroy(MemorySegment.ofAddress(stream));
    }

    @Override
    public void copyToDevice(long dst, MemorySegment src, long bytes, long stream) {
        checkOwner();
        driver.memcpyHtoDAsync(dst, src, bytes, MemorySegment.ofAddress(stream));
    }

    @Override
    public void copyToHost(MemorySegment dst, long src, long bytes, long stream) {
        checkOwner();
        driver.memcpyDtoHAsync(dst, src, bytes, MemorySegment.ofAddress(stream));
    }

    @Override
    public void launch(String name, int gridX, int gridY, int blockX, long stream, Object... args) {
        checkOwner();
        MemorySegment f = function(name, args);
        fillArguments(name, argValues, args);
        driver.launchKernel(f, gridX, gridY, 1, blockX, 1, 1, 0, MemorySegment.ofAddress(stream), argPointers);
    }

    @Override
    public PreparedLaunch prepare(String name, long stream, Object... args) {
        checkOwner();
        MemorySegment f = function(name, args);
        Arena arena = Arena.ofAuto();
        MemorySegment values = arena.allocate(JAVA_LONG.byteSize() * Math.max(1, args.length), 8);
        MemorySegment pointers = arena.allocate(ADDRESS.byteSize() * Math.max(1, args.length), 8);
        for (int k = 0; k < args.length; k++) {
            pointers.setAtIndex(ADDRESS, k, values.asSlice(k * JAVA_LONG.byteSize(), JAVA_LONG.byteSize()));
        }
        fillArguments(name, values, args);
        return new PreparedLaunch(name, stream, args.clone(), f, pointers);
    }

    @Override
    public void launch(PreparedLaunch p, int gridX, int gridY, int blockX) {
        checkOwner();
        driver.launchKernel(p.function(), gridX, gridY, 1, blockX, 1, 1, 0, MemorySegment.ofAddress(p.stream()), p.params());
    }

    private MemorySegment function(String name, Object[] args) {
        if (args.length > MAX_ARGS) {
            throw new IllegalArgumentException("too many kernel arguments, kernel=" + name + " count=" + args.length);
        }
        if (module == null) {
            throw new BackendUnavailableException(Backend.CUDA, Cuda.NO_KERNELS);
        }
        Kernels.check(name, args);
        MemorySegment f = functions.get(name);
        if (f == null) {
            f = driver.moduleGetFunction(module, name);
            functions.put(name, f);
        }
        return f;
    }

    private static void fillArguments(String name, MemorySegment values, Object[] args) {
        for (int k = 0; k < args.length; k++) {
            long off = k * JAVA_LONG.byteSize();
            switch (args[k]) {
                case Long v -> values.set(JAVA_LONG, off, v);
                case Integer v -> values.set(JAVA_INT, off, v);
                case Double v -> values.set(JAVA_DOUBLE, off, v);
                case Float v -> values.set(JAVA_FLOAT, off, v);
                default -> throw new IllegalArgumentException("unsupported kernel argument, kernel=" + name
                        + " index=" + k + " type=" + args[k].getClass().getSimpleName());
            }
        }
    }

    @Override
    public long createEvent() {
        checkOwner();
        return driver.eventCreate().address();
    }

    @Override
    public void destroyEvent(long event) {
        checkOwner();
        driver.eventDestroy(MemorySegment.ofAddress(event));
    }

    @Override
    public void recordEvent(long event, long stream) {
        checkOwner();
        driver.eventRecord(MemorySegment.ofAddress(event), MemorySegment.ofAddress(stream));
    }

    @Override
    public void waitEvent(long stream, long event) {
        checkOwner();
        driver.streamWaitEvent(MemorySegment.ofAddress(stream), MemorySegment.ofAddress(event));
    }

    @Override
    public float elapsedMillis(long start, long end) {
        checkOwner();
        driver.eventSynchronize(MemorySegment.ofAddress(end));
        return driver.eventElapsedMillis(MemorySegment.ofAddress(start), MemorySegment.ofAddress(end));
    }

    @Override
    public void synchronize(long stream) {
        checkOwner();
        driver.streamSynchronize(MemorySegment.ofAddress(stream));
    }

    @Override
    public long[] memoryInfo() {
        checkOwner();
        return driver.memoryInfo();
    }
}
