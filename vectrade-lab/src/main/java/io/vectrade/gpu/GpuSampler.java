package io.vectrade.gpu;

import io.vectrade.bench.Series;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples one GPU through NVML on a daemon thread every {@code periodMillis}: GPU and
 * memory-controller utilisation (%, NVML's own averaging window), memory used (bytes), SM clock
 * (MHz) and power (W). Samples go into growing primitive arrays; {@link #stop()} ends the thread and
 * returns them. {@link #probe()} says in one line whether NVML is usable here. Thread-safe: one
 * sampler thread writes, {@link #stop()} reads after joining it.
 */
public final class GpuSampler implements AutoCloseable {
    /** Default sampling period. */
    public static final long DEFAULT_PERIOD_MILLIS = 100;
    /** System property naming another NVML library (a path), for tests and unusual installs. */
    public static final String LIBRARY_PROPERTY = "vectrade.nvml.library";

    /**
     * What {@link #probe()} found.
     *
     * @param available true when NVML initialised and found a device
     * @param line      one line for the terminal and the report
     * @param gpu       the first device's name, or null
     * @param driver    the driver version, or null
     * @param devices   number of devices (0 when unavailable)
     */
    public record Status(boolean available, String line, String gpu, String driver, int devices) {
    }

    /**
     * The samples, one value per column and sample.
     *
     * @param gpu       the device's name
     * @param timeMillis time since the sampler started
     * @param columns   {gpu_util %, mem_util %, memory_used bytes, sm_clock MHz, power W}
     */
    public record Samples(String gpu, double[] timeMillis, double[][] columns) {
        /** Names of the columns, in order. */
        public static final List<String> NAMES = List.of("gpu_util", "mem_util", "gpu_memory_used", "sm_clock", "power");
        /** Units of the columns, in order. */
        public static final List<String> UNITS = List.of("percent", "percent", "bytes", "MHz", "W");

        public int size() {
            return timeMillis.length;
        }

        /** One {@link Series} per column ({@code gpu/<workload>/cuda/<name>}, x in ms). */
        public List<Series> series(String workload) {
            List<Series> out = new ArrayList<>();
            for (int c = 0; c < NAMES.size(); c++) {
                out.add(new Series("gpu/" + workload + "/cuda/" + NAMES.get(c), "gpu", "cuda", NAMES.get(c), "ms",
                        UNITS.get(c), timeMillis, columns[c]));
            }
            return out;
        }

        /** {@code mean and max GPU utilisation, peak memory used, max power} in one line. */
        public String describe() {
            if (size() == 0) {
                return "NVML: no samples";
            }
            return String.format(java.util.Locale.ROOT,
                    "NVML on %s, %d samples: GPU utilisation mean %.0f%% max %.0f%%, memory controller mean %.0f%%, "
                            + "memory used peak %.0f MiB, SM clock max %.0f MHz, power max %.1f W",
                    gpu, size(), mean(columns[0]), max(columns[0]), mean(columns[1]), max(columns[2]) / (1 << 20),
                    max(columns[3]), max(columns[4]));
        }

        private static double mean(double[] x) {
            return Arrays.stream(x).average().orElse(Double.NaN);
        }

        private static double max(double[] x) {
            return Arrays.stream(x).max().orElse(Double.NaN);
        }
    }

    private final Nvml nvml;
    private final String gpu;
    private final Thread thread;
    private final long periodMillis;
    private volatile boolean running = true;
    private volatile String failure;
    private double[] time = new double[256];
    private double[][] cols = new double[5][256];
    private int n;
    private Samples result;

    private GpuSampler(Nvml nvml, int device, long periodMillis) {
        this.nvml = nvml;
        this.periodMillis = periodMillis;
        MemorySegment dev = nvml.device(device);
        this.gpu = nvml.name(dev);
        this.thread = Thread.ofPlatform().daemon().name("vectrade-nvml").unstarted(() -> loop(dev));
    }

    /**
     * Opens NVML (the driver's library, or {@value #LIBRARY_PROPERTY}), initialises it and starts
     * sampling device 0.
     *
     * @throws NvmlException with a one-line reason when NVML or a device is unavailable
     */
    public static GpuSampler start(long periodMillis) {
        return start(Nvml.open(library()), 0, periodMillis);
    }

    /** Starts sampling {@code device} of an opened NVML (initialises it; {@link #stop()} shuts it down). */
    public static GpuSampler start(Nvml nvml, int device, long periodMillis) {
        if (periodMillis < 1) {
            throw new IllegalArgumentException("period must be >= 1 ms, period=" + periodMillis);
        }
        nvml.init();
        try {
            if (nvml.deviceCount() <= device) {
                throw new NvmlException("no NVIDIA device " + device + " (NVML found " + nvml.deviceCount() + ")");
            }
            GpuSampler s = new GpuSampler(nvml, device, periodMillis);
            s.thread.start();
            return s;
        } catch (RuntimeException e) {
            nvml.shutdown();
            throw e;
        }
    }

    /** The library name or path to load. */
    static String library() {
        String p = System.getProperty(LIBRARY_PROPERTY);
        return p == null || p.isBlank() ? Nvml.LIBRARY : p;
    }

    /** Whether NVML is usable here: the GPU, driver and device count, or why not, in one line. */
    public static Status probe() {
        return probe(library());
    }

    /** {@link #probe()} for a given library. */
    public static Status probe(String library) {
        Nvml nvml;
        try {
            nvml = Nvml.open(library);
        } catch (NvmlException e) {
            return new Status(false, "NVML not available: " + e.getMessage(), null, null, 0);
        }
        try {
            nvml.init();
        } catch (NvmlException e) {
            return new Status(false, "NVML not available: " + e.getMessage(), null, null, 0);
        }
        try {
            int count = nvml.deviceCount();
            String driver = nvml.driverVersion();
            if (count == 0) {
                return new Status(false, "NVML not available: no NVIDIA device (driver " + driver + ")", null, driver, 0);
            }
            String name = nvml.name(nvml.device(0));
            return new Status(true, "NVML: " + name + ", driver " + driver + ", " + count + " device"
                    + (count > 1 ? "s (sampling device 0)" : "") + "; utilisation sampling available", name, driver, count);
        } catch (NvmlException e) {
            return new Status(false, "NVML not available: " + e.getMessage(), null, null, 0);
        } finally {
            try {
                nvml.shutdown();
            } catch (NvmlException ignored) {
                // a failed shutdown after a probe changes nothing the caller can act on
            }
        }
    }

    private void loop(MemorySegment dev) {
        long t0 = System.nanoTime();
        long[] v = new long[5];
        try (Arena a = Arena.ofConfined()) {
            MemorySegment scratch = a.allocate(64, 8);
            while (running) {
                try {
                    nvml.sample(dev, scratch, v);
                } catch (NvmlException e) {
                    failure = e.getMessage();
                    return;
                }
                add((System.nanoTime() - t0) / 1e6, v);
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void add(double t, long[] v) {
        if (n == time.length) {
            time = Arrays.copyOf(time, n * 2);
            for (int c = 0; c < cols.length; c++) {
                cols[c] = Arrays.copyOf(cols[c], n * 2);
            }
        }
        time[n] = t;
        cols[0][n] = v[0];
        cols[1][n] = v[1];
        cols[2][n] = v[2];
        cols[3][n] = v[3];
        cols[4][n] = v[4] / 1000.0;
        n++;
    }

    /** Stops sampling, shuts NVML down and returns the samples; later calls return the same samples. */
    public synchronized Samples stop() {
        if (result != null) {
            return result;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            nvml.shutdown();
        } catch (NvmlException ignored) {
            // samples already taken stay valid
        }
        double[][] c = new double[cols.length][];
        for (int k = 0; k < cols.length; k++) {
            c[k] = Arrays.copyOf(cols[k], n);
        }
        result = new Samples(gpu, Arrays.copyOf(time, n), c);
        return result;
    }

    /** Why sampling stopped early, or null. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        stop();
    }
}
