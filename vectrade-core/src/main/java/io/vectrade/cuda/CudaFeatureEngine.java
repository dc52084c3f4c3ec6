package io.vectrade.cuda;

import io.vectrade.backend.DeviceMemoryStats;
import io.vectrade.backend.BackendUnavailableException;
import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureEngine;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureTable;
import io.vectrade.events.Stages;
import io.vectrade.feature.FeatureType;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The standard feature set on an NVIDIA GPU: uploads the panel through pinned host buffers
 * (async copies on a stream), runs the kernels of {@code src/main/cuda/vectrade.cu}, and
 * downloads into the {@link FeatureTable} on a copy stream while later kernels run. Only the
 * input columns the feature set reads are packed and uploaded (see {@link FeatureBuffers#neededInputs}); pack
 * and unpack run over all cores ({@link HostTransfer}), and each column's upload is queued as soon
 * as it is packed, so it overlaps the packing of the next. Downloads run in two phases (about half
 * of the columns each): the first phase is unpacked while the second downloads. Features are
 * spread over four compute streams by type, so the one-thread-per-instrument recurrences, which
 * use few blocks each, run side by side.
 *
 * <p>Same contract as every {@link FeatureEngine}: NaN warm-up, TA-Lib values, missing bars
 * skipped with state carried across (the panel is compacted per instrument on the device when it
 * has gaps). {@link Precision#DOUBLE} matches the cpu reference to rounding; {@link
 * Precision#FLOAT} computes in float (OBV accumulates in double) and is tested to 1e-4 relative.
 *
 * <p>Thread mapping: one thread per instrument, time-major coalesced loads; windowed features
 * are also split over time (thread = instrument × chunk of bars) so that few instruments with
 * long histories still fill the GPU; for those panels the recurrences (EMA, RSI, ATR, MACD, ADX,
 * and OBV in float) then run as chunked scans of their linear recurrences, and missing bars are
 * compacted per chunk (see {@code docs/cuda.md}). bbands (double) and OBV (double) stay one thread
 * per instrument.
 *
 * <p>Device and pinned buffers are kept between calls and reallocated when the panel's shape or
 * the feature set changes: repeated calls on the same shape allocate nothing on the device or in
 * pinned memory (the host copies allocate only fork/join bookkeeping). Not thread-safe:
 * one engine per thread ({@link #computeInto} runs on the process-wide CUDA thread and blocks the
 * caller until the table is filled). Close it to free device memory.
 */
public final class CudaFeatureEngine implements FeatureEngine {
    /** Storage and arithmetic precision on the device. */
    public enum Precision {
        FLOAT(4, "f32"), DOUBLE(8, "f64");

        final int bytes;
        final String suffix;

        Precision(int bytes, String suffix) {
            this.bytes = bytes;
            this.suffix = suffix;
        }
    }

    /** Base names of the kernels the engine launches ({@code vt_<name>_f32} / {@code vt_<name>_f64}). */
    static final List<String> KERNELS = List.of("gather", "gather_count", "gather_prefix", "gather_apply", "scatter",
            "momentum", "roc", "logret", "volatility", "window_mean", "nan_prefix", "bbands", "bbands_running", "zscore", "vwap", "willr", "stoch_fastk", "cci",
            "ema", "ema_scan_local", "ema_scan_carry", "ema_scan_apply", "rsi", "macd", "atr", "adx", "obv",
            "rsi_scan_local", "rsi_scan_carry", "rsi_scan_apply", "atr_scan_local", "atr_scan_carry", "atr_scan_apply",
            "macd_scan_local", "macd_scan_carry", "macd_scan_apply", "macd_signal_local", "macd_signal_carry",
            "macd_signal_apply", "obv_scan_local", "obv_scan_carry", "obv_scan_apply", "adx_scan_local",
            "adx_scan_carry", "adx_scan_dx", "adx_avg_local", "adx_avg_carry", "adx_avg_apply");

    private static final int STREAMS = FeatureStreams.STREAMS;
    private static final int EVENT_START = 0;
    private static final int EVENT_INPUTS = 1;
    private static final int EVENT_KERNELS = 2;
    private static final int EVENT_DOWNLOADS = 3;
    static final int EVENT_JOIN = 4;

    private final DeviceApi device;
    private final Precision precision;
    /** Grid geometry, scans and each feature's kernels. */
    private final FeatureLaunchPlan plan;
    private final DeviceMemory memory;
    /** Pack and unpack over all cores. */
    private final HostTransfer transfer;
    /** The buffers of the last shape, or null. */
    private FeatureBuffers buffers;
    private CudaStageTimings lastTimings;
    private boolean closed;

    CudaFeatureEngine(DeviceApi device, Precision precision, int targetThreads, boolean forceScan) {
        this(device, precision, targetThreads, forceScan, new HostTransfer(Runtime.getRuntime().availableProcessors()));
    }

    /** Tests pass a {@link HostTransfer} that splits small panels over threads; the engine closes it. */
    CudaFeatureEngine(DeviceApi device, Precision precision, int targetThreads, boolean forceScan,
                      HostTransfer transfer) {
        this.device = device;
        this.precision = precision;
        this.plan = new FeatureLaunchPlan(precision, targetThreads, forceScan);
        this.memory = new DeviceMemory(device);
        this.transfer = transfer;
    }

    /**
     * An engine on device 0.
     *
     * @throws BackendUnavailableException with a one-line reason when there is no usable GPU or the
     *                                  jar was built without kernels
     */
    public static CudaFeatureEngine open(Precision precision) {
        CudaRuntime rt = Cuda.runtime();
        if (!rt.hasKernels()) {
            throw new BackendUnavailableException(Backend.CUDA, Cuda.NO_KERNELS);
        }
        return new CudaFeatureEngine(rt, precision, rt.multiprocessors() * 2048, false);
    }

    @Override
    public Backend backend() {
        return Backend.CUDA;
    }

    public Precision precision() {
        return precision;
    }

    /** The GPU's name. */
    public String deviceName() {
        return device.deviceName();
    }

    /**
     * @throws IllegalArgumentException when {@code out} does not fit
     * @throws CudaException            when a driver call or a kernel fails
     * @throws IllegalStateException    when the engine is closed
     */
    @Override
    public void computeInto(Panel panel, FeatureSet features, FeatureTable out) {
        if (!out.fits(features, panel)) {
            throw new IllegalArgumentException("output table does not fit the panel and features, bars="
                    + panel.bars() + " instruments=" + panel.instruments());
        }
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
        device.call(() -> {
            run(panel, features, out);
            return null;
        });
    }

    /**
     * Owner thread only: uploads the panel and queues every feature's kernels, leaving the
     * columns on the device (no download). When the returned stream reaches this point, column
     * {@code c} of {@code features} is at {@link #deviceColumn(int)} on the panel's calendar
     * (time-major, NaN at missing bars and during warm-up), valid until the next call.
     *
     * @return the stream that all feature work has joined; later work queued on it sees the columns
     */
    long enqueueOnDevice(Panel panel, FeatureSet features) {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
        run(panel, features, null);
        return buffers.streams[0];
    }

    /** Device pointer of output column {@code c} after {@link #enqueueOnDevice} (calendar layout). */
    long deviceColumn(int c) {
        FeatureBuffers b = buffers;
        return b.gaps ? b.full[c] : b.columns[c];
    }

    /**
     * After {@link #enqueueOnDevice} and a synchronisation of its stream: {host pack ms, upload ms,
     * feature kernels ms} of that call (CUDA events for the device parts). The upload is timed from
     * the first column's copy; the later columns are packed while it runs, so it includes any wait
     * for them (pack and upload overlap: their sum exceeds the time they took together).
     */
    double[] lastDeviceOnlyMillis() {
        long[] ev = buffers.events;
        return new double[] {lastPackNanos / 1e6, device.elapsedMillis(ev[EVENT_START], ev[EVENT_INPUTS]),
                device.elapsedMillis(ev[EVENT_INPUTS], ev[EVENT_KERNELS])};
    }

    /** The engine's host copier (its pool of threads), lent to the pipeline built on it (owner thread). */
    HostTransfer transfer() {
        return transfer;
    }

    /** The allocation accounting this engine uses (shared with pipelines built on it). */
    DeviceMemory memory() {
        return memory;
    }

    DeviceApi device() {
        return device;
    }

    /** Stage timings of the last {@link #computeInto}, or null before the first. */
    public CudaStageTimings lastTimings() {
        return lastTimings;
    }

    /** Device memory held by this engine, and the driver's view of the whole device. */
    public DeviceMemoryStats memoryStats() {
        return device.call(memory::stats);
    }

    /**
     * Device bytes this engine and what is built on it (a {@link CudaPipeline}) hold now; callable
     * from any thread without a device call (memory samplers use it).
     */
    public long deviceBytesInUse() {
        return memory.currentBytes();
    }

    /** Frees every device and pinned buffer; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            device.call(() -> {
                releaseBuffers();
                return null;
            });
        } finally {
            transfer.close();
        }
    }

    // ------------------------------------------------------------------ the run

    private int launches;
    private long lastPackNanos;
    /** The stream the next {@link #launch} goes to. */
    private long current;
    private final FeatureLaunchPlan.Launcher launcher = this::launch;

    private FeatureBuffers buffersFor(int bars, int n, FeatureSet features) {
        FeatureBuffers b = buffers;
        if (b != null && b.fit(bars, n, features)) {
            return b;
        }
        releaseBuffers();
        buffers = new FeatureBuffers(device, memory, plan, precision, bars, n, features);
        return buffers;
    }

    private void releaseBuffers() {
        FeatureBuffers b = buffers;
        buffers = null;
        if (b != null) {
            b.release();
        }
    }

    private void launch(String kernel, int gridY, Object... args) {
        FeatureBuffers b = buffers;
        device.launch("vt_" + kernel + "_" + precision.suffix, plan.gridX(b.instruments), gridY, FeatureLaunchPlan.BLOCK,
                current, args);
        launches++;
    }

    private void run(Panel panel, FeatureSet features, FeatureTable out) {
        int bars = panel.bars();
        int n = panel.instruments();
        FeatureBuffers b = buffersFor(bars, n, features);
        long cells = (long) bars * n;
        long colBytes = cells * precision.bytes;
        launches = 0;

        boolean download = out != null;
        long s = b.streams[0];
        current = s;
        long[] ev = b.events;

        // pack each needed column over all cores and queue its upload at once, so that the copy of
        // one column overlaps the packing of the next; close first, to learn about gaps
        long h0 = System.nanoTime();
        boolean gaps = false;
        boolean started = false;
        for (int c : PACK_ORDER) {
            if (!b.needed[c]) {
                continue;
            }
            long at = b.hostSlot[c] * colBytes;
            boolean nan = transfer.pack(panel, column(panel, c), b.hostIn, at, precision == Precision.FLOAT, c == FeatureBuffers.CLOSE);
            gaps |= nan;
            if (!started) {
                // the upload stage starts with the first copy (it then overlaps the packing of the rest)
                device.recordEvent(ev[EVENT_START], s);
                started = true;
            }
            device.copyToDevice(b.raw[c], b.hostIn.asSlice(at, colBytes), colBytes, s);
        }
        b.gaps = gaps;
        long h1 = System.nanoTime();
        lastPackNanos = h1 - h0;
        long[] in;
        if (gaps) {
            b.ensureGapBuffers();
            in = b.compact;
            long[] r = b.raw;
            if (b.scanChunks > 0) {
                // few instruments, long histories: count, prefix and compact per chunk of bars
                int sc = b.scanChunks;
                int scanChunk = (bars + sc - 1) / sc;
                launch("gather_count", sc, r[FeatureBuffers.CLOSE], b.gatherCounts, n, bars, scanChunk);
                launch("gather_prefix", 1, b.gatherCounts, b.lengths, n, sc);
                launch("gather_apply", sc, r[0], r[1], r[2], r[3], r[4], in[0], in[1], in[2], in[3], in[4], b.rank,
                        b.gatherCounts, n, bars, scanChunk);
            } else {
                launch("gather", 1, r[0], r[1], r[2], r[3], r[4], in[0], in[1], in[2], in[3], in[4], b.rank, b.lengths,
                        n, bars);
            }
        } else {
            in = b.raw;
            device.copyToDevice(b.lengths, b.hostLengths, 4L * n, s);
        }
        device.recordEvent(ev[EVENT_INPUTS], s);
        for (int k = 1; k < STREAMS; k++) {
            device.waitEvent(b.streams[k], ev[EVENT_INPUTS]);
        }

        int chunk = plan.windowChunk(bars, n);
        int chunks = (bars + chunk - 1) / chunk;
        // downloads in two phases: those of features [0, split) are queued with their kernels; the
        // rest after the first phase has landed, so that its unpack overlaps the second phase
        int split = download ? downloadSplit(features) : features.size();
        for (int f = 0; f < features.size(); f++) {
            FeatureSpec spec = features.spec(f);
            int first = features.firstColumn(f);
            current = b.streams[FeatureStreams.of(spec.type())];
            plan.launchFeature(launcher, spec, in, b, first, n, chunk, chunks);
            int parts = spec.type().outputs();
            for (int p = 0; p < parts; p++) {
                if (gaps) {
                    launch("scatter", chunks, b.columns[first + p], b.full[first + p], b.rank, n, bars, chunk);
                }
            }
            if (!download) {
                continue;
            }
            // downloads of this feature overlap the kernels that follow
            device.recordEvent(b.featureEvents[f], current);
            if (f < split) {
                queueDownload(b, features, f, colBytes);
            }
        }
        for (int k = 1; k < STREAMS; k++) {
            device.recordEvent(ev[EVENT_JOIN + k], b.streams[k]);
            device.waitEvent(s, ev[EVENT_JOIN + k]);
        }
        device.recordEvent(ev[EVENT_KERNELS], s);
        if (!download) {
            lastTimings = null;  // the caller times the device work it queues after the features
            return;
        }
        boolean floats = precision == Precision.FLOAT;
        // columns [0, splitColumn) are unpacked during the second phase, the rest after it
        int splitColumn = split < features.size() ? features.firstColumn(split) : 0;
        long h2;
        try {
            if (split < features.size()) {
                device.synchronize(b.copyStream);  // the first phase has landed
                transfer.unpackAsync(b.hostOut, out, cells, floats, 0, splitColumn);
                for (int f = split; f < features.size(); f++) {
                    queueDownload(b, features, f, colBytes);
                }
            }
            device.recordEvent(ev[EVENT_DOWNLOADS], b.copyStream);
            device.synchronize(b.copyStream);
            device.synchronize(s);
            h2 = System.nanoTime();
        } finally {
            transfer.await();
        }
        transfer.unpack(b.hostOut, out, cells, floats, splitColumn, features.columns());
        long h3 = System.nanoTime();
        lastTimings = new CudaStageTimings((h1 - h0) / 1e6, device.elapsedMillis(ev[EVENT_START], ev[EVENT_INPUTS]),
                device.elapsedMillis(ev[EVENT_INPUTS], ev[EVENT_KERNELS]),
                Math.max(0, device.elapsedMillis(ev[EVENT_KERNELS], ev[EVENT_DOWNLOADS])),
                device.elapsedMillis(ev[EVENT_START], ev[EVENT_DOWNLOADS]), (h3 - h2) / 1e6, launches);
        if (Stages.deviceStagesEnabled()) {
            Stages.deviceStage("upload", lastTimings.uploadMillis());
            Stages.deviceStage("kernels", lastTimings.kernelMillis());
            Stages.deviceStage("download tail", lastTimings.downloadTailMillis());
            Stages.deviceStage("device total", lastTimings.deviceMillis());
        }
    }

    /** Queues the downloads of feature {@code f}'s columns on the copy stream, after its kernels. */
    private void queueDownload(FeatureBuffers b, FeatureSet features, int f, long colBytes) {
        device.waitEvent(b.copyStream, b.featureEvents[f]);
        int first = features.firstColumn(f);
        for (int p = 0; p < features.spec(f).type().outputs(); p++) {
            long src = b.gaps ? b.full[first + p] : b.columns[first + p];
            device.copyToHost(b.hostOut.asSlice((first + p) * colBytes, colBytes), src, colBytes, b.copyStream);
        }
    }

    /** First feature of the second download phase: where half of the columns are reached (size() when one feature). */
    private static int downloadSplit(FeatureSet features) {
        int half = features.columns() / 2;
        for (int f = 1; f < features.size(); f++) {
            if (features.firstColumn(f) >= half) {
                return f;
            }
        }
        return features.size();
    }

    /** Close first: whether the panel has gaps is known before the other columns are packed. */
    private static final int[] PACK_ORDER = {FeatureBuffers.CLOSE, FeatureBuffers.HIGH, FeatureBuffers.LOW,
            FeatureBuffers.VOLUME, FeatureBuffers.OPEN};

    private static double[] column(Panel p, int c) {
        return switch (c) {
            case FeatureBuffers.OPEN -> p.openColumn();
            case FeatureBuffers.HIGH -> p.highColumn();
            case FeatureBuffers.LOW -> p.lowColumn();
            case FeatureBuffers.CLOSE -> p.closeColumn();
            default -> p.volumeColumn();
        };
    }
}
