package io.vectrade.cuda;

import io.vectrade.feature.FeatureSet;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functional check (not a timing): after warm-up, {@link CudaStreamingFeatures#enqueueTick} with
 * the same pointers allocates nothing on the host (no argument array, no boxing), measured with
 * {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()} over a device stub that
 * records launches and does nothing else.
 */
class CudaStreamingFeaturesAllocationTest {
    private static final int TICKS = 10_000;

    /** A DeviceApi that hands out fake pointers and counts launches; nothing runs. */
    private static final class CountingDevice implements DeviceApi {
        long next = 4096;
        int tickLaunches;
        int resetLaunches;
        int copies;
        Object[] lastArgs;

        @Override
        public <R> R call(Callable<R> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String deviceName() {
            return "counting stub";
        }

        @Override
        public int multiprocessors() {
            return 1;
        }

        @Override
        public long alloc(long bytes) {
            long p = next;
            next += bytes + 256;
            return p;
        }

        @Override
        public void free(long devicePtr) {
        }

        @Override
        public MemorySegment allocHost(long bytes) {
            return Arena.ofAuto().allocate(bytes, 16);
        }

        @Override
        public void freeHost(MemorySegment host) {
        }

        @Override
        public long createStream() {
            return 1;
        }

        @Override
        public void destroyStream(long stream) {
        }

        @Override
        public void copyToDevice(long dst, MemorySegment src, long bytes, long stream) {
            copies++;
        }

        @Override
        public void copyToHost(MemorySegment dst, long src, long bytes, long stream) {
        }

        @Override
        public void launch(String name, int gridX, int gridY, int blockX, long stream, Object... args) {
            if (name.startsWith("vt_live_tick_")) {
                tickLaunches++;
            } else {
                resetLaunches++;
            }
            lastArgs = args;
        }

        @Override
        public long createEvent() {
            return 1;
        }

        @Override
        public void destroyEvent(long event) {
        }

        @Override
        public void recordEvent(long event, long stream) {
        }

        @Override
        public void waitEvent(long stream, long event) {
        }

        @Override
        public float elapsedMillis(long start, long end) {
            return 0;
        }

        @Override
        public void synchronize(long stream) {
        }

        @Override
        public long[] memoryInfo() {
            return new long[] {0, 0};
        }
    }

    @Test
    void enqueueTickAllocatesNothingAfterWarmUpAndLaunchesOnce() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        CountingDevice dev = new CountingDevice();
        DeviceMemory memory = new DeviceMemory(dev);
        long in = memory.alloc(5L * 1024 * 8);
        long out = memory.alloc(64L * 1024 * 8);
        try (CudaStreamingFeatures live = new CudaStreamingFeatures(memory, CudaFeatureEngine.Precision.DOUBLE,
                FeatureSet.standard(), 1024)) {
            for (int t = 0; t < 2000; t++) {
                live.enqueueTick(1, in, in + 8192, in + 16384, in + 24576, in + 32768, out);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int t = 0; t < TICKS; t++) {
                live.enqueueTick(1, in, in + 8192, in + 16384, in + 24576, in + 32768, out);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as("bytes allocated over %d ticks", TICKS).isLessThan(TICKS);
            assertThat(dev.tickLaunches).isEqualTo(2000 + TICKS);
            assertThat(dev.resetLaunches).isEqualTo(1);  // the initialisation, with the one table upload
            assertThat(dev.copies).isEqualTo(1);
            assertThat(dev.lastArgs).startsWith(in, in + 8192, in + 16384, in + 24576, in + 32768, out);
            // a changed pointer reaches the next launch
            live.enqueueTick(1, in, in + 8192, in + 16384, in + 24576, in + 32768, out + 8);
            assertThat(dev.lastArgs[5]).isEqualTo(out + 8);
        }
    }
}
