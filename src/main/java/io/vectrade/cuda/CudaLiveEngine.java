package io.vectrade.cuda;

import io.vectrade.feature.FeatureSet;
import io.vectrade.model.DenseLayer;
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
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The live engine's device path: streaming feature state ({@link CudaStreamingFeatures}), the
 * model and the signal policy resident on the GPU. Per tick: one upload of the bar (five columns
 * in one pinned buffer), the feature kernel, the model kernel, the policy's kernels (threshold
 * state carried on the device), and one download of scores and the frame (one pinned buffer),
 * all queued on one stream; then one synchronisation.
 *
 * <p>Results equal the Java live engine's within the pipeline's tolerances (double: features to
 * the last ulp of {@code log}, scores to a few ulps of {@code exp}/{@code tanh}, the policy
 * repeating the Java operations). A NaN close means no bar for that instrument this tick: its
 * features and score are NaN and its signal flat; its state carries over.
 *
 * <p>Every buffer is allocated at construction; a tick queues prepared launches and copies and
 * allocates nothing on the calling thread. Not thread-safe: one engine, one caller at a time.
 */
public final class CudaLiveEngine implements AutoCloseable {
    private static final int BLOCK = 128;
    private static final int[] PREDICT_WIDTHS = {16, 64, 256};

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
    private final long params;
    private final long layerTable;
    private final long columnTable;
    private final long state;
    private final long capSums;
    private final MemorySegment hostBar;
    private final MemorySegment hostResults;
    private final MemorySegment hostFeatures;
    private final PreparedLaunch predict;
    private final List<PreparedLaunch> signalLaunches = new ArrayList<>();
    private final int[] signalGrids;
    private final PreparedLaunch thresholdReset;
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

    private CudaLiveEngine(CudaFeatureEngine.Precision precision, DeviceApi device, Model model, SignalChain chain,
                           FeatureSet features, int volatilityColumn, int instruments) {
        this.device = device;
        this.memory = new DeviceMemory(device);
        this.precision = precision;
        this.n = instruments;
        this.columns = features.columns();
        int b = precision.bytes;
        List<SignalStage> stages = chain.stages();
        int width = Math.max(model.maxWidth(), model.inputs());
        int w = 0;
        for (int candidate : PREDICT_WIDTHS) {
            if (width <= candidate) {
                w = candidate;
                break;
            }
        }
        if (w == 0) {
            throw new IllegalArgumentException("the cuda model supports layers up to 256 wide, width=" + width);
        }
        this.streaming = new CudaStreamingFeatures(memory, precision, features, instruments);
        this.stream = device.createStream();
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

        // model parameters and the column table (model input f = feature column inputColumns[f])
        double[] mean = model.mean();
        double[] std = model.std();
        long count = 2L * mean.length;
        for (DenseLayer d : model.layers()) {
            count += (long) d.inputs() * d.outputs() + d.outputs();
        }
        int layers = model.layers().size();
        int inputs = model.inputs();
        // staging: the column table (8-byte pointers) first, then the parameters, then the layer table
        MemorySegment host = memory.allocHost(8L * inputs + count * b + 12L * layers);
        for (int f = 0; f < inputs; f++) {
            int c = features.columnIndex(model.featureColumns().get(f));
            host.set(JAVA_LONG, 8L * f, featureOut + (long) c * n * b);
        }
        long paramsAt = 8L * inputs;
        MemorySegment paramHost = host.asSlice(paramsAt);
        long k = 0;
        k = put(paramHost, k, mean);
        k = put(paramHost, k, std);
        for (DenseLayer d : model.layers()) {
            k = put(paramHost, k, d.weights());
            k = put(paramHost, k, d.bias());
        }
        long tableAt = paramsAt + count * b;
        for (int l = 0; l < layers; l++) {
            DenseLayer d = model.layers().get(l);
            host.set(JAVA_INT, tableAt + 12L * l, d.inputs());
            host.set(JAVA_INT, tableAt + 12L * l + 4, d.outputs());
            host.set(JAVA_INT, tableAt + 12L * l + 8, d.activation().ordinal());
        }
        this.params = memory.alloc(count * b);
        this.layerTable = memory.alloc(12L * layers);
        this.columnTable = memory.alloc(8L * inputs);
        device.copyToDevice(columnTable, host, 8L * inputs, stream);
        device.copyToDevice(params, paramHost, count * b, stream);
        device.copyToDevice(layerTable, host.asSlice(tableAt), 12L * layers, stream);
        device.synchronize(stream);
        memory.freeHost(host);

        String s = precision.suffix;
        this.predict = device.prepare("vt_predict" + w + "_" + s, stream, columnTable, inputs, params, layerTable, layers,
                scores, 0L, (long) n);
        this.state = memory.alloc(n);
        boolean caps = stages.stream().anyMatch(x -> x instanceof SignalStage.Caps);
        this.capSums = caps ? memory.alloc(16) : 0;
        long vol = volatilityColumn < 0 ? 0 : featureOut + (long) volatilityColumn * n * b;
        List<Integer> grids = new ArrayList<>();
        for (SignalStage stage : stages) {
            switch (stage) {
                case SignalStage.Threshold t -> {
                    signalLaunches.add(device.prepare("vt_threshold_" + s, stream, scores, state, side, strength, weight,
                            n, 0, 1, t.longEntry(), t.exit(), t.shortEntry(), t.cover(), t.size()));
                    grids.add((n + BLOCK - 1) / BLOCK);
                }
                case SignalStage.Rank r -> {
                    signalLaunches.add(device.prepare("vt_rank_" + s, stream, scores, side, strength, weight, n, 0,
                            r.top(), r.bottom(), Double.isNaN(r.quantile()) ? -1.0 : r.quantile()));
                    grids.add((n + BLOCK - 1) / BLOCK);
                }
                case SignalStage.VolTarget v -> {
                    if (vol == 0) {
                        throw new IllegalArgumentException("the signal policy needs a volatility column, policy=" + chain.spec());
                    }
                    signalLaunches.add(device.prepare("vt_voltarget_" + s, stream, vol, side, strength, weight, n, 0,
                            v.scale()));
                    grids.add((n + BLOCK - 1) / BLOCK);
                }
                case SignalStage.Caps c -> {
                    signalLaunches.add(device.prepare("vt_caps_sums_" + s, stream, weight, capSums, n, 0, 1, c.max()));
                    grids.add(1);
                    signalLaunches.add(device.prepare("vt_caps_" + s, stream, weight, side, strength, capSums, n, 0,
                            c.max(), c.gross(), c.net()));
                    grids.add((n + BLOCK - 1) / BLOCK);
                }
            }
        }
        this.signalGrids = grids.stream().mapToInt(Integer::intValue).toArray();
        this.thresholdReset = device.prepare("vt_threshold_reset_" + s, stream, state, n);
        resetOnDevice();
    }

    /**
     * A live engine for {@code instruments} instruments on device 0.
     *
     * @param features         the features to stream (the model's inputs among them)
     * @param volatilityColumn the column of {@code features} volatility targeting reads, or -1
     * @throws CudaUnavailableException when there is no usable GPU
     * @throws IllegalArgumentException when the model is wider than 256 or a feature is missing
     */
    public static CudaLiveEngine open(CudaFeatureEngine.Precision precision, Model model, SignalChain chain,
                                      FeatureSet features, int volatilityColumn, int instruments) {
        CudaRuntime rt = Cuda.runtime();
        if (!rt.hasKernels()) {
            throw new CudaUnavailableException(Cuda.NO_KERNELS);
        }
        return open(rt, precision, model, chain, features, volatilityColumn, instruments);
    }

    /** On a given device (tests use the host stand-in). */
    static CudaLiveEngine open(DeviceApi device, CudaFeatureEngine.Precision precision, Model model, SignalChain chain,
                               FeatureSet features, int volatilityColumn, int instruments) {
        if (instruments < 1) {
            throw new IllegalArgumentException("instruments must be >= 1, instruments=" + instruments);
        }
        return device.call(() -> new CudaLiveEngine(precision, device, model, chain, features, volatilityColumn,
                instruments));
    }

    private long put(MemorySegment host, long k, double[] values) {
        for (double v : values) {
            if (precision == CudaFeatureEngine.Precision.DOUBLE) {
                host.setAtIndex(JAVA_DOUBLE, k++, v);
            } else {
                host.setAtIndex(JAVA_FLOAT, k++, (float) v);
            }
        }
        return k;
    }

    /**
     * One tick: pushes one bar per instrument (length-N arrays; NaN close = no bar) and writes this
     * tick's scores into {@code scores} and signals into {@code frame} (1 × N).
     */
    public void tick(double[] open, double[] high, double[] low, double[] close, double[] volume, double[] scores,
                     SignalFrame frame) {
        if (closed) {
            throw new IllegalStateException("live engine is closed");
        }
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.scoresOut = scores;
        this.frameOut = frame;
        device.run(tickTask);
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
        device.call(() -> {
            resetOnDevice();
            device.synchronize(stream);
            return null;
        });
    }

    private void resetOnDevice() {
        streaming.reset(stream);
        device.launch(thresholdReset, (n + BLOCK - 1) / BLOCK, 1, BLOCK);
    }

    /** Device memory of this engine (current and peak bytes, pinned host bytes, driver free / total). */
    public CudaMemoryStats memoryStats() {
        return device.call(memory::stats);
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
            for (long p : new long[] {bar, featureOut, results, params, layerTable, columnTable, state, capSums}) {
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
