package io.vectrade.cuda;

import io.vectrade.backend.DeviceMemoryStats;
import io.vectrade.backend.Backend;
import io.vectrade.backend.BackendUnavailableException;
import io.vectrade.feature.FeatureSet;
import io.vectrade.model.Model;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.signal.SignalStage;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The live engine's device path: streaming feature state ({@link CudaStreamingFeatures}), the
 * model and the signal policy resident on the GPU. Per tick: one upload of the bar (five columns
 * in one pinned buffer), the feature kernel, the model kernel, the policy's kernels (threshold
 * state carried on the device), and one download of scores and the frame (one pinned buffer),
 * all queued on one stream; then one synchronisation. The model and policy launches are prepared
 * once (their arguments fixed); the feature kernel reuses its argument array.
 *
 * <p>Results equal the Java live engine's within the pipeline's tolerances (double: features to
 * the last ulp of {@code log}, scores to a few ulps of {@code exp}/{@code tanh}, the policy
 * repeating the Java operations). A NaN close means no bar for that instrument this tick: its
 * features and score are NaN and its state carries over; its signal is what the policy gives a NaN
 * score (flat for rank; threshold keeps the side it holds, with strength 0).
 *
 * <p>Every buffer is allocated at construction; a tick queues prepared launches and copies and
 * allocates nothing on the calling thread. Not thread-safe: one engine, one caller at a time.
 */
public final class CudaLiveEngine implements AutoCloseable {
    private static final int BLOCK = 128;

    private final DeviceApi device;
    private final DeviceMemory memory;
    private final CudaFeatureEngine.Precision precision;
    private final int n;
    private final int columns;
    private final CudaStreamingFeatures streaming;
    private final long stream;
    private final long bar;          // device [5][N]: open, high, low, close, volume
    private final long featureOut;   // device [columns][N]
    private final long results;      // device: scores [N], strength [N], weight [N] (precision), side [N] bytes
    private final DeviceModel deviceModel;
    private final long columnTable;
    private final long state;
    private final long capSums;
    private final long capParts;
    private final MemorySegment hostBar;
    private final MemorySegment hostResults;
    private final MemorySegment hostFeatures;
    private final PreparedLaunch predict;
    private final List<PreparedLaunch> signalLaunches = new ArrayList<>();
    private final int[] signalGrids;
    private final PreparedLaunch thresholdReset;
    private final int thresholdResetGrid;
    private final float[] floats;
    private final Runnable tickTask = this::tickOnDevice;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private double[] scoresOut;
    private SignalFrame frameOut;
    private boolean closed;

    private CudaLiveEngine(CudaFeatureEngine.Precision precision, DeviceApi device, DeviceMemory memory, long stream,
                           Model model, SignalChain chain, FeatureSet features, int volatilityColumn, int instruments) {
        this.device = device;
        this.memory = memory;
        this.stream = stream;
        this.precision = precision;
        this.n = instruments;
        this.columns = features.columns();
        int b = precision.bytes;
        List<SignalStage> stages = chain.stages();
        if (volatilityColumn < 0 && stages.stream().anyMatch(x -> x instanceof SignalStage.VolTarget)) {
            throw new IllegalArgumentException("the signal policy needs a volatility column, policy=" + chain.spec());
        }
        // first: it throws (before allocating) for a model too wide for the device kernel
        this.deviceModel = new DeviceModel(memory, precision, model, 0L);
        this.streaming = new CudaStreamingFeatures(memory, precision, features, instruments);
        this.bar = memory.alloc(5L * n * b);
        this.featureOut = memory.alloc((long) columns * n * b);
        this.results = memory.alloc(3L * n * b + n);
        this.hostBar = memory.allocHost(5L * n * b);
        this.hostResults = memory.allocHost(3L * n * b + n);
        this.hostFeatures = memory.allocHost((long) columns * n * b);
        this.floats = precision == CudaFeatureEngine.Precision.FLOAT ? new float[n] : null;
        long scores = results;
        long strength = results + (long) n * b;
        long weight = results + 2L * n * b;
        long side = results + 3L * n * b;

        // the column table: model input f reads feature column c of this tick's output
        int inputs = model.inputs();
        MemorySegment host = memory.allocHost(8L * inputs);
        for (int f = 0; f < inputs; f++) {
            int c = features.columnIndex(model.featureColumns().get(f));
            host.set(JAVA_LONG, 8L * f, featureOut + (long) c * n * b);
        }
        this.columnTable = memory.alloc(8L * inputs);
        device.copyToDevice(columnTable, host, 8L * inputs, stream);
        device.synchronize(stream);
        memory.freeHost(host);

        this.predict = device.prepare(deviceModel.kernel, stream, deviceModel.arguments(columnTable, scores, 0, n));
        this.state = memory.alloc(n);
        boolean caps = stages.stream().anyMatch(x -> x instanceof SignalStage.Caps);
        this.capSums = caps ? memory.alloc(16) : 0;
        this.capParts = caps ? memory.alloc(16L * SignalLaunches.capBlocks(n)) : 0;
        long vol = volatilityColumn < 0 ? 0 : featureOut + (long) volatilityColumn * n * b;
        SignalLaunches l = new SignalLaunches(precision.suffix, n, scores, vol, state, side, strength, weight,
                capParts, capSums);
        List<Integer> grids = new ArrayList<>();
        for (SignalStage stage : stages) {
            for (SignalLaunches.Launch x : l.of(stage, 0, 1)) {
                signalLaunches.add(device.prepare(x.name(), stream, x.args()));
                grids.add(x.gridX());
            }
        }
        this.signalGrids = grids.stream().mapToInt(Integer::intValue).toArray();
        SignalLaunches.Launch reset = l.thresholdReset();
        this.thresholdReset = device.prepare(reset.name(), stream, reset.args());
        this.thresholdResetGrid = reset.gridX();
        resetOnDevice();
    }

    /**
     * A live engine for {@code instruments} instruments on device 0.
     *
     * @param features         the features to stream (the model's inputs among them)
     * @param volatilityColumn the column of {@code features} volatility targeting reads, or -1
     * @throws BackendUnavailableException when there is no usable GPU
     * @throws IllegalArgumentException when the model is wider than 256 or a feature is missing
     */
    public static CudaLiveEngine open(CudaFeatureEngine.Precision precision, Model model, SignalChain chain,
                                      FeatureSet features, int volatilityColumn, int instruments) {
        CudaRuntime rt = Cuda.runtime();
        if (!rt.hasKernels()) {
            throw new BackendUnavailableException(Backend.CUDA, Cuda.NO_KERNELS);
        }
        return open(rt, precision, model, chain, features, volatilityColumn, instruments);
    }

    /** On a given device (tests use the host stand-in). */
    static CudaLiveEngine open(DeviceApi device, CudaFeatureEngine.Precision precision, Model model, SignalChain chain,
                               FeatureSet features, int volatilityColumn, int instruments) {
        if (instruments < 1) {
            throw new IllegalArgumentException("instruments must be >= 1, instruments=" + instruments);
        }
        DeviceModel.inputColumns(model, features, volatilityColumn);  // throws before anything is allocated
        return device.call(() -> {
            DeviceMemory memory = new DeviceMemory(device);
            long stream = device.createStream();
            try {
                return new CudaLiveEngine(precision, device, memory, stream, model, chain, features, volatilityColumn,
                        instruments);
            } catch (RuntimeException | Error e) {
                try {
                    device.synchronize(stream);
                } finally {
                    memory.freeAll();  // the engine's memory is its own: nothing else holds it
                    device.destroyStream(stream);
                }
                throw e;
            }
        });
    }

    /**
     * One tick: pushes one bar per instrument (length-N arrays; NaN close = no bar) and writes this
     * tick's scores into {@code scores} and signals into {@code frame} (1 × N).
     */
    public void tick(double[] open, double[] high, double[] low, double[] close, double[] volume, double[] scores,
                     SignalFrame frame) {
        ensureOpen();
        if (open.length < n || high.length < n || low.length < n || close.length < n || volume.length < n
                || scores.length < n || frame.bars() != 1 || frame.instruments() != n) {
            throw new IllegalArgumentException("a tick needs bars and scores of at least " + n + " values and a 1x" + n
                    + " frame, close=" + close.length + " scores=" + scores.length + " frame=" + frame.bars() + "x"
                    + frame.instruments());
        }
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.scoresOut = scores;
        this.frameOut = frame;
        try {
            device.run(tickTask);
        } finally {
            // the caller's arrays are not kept past the tick
            this.open = null;
            this.high = null;
            this.low = null;
            this.close = null;
            this.volume = null;
            this.scoresOut = null;
            this.frameOut = null;
        }
    }

    private void tickOnDevice() {
        int b = precision.bytes;
        long col = (long) n * b;
        narrow(open, 0);
        narrow(high, col);
        narrow(low, 2 * col);
        narrow(close, 3 * col);
        narrow(volume, 4 * col);
        device.copyToDevice(bar, hostBar, 5 * col, stream);
        streaming.enqueueTick(stream, bar, bar + col, bar + 2 * col, bar + 3 * col, bar + 4 * col, featureOut);
        device.launch(predict, (n + BLOCK - 1) / BLOCK, 1, BLOCK);
        for (int k = 0; k < signalGrids.length; k++) {
            device.launch(signalLaunches.get(k), signalGrids[k], 1, BLOCK);
        }
        device.copyToHost(hostResults, results, 3 * col + n, stream);
        device.synchronize(stream);
        widen(0, scoresOut);
        widen(col, frameOut.strength());
        widen(2 * col, frameOut.weight());
        MemorySegment.copy(hostResults, JAVA_BYTE, 3 * col, frameOut.side(), 0, n);
    }

    private void narrow(double[] src, long at) {
        if (precision == CudaFeatureEngine.Precision.DOUBLE) {
            MemorySegment.copy(src, 0, hostBar, JAVA_DOUBLE, at, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            floats[i] = (float) src[i];
        }
        MemorySegment.copy(floats, 0, hostBar, JAVA_FLOAT, at, n);
    }

    private void widen(long at, double[] dst) {
        if (precision == CudaFeatureEngine.Precision.DOUBLE) {
            MemorySegment.copy(hostResults, JAVA_DOUBLE, at, dst, 0, n);
            return;
        }
        MemorySegment.copy(hostResults, JAVA_FLOAT, at, floats, 0, n);
        for (int i = 0; i < n; i++) {
            dst[i] = floats[i];
        }
    }

    /** The features of the last tick into {@code out[c * N + i]} (downloaded now; not per tick). */
    public void downloadFeatures(double[] out) {
        ensureOpen();
        if (out.length < (long) columns * n) {
            throw new IllegalArgumentException("features array too short, length=" + out.length + " needed="
                    + (long) columns * n);
        }
        device.call(() -> {
            long bytes = (long) columns * n * precision.bytes;
            device.copyToHost(hostFeatures, featureOut, bytes, stream);
            device.synchronize(stream);
            for (long k = 0; k < (long) columns * n; k++) {
                out[(int) k] = precision == CudaFeatureEngine.Precision.DOUBLE ? hostFeatures.getAtIndex(JAVA_DOUBLE, k)
                        : hostFeatures.getAtIndex(JAVA_FLOAT, k);
            }
            return null;
        });
    }

    /** Forgets all history: streaming state and the policy's state. */
    public void reset() {
        ensureOpen();
        device.call(() -> {
            resetOnDevice();
            device.synchronize(stream);
            return null;
        });
    }

    private void resetOnDevice() {
        streaming.reset(stream);
        device.launch(thresholdReset, thresholdResetGrid, 1, BLOCK);
    }

    /** Device memory of this engine (current and peak bytes, pinned host bytes, driver free / total). */
    public DeviceMemoryStats memoryStats() {
        ensureOpen();
        return device.call(memory::stats);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("live engine is closed");
        }
    }

    /** Frees every device and pinned buffer; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        device.call(() -> {
            device.synchronize(stream);
            streaming.close();
            deviceModel.free();
            for (long p : new long[] {bar, featureOut, results, columnTable, state, capSums, capParts}) {
                memory.free(p);
            }
            memory.freeHost(hostBar);
            memory.freeHost(hostResults);
            memory.freeHost(hostFeatures);
            device.destroyStream(stream);
            return null;
        });
    }
}
