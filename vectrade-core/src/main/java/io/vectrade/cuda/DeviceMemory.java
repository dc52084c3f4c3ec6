package io.vectrade.cuda;

import io.vectrade.backend.DeviceMemoryStats;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * Accounting of vectrade's own device and pinned host allocations on one {@link DeviceApi}, like
 * PyTorch's {@code memory_allocated} / {@code max_memory_allocated}: current and peak bytes. A
 * feature engine and the pipeline or live engine built on it share one, so the figures cover
 * everything they hold. Every method runs on the device's owner thread; not thread-safe.
 */
final class DeviceMemory {
    private final DeviceApi device;
    private final Map<Long, Long> allocations = new HashMap<>();
    private final java.util.List<MemorySegment> pinned = new java.util.ArrayList<>();
    /** Written on the owner thread, read from any (a memory sampler). */
    private volatile long currentBytes;
    private long peakBytes;
    private long pinnedBytes;

    DeviceMemory(DeviceApi device) {
        this.device = device;
    }

    DeviceApi device() {
        return device;
    }

    /** A device buffer of {@code bytes} (at least 1). */
    long alloc(long bytes) {
        long p = device.alloc(Math.max(bytes, 1));
        allocations.put(p, bytes);
        currentBytes += bytes;
        peakBytes = Math.max(peakBytes, currentBytes);
        return p;
    }

    /** Frees a buffer from {@link #alloc}; 0 and unknown pointers are ignored. */
    void free(long p) {
        Long bytes = allocations.remove(p);
        if (bytes != null) {
            device.free(p);
            currentBytes -= bytes;
        }
    }

    /** Page-locked host memory of {@code bytes} (at least 1). */
    MemorySegment allocHost(long bytes) {
        MemorySegment s = device.allocHost(Math.max(bytes, 1));
        pinnedBytes += s.byteSize();
        pinned.add(s);
        return s;
    }

    /** Frees host memory from {@link #allocHost}; null and segments not from here are ignored. */
    void freeHost(MemorySegment s) {
        if (s != null && pinned.remove(s)) {
            pinnedBytes -= s.byteSize();
            device.freeHost(s);
        }
    }

    /** Frees every device and pinned buffer still held (cleanup after a failed construction). */
    void freeAll() {
        for (long p : allocations.keySet().toArray(new Long[0])) {
            free(p);
        }
        for (MemorySegment s : pinned.toArray(new MemorySegment[0])) {
            freeHost(s);
        }
    }

    /** Device bytes held now; any thread (no device call). */
    long currentBytes() {
        return currentBytes;
    }

    /** Current and peak device bytes, pinned host bytes, and the driver's free / total. */
    DeviceMemoryStats stats() {
        long[] info = device.memoryInfo();
        return new DeviceMemoryStats(currentBytes, peakBytes, pinnedBytes, info[0], info[1]);
    }
}
