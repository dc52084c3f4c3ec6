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
 * input columns the feature set reads are packed and uploaded (see {@link #neededInputs}); pack
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

    private static final int BLOCK = 128;
    /**
     * Compute streams: features go to stream {@code type.ordinal() % STREAMS}, so the
     * one-thread-per-instrument recurrences (few blocks each) run side by side, and features of one
     * type (which share scratch buffers) stay in order on one stream.
     */
    private static final int STREAMS = 4;
    private static final int EVENT_START = 0;
    private static final int EVENT_INPUTS = 1;
    private static final int EVENT_KERNELS = 2;
    private static final int EVENT_DOWNLOADS = 3;
    private static final int EVENT_JOIN = 4;
    private static final int MIN_WINDOW_CHUNK = 16;
    private static final int MIN_SCAN_CHUNK = 64;
    private static final int MAX_GRID_Y = 65_535;

    private final DeviceApi device;
    private final Precision precision;
    /** Threads wanted in flight for chunked kernels (about a full GPU). */
    private final int targetThreads;
    /** Tests force the scans (and the chunked gather) to run on small inputs. */
    private final boolean forceScan;
    private final DeviceMemory memory;
    /** Pack and unpack over all cores. */
    private final HostTransfer transfer;
    private Buffers buffers;
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
        this.targetThreads = targetThreads;
        this.forceScan = forceScan;
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
        Buffers b = buffers;
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

    // ------------------------------------------------------------------ buffers

    /** Everything one shape needs, allocated together. */
    private static final class Buffers {
        int bars;
        int instruments;
        FeatureSet features;
        int scanChunks;
        long[] streams;
        long copyStream;
        long[] events;
        /** Recorded when feature f's columns are final, for its downloads. */
        long[] featureEvents;
        /** Which of open, high, low, close, volume the feature set reads (close always). */
        boolean[] needed;
        /** Slot of input column c in {@link #hostIn}, -1 when not needed. */
        int[] hostSlot;
        long[] raw;        // open, high, low, close, volume on the panel's calendar (0: not needed)
        long[] compact;    // the same compacted per instrument (gap case), else == raw
        long rank;         // int [bars * N], calendar layout: compact index of bar t, -1 if missing (gap case)
        long gatherCounts; // int [scanChunks * N]: bars per chunk, then first compact index (chunked gather)
        long lengths;      // int [N]
        long[] columns;    // outputs, compact layout
        long[] full;       // outputs on the calendar (gap case)
        long scratch;      // stoch fast %K
        /**
         * Scan carries by compute stream (0 where no scanned feature runs there): features of one
         * stream run in order, so they share it; 3 states × chunks × N values of 8 bytes.
         */
        long[] scanEnds;
        long adxDx;        // ADX scan: DX per bar (0 unless ADX is scanned)
        MemorySegment hostIn;
        MemorySegment hostOut;
        MemorySegment hostLengths;
        /** Whether the last panel had missing bars (outputs then in {@link #full}). */
        boolean gaps;
        /** Every device buffer of this shape, freed together. */
        final java.util.List<Long> owned = new java.util.ArrayList<>();
    }

    private long alloc(long bytes) {
        long p = memory.alloc(bytes);
        buffers.owned.add(p);
        return p;
    }

    private MemorySegment allocHost(long bytes) {
        return memory.allocHost(bytes);
    }

    private void freeHost(MemorySegment s) {
        memory.freeHost(s);
    }

    private void releaseBuffers() {
        Buffers b = buffers;
        if (b == null) {
            return;
        }
        buffers = null;
        for (long p : b.owned) {
            memory.free(p);
        }
        freeHost(b.hostIn);
        freeHost(b.hostOut);
        freeHost(b.hostLengths);
        for (long e : b.events) {
            device.destroyEvent(e);
        }
        for (long e : b.featureEvents) {
            device.destroyEvent(e);
        }
        for (long st : b.streams) {
            device.destroyStream(st);
        }
        device.destroyStream(b.copyStream);
    }

    private Buffers buffersFor(int bars, int n, FeatureSet features) {
        Buffers b = buffers;
        if (b != null && b.bars == bars && b.instruments == n && b.features.equals(features)) {
            return b;
        }
        releaseBuffers();
        b = new Buffers();
        buffers = b;
        b.bars = bars;
        b.instruments = n;
        b.features = features;
        long cells = (long) bars * n;
        long colBytes = cells * precision.bytes;
        b.streams = new long[STREAMS];
        for (int k = 0; k < STREAMS; k++) {
            b.streams[k] = device.createStream();
        }
        b.copyStream = device.createStream();
        b.events = new long[EVENT_JOIN + STREAMS];
        for (int k = 0; k < b.events.length; k++) {
            b.events[k] = device.createEvent();
        }
        b.featureEvents = new long[features.size()];
        for (int k = 0; k < b.featureEvents.length; k++) {
            b.featureEvents[k] = device.createEvent();
        }
        b.needed = neededInputs(features);
        b.hostSlot = new int[5];
        b.raw = new long[5];
        b.compact = new long[5];
        int slots = 0;
        for (int c = 0; c < 5; c++) {
            b.hostSlot[c] = b.needed[c] ? slots++ : -1;
            b.raw[c] = b.needed[c] ? alloc(colBytes) : 0;
        }
        b.lengths = alloc(4L * n);
        b.columns = new long[features.columns()];
        b.full = new long[features.columns()];
        for (int c = 0; c < b.columns.length; c++) {
            b.columns[c] = alloc(colBytes);
        }
        boolean stoch = features.specs().stream().anyMatch(s -> s.type() == FeatureType.STOCH);
        b.scratch = stoch ? alloc(colBytes) : 0;
        b.scanChunks = scanChunks(bars, n);
        b.scanEnds = new long[STREAMS];
        if (b.scanChunks > 0) {
            for (FeatureSpec spec : features.specs()) {
                int st = streamOf(spec.type());
                if (scanned(spec.type()) && b.scanEnds[st] == 0) {
                    b.scanEnds[st] = alloc(3L * b.scanChunks * n * 8);
                }
            }
            boolean adx = features.specs().stream().anyMatch(s -> s.type() == FeatureType.ADX);
            b.adxDx = adx ? alloc(colBytes) : 0;
        }
        b.hostIn = allocHost(slots * colBytes);
        b.hostOut = allocHost(features.columns() * colBytes);
        b.hostLengths = allocHost(4L * n);
        for (int i = 0; i < n; i++) {
            b.hostLengths.setAtIndex(JAVA_INT, i, bars);
        }
        buffers = b;
        return b;
    }

    /** Gap case only: compacted inputs, calendar ranks and calendar outputs, allocated once. */
    private void ensureGapBuffers(Buffers b) {
        if (b.rank != 0) {
            return;
        }
        long cells = (long) b.bars * b.instruments;
        long colBytes = cells * precision.bytes;
        for (int c = 0; c < 5; c++) {
            b.compact[c] = b.needed[c] ? alloc(colBytes) : 0;
        }
        b.rank = alloc(4L * cells);
        b.gatherCounts = b.scanChunks > 0 ? alloc(4L * b.scanChunks * b.instruments) : 0;
        for (int c = 0; c < b.full.length; c++) {
            b.full[c] = alloc(colBytes);
        }
    }

    static final int OPEN = 0;
    static final int HIGH = 1;
    static final int LOW = 2;
    static final int CLOSE = 3;
    static final int VOLUME = 4;

    /**
     * The panel columns {@code features} read, indexed open, high, low, close, volume: close
     * always; high and low for atr, stoch, willr, cci, adx, vwap; volume for obv and vwap; open never.
     */
    static boolean[] neededInputs(FeatureSet features) {
        boolean[] needed = new boolean[5];
        needed[CLOSE] = true;
        for (FeatureSpec s : features.specs()) {
            switch (s.type()) {
                case ATR, STOCH, WILLR, CCI, ADX -> {
                    needed[HIGH] = true;
                    needed[LOW] = true;
                }
                case VWAP -> {
                    needed[HIGH] = true;
                    needed[LOW] = true;
                    needed[VOLUME] = true;
                }
                case OBV -> needed[VOLUME] = true;
                default -> {
                    // close only
                }
            }
        }
        return needed;
    }

    // ------------------------------------------------------------------ launch geometry

    private int gridX(int n) {
        return (n + BLOCK - 1) / BLOCK;
    }

    /** Bars per thread for windowed kernels: enough chunks over time to reach the target threads. */
    private int windowChunk(int bars, int n) {
        return chunkLength(bars, n, MIN_WINDOW_CHUNK);
    }

    private int chunkLength(int bars, int n, int minChunk) {
        long threadsPerChunk = (long) gridX(n) * BLOCK;
        long wanted = Math.max(1, (targetThreads + threadsPerChunk - 1) / threadsPerChunk);
        long maxChunks = Math.max(1, Math.min(MAX_GRID_Y, (bars + minChunk - 1) / minChunk));
        long chunks = Math.min(wanted, maxChunks);
        return (int) Math.max(1, (bars + chunks - 1) / chunks);
    }

    /** Features that run as chunked scans when {@link #scanChunks} is not 0. */
    private boolean scanned(FeatureType type) {
        return switch (type) {
            case EMA, RSI, ATR, MACD, ADX -> true;
            // in double the chunked sum's rounding can differ from the sequential one by more than
            // the 1e-10 absolute tolerance where OBV crosses zero: float only
            case OBV -> precision == Precision.FLOAT;
            default -> false;
        };
    }

    private static int streamOf(FeatureType type) {
        return type.ordinal() % STREAMS;
    }

    /**
     * Chunks of the recurrence scans (EMA, RSI, ATR, MACD, ADX; OBV in float), or 0 when plain
     * one-thread-per-instrument recurrences fill the GPU.
     */
    private int scanChunks(int bars, int n) {
        boolean fewInstruments = (long) n * 8 < targetThreads && bars >= 2048;
        if (!(forceScan || fewInstruments) || bars < 2) {
            return 0;
        }
        int len = forceScan ? Math.max(1, Math.min(MIN_SCAN_CHUNK, (bars + 3) / 4)) : chunkLength(bars, n, MIN_SCAN_CHUNK);
        return (bars + len - 1) / len;
    }

    // ------------------------------------------------------------------ the run

    private int launches;
    private long lastPackNanos;
    /** The stream the next {@link #launch} goes to. */
    private long current;

    private void launch(String kernel, int gridY, Object... args) {
        Buffers b = buffers;
        device.launch("vt_" + kernel + "_" + precision.suffix, gridX(b.instruments), gridY, BLOCK, current, args);
        launches++;
    }

    private void run(Panel panel, FeatureSet features, FeatureTable out) {
        int bars = panel.bars();
        int n = panel.instruments();
        Buffers b = buffersFor(bars, n, features);
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
            boolean nan = transfer.pack(panel, column(panel, c), b.hostIn, at, precision == Precision.FLOAT, c == CLOSE);
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
            ensureGapBuffers(b);
            in = b.compact;
            long[] r = b.raw;
            if (b.scanChunks > 0) {
                // few instruments, long histories: count, prefix and compact per chunk of bars
                int sc = b.scanChunks;
                int scanChunk = (bars + sc - 1) / sc;
                launch("gather_count", sc, r[CLOSE], b.gatherCounts, n, bars, scanChunk);
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

        int chunk = windowChunk(bars, n);
        int chunks = (bars + chunk - 1) / chunk;
        // downloads in two phases: those of features [0, split) are queued with their kernels; the
        // rest after the first phase has landed, so that its unpack overlaps the second phase
        int split = download ? downloadSplit(features) : features.size();
        for (int f = 0; f < features.size(); f++) {
            FeatureSpec spec = features.spec(f);
            int first = features.firstColumn(f);
            current = b.streams[streamOf(spec.type())];
            launchFeature(spec, in, b, first, n, chunk, chunks);
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
    private void queueDownload(Buffers b, FeatureSet features, int f, long colBytes) {
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

    private void launchFeature(FeatureSpec spec, long[] in, Buffers b, int first, int n, int chunk, int chunks) {
        long h = in[1];
        long l = in[2];
        long c = in[3];
        long v = in[4];
        long[] col = b.columns;
        long len = b.lengths;
        long out = col[first];
        int sc = b.scanChunks;
        boolean scan = sc > 0 && scanned(spec.type());
        int scanChunk = scan ? (b.bars + sc - 1) / sc : 0;
        long ends = scan ? b.scanEnds[streamOf(spec.type())] : 0;
        switch (spec.type()) {
            case MOMENTUM -> launch("momentum", chunks, c, out, len, n, chunk, spec.intParam(0));
            case ROC -> launch("roc", chunks, c, out, len, n, chunk, spec.intParam(0));
            case LOGRET -> launch("logret", chunks, c, out, len, n, chunk, spec.intParam(0));
            case VOLATILITY -> launch("volatility", chunks, c, out, len, n, chunk, spec.intParam(0));
            case SMA -> launch("window_mean", chunks, c, out, len, n, chunk, spec.intParam(0), 0);
            case EMA -> {
                int period = spec.intParam(0);
                if (scan) {
                    launch("ema_scan_local", sc, c, ends, len, n, scanChunk, period);
                    launch("ema_scan_carry", 1, c, ends, len, n, scanChunk, period, sc);
                    launch("ema_scan_apply", sc, c, out, ends, len, n, scanChunk, period);
                } else {
                    launch("ema", 1, c, out, len, n, period);
                }
            }
            case RSI -> {
                int p = spec.intParam(0);
                if (scan) {
                    launch("rsi_scan_local", sc, c, ends, len, n, scanChunk, p);
                    launch("rsi_scan_carry", 1, c, ends, len, n, scanChunk, p, sc);
                    launch("rsi_scan_apply", sc, c, out, ends, len, n, scanChunk, p);
                } else {
                    launch("rsi", 1, c, out, len, n, p);
                }
            }
            case MACD -> {
                int fast = spec.intParam(0);
                int slow = spec.intParam(1);
                int sig = spec.intParam(2);
                long signal = col[first + 1];
                long hist = col[first + 2];
                if (scan) {
                    // the EMAs and the line, then the signal EMA of the line
                    launch("macd_scan_local", sc, c, ends, len, n, scanChunk, fast, slow);
                    launch("macd_scan_carry", 1, c, ends, len, n, scanChunk, fast, slow, sig, sc);
                    launch("macd_scan_apply", sc, c, out, signal, hist, ends, len, n, scanChunk, fast, slow, sig);
                    launch("macd_signal_local", sc, out, ends, len, n, scanChunk, fast, slow, sig);
                    launch("macd_signal_carry", 1, c, ends, len, n, scanChunk, fast, slow, sig, sc);
                    launch("macd_signal_apply", sc, out, signal, hist, ends, len, n, scanChunk, fast, slow, sig);
                } else {
                    launch("macd", 1, c, out, signal, hist, len, n, fast, slow, sig);
                }
            }
            case BBANDS -> {
                if (precision == Precision.DOUBLE) {
                    // TA-Lib's running sums, bit for bit with the reference even on flat stretches
                    launch("bbands_running", 1, c, out, col[first + 1], col[first + 2], len, n,
                            spec.intParam(0), spec.param(1));
                } else {
                    launch("bbands", chunks, c, out, col[first + 1], col[first + 2], len, n, chunk,
                            spec.intParam(0), spec.param(1));
                }
            }
            case ATR -> {
                int p = spec.intParam(0);
                if (scan) {
                    launch("atr_scan_local", sc, h, l, c, ends, len, n, scanChunk, p);
                    launch("atr_scan_carry", 1, h, l, c, ends, len, n, scanChunk, p, sc);
                    launch("atr_scan_apply", sc, h, l, c, out, ends, len, n, scanChunk, p);
                } else {
                    launch("atr", 1, h, l, c, out, len, n, p);
                }
            }
            case STOCH -> {
                int k = spec.intParam(0);
                int sk = spec.intParam(1);
                int d = spec.intParam(2);
                long slowK = out;
                long slowD = col[first + 1];
                launch("stoch_fastk", chunks, h, l, c, b.scratch, len, n, chunk, k);
                launch("window_mean", chunks, b.scratch, slowK, len, n, chunk, sk, k - 1);
                launch("window_mean", chunks, slowK, slowD, len, n, chunk, d, k - 1 + sk - 1);
                launch("nan_prefix", chunks, slowK, len, n, chunk, spec.lookback());
            }
            case WILLR -> launch("willr", chunks, h, l, c, out, len, n, chunk, spec.intParam(0));
            case CCI -> launch("cci", chunks, h, l, c, out, len, n, chunk, spec.intParam(0));
            case ADX -> {
                int p = spec.intParam(0);
                if (scan) {
                    // smoothed DM and TR, DX per bar into a scratch column, then the DX average
                    long dx = b.adxDx;
                    launch("adx_scan_local", sc, h, l, c, ends, len, n, scanChunk, p);
                    launch("adx_scan_carry", 1, h, l, c, ends, len, n, scanChunk, p, sc);
                    launch("adx_scan_dx", sc, h, l, c, dx, ends, len, n, scanChunk, p);
                    launch("adx_avg_local", sc, dx, ends, len, n, scanChunk, p);
                    launch("adx_avg_carry", 1, dx, ends, len, n, scanChunk, p, sc);
                    launch("adx_avg_apply", sc, dx, out, ends, len, n, scanChunk, p);
                } else {
                    launch("adx", 1, h, l, c, out, len, n, p);
                }
            }
            case OBV -> {
                if (scan) {
                    launch("obv_scan_local", sc, c, v, ends, len, n, scanChunk);
                    launch("obv_scan_carry", 1, v, ends, len, n, scanChunk, sc);
                    launch("obv_scan_apply", sc, c, v, out, ends, len, n, scanChunk);
                } else {
                    launch("obv", 1, c, v, out, len, n);
                }
            }
            case ZSCORE -> launch("zscore", chunks, c, out, len, n, chunk, spec.intParam(0));
            case VWAP -> launch("vwap", chunks, h, l, c, v, out, len, n, chunk, spec.intParam(0));
        }
    }

    /** Close first: whether the panel has gaps is known before the other columns are packed. */
    private static final int[] PACK_ORDER = {CLOSE, HIGH, LOW, VOLUME, OPEN};

    private static double[] column(Panel p, int c) {
        return switch (c) {
            case OPEN -> p.openColumn();
            case HIGH -> p.highColumn();
            case LOW -> p.lowColumn();
            case CLOSE -> p.closeColumn();
            default -> p.volumeColumn();
        };
    }
}
