package io.vectrade.profile;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs a workload step by step under a JFR recording that follows a {@link ProfileSchedule}, with
 * a memory sampler alongside, and writes the recording atomically. One recording at a time per
 * process; not thread-safe.
 */
public final class ProfileRecorder {
    /** Period of the memory sampler. */
    public static final Duration MEMORY_SAMPLE_PERIOD = Duration.ofMillis(5);

    /** One step of the profiled work, e.g. one pass of the pipeline. */
    @FunctionalInterface
    public interface Workload {
        void step() throws Exception;
    }

    private ProfileRecorder() {
    }

    /**
     * Records {@code workload} over {@code schedule} and writes {@code jfrFile} (temp file, then
     * moved into place).
     *
     * @param deviceBytes current device memory in use, sampled with heap and off-heap (0 without a GPU)
     */
    public static void record(Workload workload, ProfileSchedule schedule, ProfileType type,
                              LongSupplier deviceBytes, Path jfrFile) throws Exception {
        Path dir = jfrFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + jfrFile.getFileName(), ".tmp");
        try (Recording recording = new Recording(settings(type))) {
            recording.setName("vectrade-profile");
            recording.setToDisk(true);
            recording.start();
            MemorySampler sampler = new MemorySampler(deviceBytes);
            Thread t = Thread.ofPlatform().daemon().name("vectrade-memory-sampler").start(sampler);
            try {
                runSchedule(workload, schedule);
            } finally {
                sampler.stop();
                t.join();
            }
            recording.stop();
            recording.dump(tmp);
            Files.move(tmp, jfrFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    static void runSchedule(Workload workload, ProfileSchedule s) throws Exception {
        int step = 0;
        for (int r = 0; r < s.repeat(); r++) {
            for (int k = 0; k < s.waitSteps(); k++) {
                workload.step();
                step++;
            }
            for (int k = 0; k < s.warmupSteps(); k++) {
                markedStep(workload, step++, "warmup");
            }
            for (int k = 0; k < s.activeSteps(); k++) {
                markedStep(workload, step++, "active");
            }
        }
    }

    private static void markedStep(Workload workload, int step, String phase) throws Exception {
        StepEvent e = new StepEvent();
        e.step = step;
        e.phase = phase;
        e.begin();
        workload.step();
        e.commit();
    }

    /** JFR's "profile" settings with denser execution and allocation sampling. */
    static Map<String, String> settings(ProfileType type) throws IOException {
        Map<String, String> s;
        try {
            s = new java.util.HashMap<>(Configuration.getConfiguration("profile").getSettings());
        } catch (ParseException e) {
            throw new IOException("cannot read JFR's profile settings: " + e.getMessage(), e);
        }
        s.put("jdk.ExecutionSample#enabled", "true");
        s.put("jdk.ExecutionSample#period", "1 ms");
        s.put("jdk.ObjectAllocationSample#enabled", "true");
        s.put("jdk.ObjectAllocationSample#throttle", type == ProfileType.MEMORY ? "2000/s" : "300/s");
        for (String e : List.of("io.vectrade.Stage", "io.vectrade.Tick", "io.vectrade.ProfileStep",
                "io.vectrade.MemorySample", "io.vectrade.DeviceStage")) {
            s.put(e + "#enabled", "true");
            s.put(e + "#threshold", "0 ns");
        }
        return s;
    }

    /** Emits a {@link MemorySampleEvent} every {@link #MEMORY_SAMPLE_PERIOD} until stopped. */
    private static final class MemorySampler implements Runnable {
        private final LongSupplier deviceBytes;
        private volatile boolean running = true;

        MemorySampler(LongSupplier deviceBytes) {
            this.deviceBytes = deviceBytes;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
            do {
                MemorySampleEvent e = new MemorySampleEvent();
                e.heapUsed = memory.getHeapMemoryUsage().getUsed();
                long off = 0;
                for (BufferPoolMXBean p : pools) {
                    off += Math.max(0, p.getMemoryUsed());
                }
                e.offHeapUsed = off;
                e.deviceUsed = deviceBytes.getAsLong();
                e.commit();
                try {
                    Thread.sleep(MEMORY_SAMPLE_PERIOD);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } while (running);
        }
    }
}
