package io.vectrade.cuda;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.Callable;

/**
 * The few device operations {@link CudaFeatureEngine} needs: memory, async copies on streams,
 * kernel launches by name, events. {@link CudaRuntime} implements it over the CUDA driver; tests
 * implement it over the kernels compiled for the host, so that the engine's orchestration (buffer
 * layout, launch arguments, gaps, chunking) is exercised without a GPU.
 *
 * <p>Handles (streams, events) are opaque {@code long}s; device pointers are {@code long}s.
 * Every method except {@link #call} must run on the owner thread, inside {@link #call}.
 */
interface DeviceApi {
    /** Runs {@code work} on the device's owner thread and returns its result; rethrows its exception. */
    <R> R call(Callable<R> work);

    /** Runs {@code task} on the device's owner thread and waits; allocation-free for a reused task. */
    default void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Short description of the device, for results and messages. */
    String deviceName();

    /** Streaming multiprocessors (used to size the grid). */
    int multiprocessors();

    long alloc(long bytes);

    void free(long devicePtr);

    /** Page-locked host memory of {@code bytes}. */
    MemorySegment allocHost(long bytes);

    void freeHost(MemorySegment host);

    long createStream();

    void destroyStream(long stream);

    /** Asynchronous host-to-device copy of {@code src} (pinned) into {@code dst}. */
    void copyToDevice(long dst, MemorySegment src, long bytes, long stream);

    /** Asynchronous device-to-host copy of {@code src} into {@code dst} (pinned). */
    void copyToHost(MemorySegment dst, long src, long bytes, long stream);

    /**
     * Launches kernel {@code name} on a {@code gridX × gridY} grid of {@code blockX}-thread blocks;
     * {@code args} are {@link Long} (device pointers), {@link Integer} or {@link Double}.
     */
    void launch(String name, int gridX, int gridY, int blockX, long stream, Object... args);

    /**
     * Binds kernel {@code name} to fixed arguments and a stream once, for a launch repeated many
     * times (a live tick): {@link #launch(PreparedLaunch, int, int, int)} then allocates nothing.
     */
    default PreparedLaunch prepare(String name, long stream, Object... args) {
        Kernels.check(name, args);
        return new PreparedLaunch(name, stream, args.clone(), null, null);
    }

    /** Launches a prepared kernel on its stream. */
    default void launch(PreparedLaunch p, int gridX, int gridY, int blockX) {
        launch(p.name(), gridX, gridY, blockX, p.stream(), p.args());
    }

    long createEvent();

    void destroyEvent(long event);

    void recordEvent(long event, long stream);

    /** Makes {@code stream} wait until {@code event} has completed. */
    void waitEvent(long stream, long event);

    /** Milliseconds between two completed events (0 where the device cannot time). */
    float elapsedMillis(long start, long end);

    void synchronize(long stream);

    /** {free, total} device memory in bytes as the driver reports it. */
    long[] memoryInfo();
}
