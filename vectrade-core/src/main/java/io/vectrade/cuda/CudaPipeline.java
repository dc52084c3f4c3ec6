package io.vectrade.cuda;

import io.vectrade.backend.DevicePipelineTimings;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.model.Model;
import io.vectrade.events.Stages;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.signal.SignalStage;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Model and signal policies on the GPU, on top of a {@link CudaFeatureEngine}: the kernels of
 * {@code src/main/cuda/pipeline.cuh}.
 *
 * <ul>
 *   <li>{@link #run}: the fused pipeline. The panel goes up once; features, scores and signals
 *   are computed on the device without copying the features or the scores back; only the signal
 *   frame comes down (side, strength, weight).</li>
 *   <li>{@link #predict} and {@link #signals}: the model and the policy alone, on host inputs
 *   (upload, kernels, download), for stage-by-stage use.</li>
 * </ul>
 *
 * <p>Same semantics as the cpu model ({@code CpuPredictor}: a row with a NaN or infinite input
 * scores NaN) and the Java policies; each {@link #run} starts the policy afresh. In
 * {@link CudaFeatureEngine.Precision#DOUBLE} the signal kernels repeat the Java operations in the
 * same order (the same scores give the same frame bit for bit) and the model differs from the cpu
 * model only through the device's {@code exp}/{@code tanh} (a few ulps). In {@code FLOAT} the
 * features, scores, strength and weight are floats on the device.
 *
 * <p>Device and pinned buffers are allocated on the first call for a shape and reused; the
 * model's parameters are uploaded once. Memory is accounted with the engine's
 * ({@link CudaFeatureEngine#memoryStats()}). Not thread-safe; every call blocks until its results
 * are on the host. Close it before the engine.
 */
public final class CudaPipeline implements AutoCloseable {
    private static final int BLOCK = 128;
    private static final int EV_FEATURES = 0;
    private static final int EV_MODEL = 1;
    private static final int EV_SIGNALS = 2;
    private static final int EV_DOWNLOAD = 3;

    private final CudaFeatureEngine engine;
    private final DeviceApi device;
    private final DeviceMemory memory;
    private final CudaFeatureEngine.Precision precision;
    private final FeatureSet features;
    private final int[] inputColumns;
    private final int volatilityColumn;
    private final List<SignalStage> stages;
    private final DeviceModel deviceModel;
    private final long stream;
    private final long[] events = new long[EV_DOWNLOAD + 1];

    private int cells = -1;
    private int instruments;
    private long columnTable;
    private long scores;
    private long side;
    private long strength;
    private long weight;
    /** Caps' per-bar long and short totals (2 doubles a bar) and their 32-instrument blocks, or 0 without caps. */
    private long capSums;
    private long capParts;
    private long state;
    private long volatility;
    private long[] hostInputs;
    private long hostInputTable;
    private MemorySegment pinnedTable;
    private MemorySegment pinnedIn;
    private MemorySegment pinnedScores;
    private MemorySegment pinnedSide;
    /** Strength then weight, one after the other (one parallel unpack). */
    private MemorySegment pinnedFrame;
    private float[] widen = new float[0];
    /** The engine's: one pool of copy threads per engine. */
    private final HostTransfer transfer;
    private final double[][] frameColumns = new double[2][];
    private DevicePipelineTimings lastTimings;
    private boolean closed;

    private CudaPipeline(CudaFeatureEngine engine, Model model, SignalChain chain, FeatureSet features,
                         int volatilityColumn) {
        this.engine = engine;
        this.device = engine.device();
        this.memory = engine.memory();
        this.precision = engine.precision();
        this.transfer = engine.transfer();
        this.features = features;
        this.volatilityColumn = volatilityColumn;
        this.stages = chain.stages();
        this.inputColumns = DeviceModel.inputColumns(model, features, volatilityColumn);
        boolean needsVol = stages.stream().anyMatch(s -> s instanceof SignalStage.VolTarget);
        if (needsVol && volatilityColumn < 0) {
            throw new IllegalArgumentException("the signal policy needs a volatility column, policy=" + chain.spec());
        }
        // first: it throws (before allocating) for a model too wide for the device kernel
        this.deviceModel = new DeviceModel(memory, precision, model, 0L);
        long s = 0;
        try {
            s = device.createStream();
            for (int k = 0; k < events.length; k++) {
                events[k] = device.createEvent();
            }
        } catch (RuntimeException | Error e) {
            for (long ev : events) {
                if (ev != 0) {
                    device.destroyEvent(ev);
                }
            }
            if (s != 0) {
                device.destroyStream(s);
            }
            deviceModel.free();
            throw e;
        }
        this.stream = s;
    }

    /**
     * A pipeline on {@code engine}'s device and precision.
     *
     * @param features         the features the engine computes (the model's inputs among them)
     * @param volatilityColumn the column of {@code features} that volatility targeting reads, or -1
     * @throws IllegalArgumentException when a model input is not in {@code features}, the
     *                                  volatility column is out of range, the model is wider than
     *                                  the device model supports (256), or the policy needs
     *                                  volatility and there is none (all before allocating)
     */
    public static CudaPipeline open(CudaFeatureEngine engine, Model model, SignalChain chain, FeatureSet features,
                                    int volatilityColumn) {
        return engine.device().call(() -> new CudaPipeline(engine, model, chain, features, volatilityColumn));
    }

    /**
     * The fused pipeline: features, scores and signals of every (bar, instrument) of {@code panel}
     * into {@code out} (shaped like the panel). Only the frame is copied back.
     *
     * @throws IllegalArgumentException when {@code out} does not match the panel's shape
     */
    public void run(Panel panel, SignalFrame out) {
        ensureOpen();
        checkFrame(out, panel.bars(), panel.instruments());
        device.call(() -> {
            long h0 = System.nanoTime();
            long s = engine.enqueueOnDevice(panel, features);
            ensureShape(panel.bars(), panel.instruments());
            for (int f = 0; f < inputColumns.length; f++) {
                pinnedTable.setAtIndex(JAVA_LONG, f, engine.deviceColumn(inputColumns[f]));
            }
            device.recordEvent(events[EV_FEATURES], s);
            device.waitEvent(stream, events[EV_FEATURES]);
            device.copyToDevice(columnTable, pinnedTable, 8L * inputColumns.length, stream);
            launchPredict(columnTable);
            device.recordEvent(events[EV_MODEL], stream);
            launchSignals(scores, volatilityColumn < 0 ? 0 : engine.deviceColumn(volatilityColumn), panel.bars());
            device.recordEvent(events[EV_SIGNALS], stream);
            downloadFrame();
            device.recordEvent(events[EV_DOWNLOAD], stream);
            device.synchronize(stream);
            long h1 = System.nanoTime();
            unpackFrame(out);
            long h2 = System.nanoTime();
            double[] f = engine.lastDeviceOnlyMillis();
            lastTimings = new DevicePipelineTimings(f[0], f[1], f[2],
                    device.elapsedMillis(events[EV_FEATURES], events[EV_MODEL]),
                    device.elapsedMillis(events[EV_MODEL], events[EV_SIGNALS]),
                    device.elapsedMillis(events[EV_SIGNALS], events[EV_DOWNLOAD]),
                    (h2 - h1) / 1e6, (h2 - h0) / 1e6);
            if (Stages.deviceStagesEnabled()) {
                DevicePipelineTimings t = lastTimings;
                Stages.deviceStage("upload", t.uploadMillis());
                Stages.deviceStage("features", t.featureMillis());
                Stages.deviceStage("model", t.modelMillis());
                Stages.deviceStage("signals", t.signalMillis());
                Stages.deviceStage("download", t.downloadMillis());
            }
            return null;
        });
    }

    /**
     * The scores of the last {@link #run} (they stay on the device until asked for), into
     * {@code out[0, bars * instruments)}.
     */
    public void downloadScores(double[] out) {
        ensureOpen();
        device.call(() -> {
            if (cells < 0) {
                throw new IllegalStateException("no run yet");
            }
            if (out.length < cells) {
                throw new IllegalArgumentException("scores array too short, length=" + out.length + " cells=" + cells);
            }
            device.copyToHost(pinnedScores, scores, (long) cells * precision.bytes, stream);
            device.synchronize(stream);
            widenInto(pinnedScores, out, cells);
            return null;
        });
    }

    /**
     * The model alone on host inputs: {@code inputs[f]} is the column of model input {@code f}
     * ({@link Model#inputColumns}), rows {@code [0, rows)}; scores into {@code out}.
     */
    public void predict(double[][] inputs, int rows, double[] out) {
        ensureOpen();
        if (inputs.length != inputColumns.length) {
            throw new IllegalArgumentException("wrong number of input columns, columns=" + inputs.length
                    + " expected=" + inputColumns.length);
        }
        device.call(() -> {
            if (rows != cells) {
                ensureShape(rows, 1);  // rows alone; a later signals() call sets the bars x instruments shape
            }
            ensureHostInputs();
            long bytes = (long) rows * precision.bytes;
            for (int f = 0; f < inputs.length; f++) {
                MemorySegment slice = pinnedIn.asSlice(f * (long) cells * precision.bytes, bytes);
                narrowInto(inputs[f], slice, rows);
                device.copyToDevice(hostInputs[f], slice, bytes, stream);
            }
            launchPredict(hostInputTable);
            device.copyToHost(pinnedScores, scores, bytes, stream);
            device.synchronize(stream);
            widenInto(pinnedScores, out, rows);
            return null;
        });
    }

    /**
     * The signal policy alone on host scores (and the volatility column, null when the policy
     * needs none), from a fresh policy state, into {@code frame}.
     */
    public void signals(double[] scoreColumn, double[] volatilityColumnValues, SignalFrame frame) {
        ensureOpen();
        int bars = frame.bars();
        int n = frame.instruments();
        int total = bars * n;
        if (scoreColumn.length < total) {
            throw new IllegalArgumentException("scores shorter than the frame, length=" + scoreColumn.length + " cells=" + total);
        }
        boolean needsVol = stages.stream().anyMatch(s -> s instanceof SignalStage.VolTarget);
        if (needsVol && (volatilityColumnValues == null || volatilityColumnValues.length < total)) {
            throw new IllegalArgumentException("this signal policy needs the volatility column for every cell");
        }
        device.call(() -> {
            ensureShape(bars, n);
            long bytes = (long) total * precision.bytes;
            narrowInto(scoreColumn, pinnedScores, total);
            device.copyToDevice(scores, pinnedScores, bytes, stream);
            if (needsVol) {
                if (volatility == 0) {
                    volatility = memory.alloc(bytes);
                }
                ensureHostInputs();
                narrowInto(volatilityColumnValues, pinnedIn, total);
                device.copyToDevice(volatility, pinnedIn, bytes, stream);
            }
            launchSignals(scores, volatility, bars);
            downloadFrame();
            device.synchronize(stream);
            unpackFrame(frame);
            return null;
        });
    }

    /** Where the time of the last {@link #run} went, or null before the first. */
    public DevicePipelineTimings lastTimings() {
        return lastTimings;
    }

    /** Frees this pipeline's device and pinned buffers (not the engine's); idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        device.call(() -> {
            releaseShape();
            deviceModel.free();
            for (long e : events) {
                device.destroyEvent(e);
            }
            device.destroyStream(stream);
            return null;
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cuda pipeline is closed");
        }
    }

    // ------------------------------------------------------------------ buffers

    private void ensureShape(int bars, int n) {
        int total = bars * n;
        if (total == cells && n == instruments) {
            return;
        }
        releaseShape();
        cells = total;
        instruments = n;
        long bytes = (long) total * precision.bytes;
        columnTable = memory.alloc(8L * inputColumns.length);
        scores = memory.alloc(bytes);
        side = memory.alloc(total);
        strength = memory.alloc(bytes);
        weight = memory.alloc(bytes);
        boolean caps = stages.stream().anyMatch(x -> x instanceof SignalStage.Caps);
        capSums = caps ? memory.alloc(16L * (total / n)) : 0;
        capParts = caps ? memory.alloc(16L * (total / n) * SignalLaunches.capBlocks(n)) : 0;
        state = memory.alloc(n);
        pinnedTable = memory.allocHost(8L * inputColumns.length);
        pinnedScores = memory.allocHost(bytes);
        pinnedSide = memory.allocHost(total);
        pinnedFrame = memory.allocHost(2 * bytes);
        if (precision == CudaFeatureEngine.Precision.FLOAT) {
            widen = new float[total];
        }
    }

    /** Device columns for host model inputs (and host volatility), allocated on first use per shape. */
    private void ensureHostInputs() {
        if (hostInputs != null) {
            return;
        }
        long bytes = (long) cells * precision.bytes;
        hostInputs = new long[inputColumns.length];
        for (int f = 0; f < hostInputs.length; f++) {
            hostInputs[f] = memory.alloc(bytes);
            pinnedTable.setAtIndex(JAVA_LONG, f, hostInputs[f]);
        }
        hostInputTable = memory.alloc(8L * inputColumns.length);
        device.copyToDevice(hostInputTable, pinnedTable, 8L * inputColumns.length, stream);
        pinnedIn = memory.allocHost(Math.max(1, inputColumns.length) * bytes);
        device.synchronize(stream);
    }

    private void releaseShape() {
        if (cells < 0) {
            return;
        }
        for (long p : new long[] {columnTable, scores, side, strength, weight, capSums, capParts, state, volatility,
                hostInputTable}) {
            memory.free(p);
        }
        if (hostInputs != null) {
            for (long p : hostInputs) {
                memory.free(p);
            }
        }
        for (MemorySegment m : new MemorySegment[] {pinnedTable, pinnedScores, pinnedSide, pinnedFrame, pinnedIn}) {
            memory.freeHost(m);
        }
        hostInputs = null;
        volatility = 0;
        hostInputTable = 0;
        pinnedIn = null;
        cells = -1;
    }

    // ------------------------------------------------------------------ launches

    private void launchPredict(long table) {
        int grid = (int) ((cells + (long) BLOCK - 1) / BLOCK);
        device.launch(deviceModel.kernel, grid, 1, BLOCK, stream, deviceModel.arguments(table, scores, 0, cells));
    }

    /** The policy's stages over every bar, from a fresh state, stage after stage, in ranges of bars. */
    private void launchSignals(long scoreColumn, long volColumn, int bars) {
        SignalLaunches l = new SignalLaunches(precision.suffix, instruments, scoreColumn, volColumn, state, side,
                strength, weight, capParts, capSums);
        for (SignalStage stage : stages) {
            if (stage instanceof SignalStage.Threshold) {
                launch(l.thresholdReset());
            }
            for (int from = 0; from < bars; from += SignalLaunches.MAX_GRID_Y) {
                for (SignalLaunches.Launch x : l.of(stage, from, Math.min(SignalLaunches.MAX_GRID_Y, bars - from))) {
                    launch(x);
                }
            }
        }
    }

    private void launch(SignalLaunches.Launch x) {
        device.launch(x.name(), x.gridX(), x.gridY(), SignalLaunches.BLOCK, stream, x.args());
    }

    private void downloadFrame() {
        long bytes = (long) cells * precision.bytes;
        device.copyToHost(pinnedSide, side, cells, stream);
        device.copyToHost(pinnedFrame, strength, bytes, stream);
        device.copyToHost(pinnedFrame.asSlice(bytes), weight, bytes, stream);
    }

    private void unpackFrame(SignalFrame out) {
        MemorySegment.copy(pinnedSide, JAVA_BYTE, 0, out.side(), 0, cells);
        frameColumns[0] = out.strength();
        frameColumns[1] = out.weight();
        transfer.unpack(pinnedFrame, frameColumns, 2, cells, precision == CudaFeatureEngine.Precision.FLOAT);
        frameColumns[0] = null;
        frameColumns[1] = null;
    }

    private void widenInto(MemorySegment src, double[] dst, int count) {
        if (precision == CudaFeatureEngine.Precision.DOUBLE) {
            MemorySegment.copy(src, JAVA_DOUBLE, 0, dst, 0, count);
            return;
        }
        MemorySegment.copy(src, JAVA_FLOAT, 0, widen, 0, count);
        for (int k = 0; k < count; k++) {
            dst[k] = widen[k];
        }
    }

    private void narrowInto(double[] src, MemorySegment dst, int count) {
        if (precision == CudaFeatureEngine.Precision.DOUBLE) {
            MemorySegment.copy(src, 0, dst, JAVA_DOUBLE, 0, count);
            return;
        }
        for (int k = 0; k < count; k++) {
            widen[k] = (float) src[k];
        }
        MemorySegment.copy(widen, 0, dst, JAVA_FLOAT, 0, count);
    }

    private static void checkFrame(SignalFrame out, int bars, int n) {
        if (out.bars() != bars || out.instruments() != n) {
            throw new IllegalArgumentException("signal frame does not fit the panel, frame=" + out.bars() + "x"
                    + out.instruments() + " panel=" + bars + "x" + n);
        }
    }
}
