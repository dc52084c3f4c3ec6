package io.vectrade.cuda;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

/**
 * Streaming feature state resident on the device: the device form of
 * {@link io.vectrade.feature.stream.StreamingFeatures} for the live engine. Each tick one bar per
 * instrument goes in (device columns) and every feature of the set at that bar comes out (a device
 * buffer), with one kernel launch and no host round trip; the kernels are in
 * {@code src/main/cuda/live.cuh}.
 *
 * <p><b>Values</b>: the same as {@code StreamingFeatures} (and so the batch cpu reference) for the
 * same history: the kernels are line-by-line ports of the Java streaming kernels. {@code DOUBLE}
 * agrees to the last bit except where {@code log} (logret, volatility) differs in its last ulp.
 * State and arithmetic are double in both precisions; {@code FLOAT} only stores the input and
 * output columns as float, so its outputs are the double results (of the float inputs) rounded
 * to float, and long-running sums do not drift.
 *
 * <p><b>Missing bars and warm-up</b>: a NaN close means the instrument has no bar this tick: all
 * its outputs are NaN and its state is untouched (its history carries across the gap). Outputs are
 * NaN during each instrument's own first {@code lookback} bars.
 *
 * <p><b>Device layout</b> (see live.cuh): a descriptor table (10 doubles per feature: type,
 * parameters, first output column, parts, state offsets), uploaded once; double state
 * {@code [dslots][N]} and 64-bit int state {@code [islots][N]}, slot {@code s} of instrument
 * {@code i} at {@code s * N + i}, so that a warp's threads touch neighbouring memory; rings of
 * length {@code n} for the windows, monotonic deques for highest/lowest. Each feature keeps its own
 * bar count.
 *
 * <p><b>Launches</b>: {@link #enqueueTick} queues exactly one kernel ({@code vt_live_tick_f32/f64},
 * grid {@code ceil(N / 128) × features}: one thread per (instrument, feature)); it allocates nothing
 * on the host or the device while the pointers it is given stay the same. The first call
 * ({@code enqueueTick} or {@link #reset}) also queues the descriptor upload and the state
 * initialisation on its stream.
 *
 * <p><b>Threading and ordering</b>: every method runs on the device's owner thread (inside
 * {@link DeviceApi#call}). Calls are ordered by their streams: queue successive ticks on one stream
 * (or order the streams with events). Not thread-safe.
 */
final class CudaStreamingFeatures implements AutoCloseable {
    /** Base names of the kernels launched ({@code vt_<name>_f32} / {@code vt_<name>_f64}). */
    static final List<String> KERNELS = List.of("live_tick", "live_reset");

    static final int BLOCK = 128;
    /** Doubles per feature descriptor (VT_LIVE_DESC in live.cuh). */
    private static final int DESC = 10;
    /** Grid y is one feature per row: CUDA's limit. */
    private static final int MAX_FEATURES = 65_535;

    private final DeviceMemory memory;
    private final DeviceApi device;
    private final CudaFeatureEngine.Precision precision;
    private final FeatureSet features;
    private final int instruments;
    private final long doubleSlots;
    private final long intSlots;
    private final String tickKernel;
    private final String resetKernel;
    private final int gridX;
    private final int gridY;
    private final MemorySegment hostTable;
    private final long table;
    private final long doubleState;
    private final long intState;
    private final long tableBytes;
    /** Launch arguments of the tick kernel, reused: re-boxed only when a pointer changes. */
    private final Object[] tickArgs;
    private final Object[] resetArgs;
    private boolean initialised;
    private boolean closed;

    /**
     * Allocates the state for {@code features} over {@code instruments} instruments (owner thread
     * only); nothing is queued until the first {@link #enqueueTick} or {@link #reset}.
     *
     * @throws IllegalArgumentException if {@code instruments < 1}, the set has more than 65,535
     *                                  features, or the state would exceed the addressable size
     * @throws CudaException            if an allocation fails (nothing is then left allocated)
     */
    CudaStreamingFeatures(DeviceMemory memory, CudaFeatureEngine.Precision precision, FeatureSet features,
                          int instruments) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.precision = Objects.requireNonNull(precision, "precision");
        this.features = Objects.requireNonNull(features, "features");
        if (instruments < 1) {
            throw new IllegalArgumentException("instruments must be at least 1, instruments=" + instruments);
        }
        if (features.size() > MAX_FEATURES) {
            throw new IllegalArgumentException("at most " + MAX_FEATURES + " features, features=" + features.size());
        }
        this.device = memory.device();
        this.instruments = instruments;
        int f = features.size();
        double[] desc = new double[f * DESC];
        long d = 0;
        long s = 0;
        for (int k = 0; k < f; k++) {
            FeatureSpec spec = features.spec(k);
            long[] slots = slots(spec);
            int at = k * DESC;
            desc[at] = code(spec);
            double[] p = params(spec);
            System.arraycopy(p, 0, desc, at + 1, p.length);
            desc[at + 4] = features.firstColumn(k);
            desc[at + 5] = spec.type().outputs();
            desc[at + 6] = d;
            desc[at + 7] = slots[0];
            desc[at + 8] = s;
            desc[at + 9] = slots[1];
            d += slots[0];
            s += slots[1];
        }
        this.doubleSlots = d;
        this.intSlots = s;
        long doubleBytes;
        long intBytes;
        try {
            doubleBytes = Math.multiplyExact(Math.multiplyExact(d, (long) instruments), 8L);
            intBytes = Math.multiplyExact(Math.multiplyExact(s, (long) instruments), 8L);
            Math.addExact(doubleBytes, intBytes);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("streaming state too large, instruments=" + instruments
                    + " features=" + features, e);
        }
        this.tickKernel = "vt_live_tick_" + precision.suffix;
        this.resetKernel = "vt_live_reset_" + precision.suffix;
        this.gridX = (instruments + BLOCK - 1) / BLOCK;
        this.gridY = f;
        this.tableBytes = (long) desc.length * 8;
        long tablePtr = 0;
        long doublePtr = 0;
        long intPtr = 0;
        MemorySegment host = null;
        try {
            tablePtr = memory.alloc(tableBytes);
            doublePtr = memory.alloc(doubleBytes);
            intPtr = memory.alloc(intBytes);
            host = memory.allocHost(tableBytes);
        } catch (RuntimeException e) {
            memory.free(tablePtr);
            memory.free(doublePtr);
            memory.free(intPtr);
            memory.freeHost(host);
            throw e;
        }
        MemorySegment.copy(desc, 0, host, JAVA_DOUBLE, 0, desc.length);
        this.hostTable = host;
        this.table = tablePtr;
        this.doubleState = doublePtr;
        this.intState = intPtr;
        this.tickArgs = new Object[] {0L, 0L, 0L, 0L, 0L, 0L, table, doubleState, intState, instruments};
        this.resetArgs = new Object[] {table, doubleState, intState, instruments};
    }

    /** Kernel type code (VT_LIVE_* in live.cuh). */
    private static int code(FeatureSpec spec) {
        return switch (spec.type()) {
            case MOMENTUM -> 1;
            case ROC -> 2;
            case LOGRET -> 3;
            case RSI -> 4;
            case EMA -> 5;
            case SMA -> 6;
            case MACD -> 7;
            case BBANDS -> 8;
            case ATR -> 9;
            case STOCH -> 10;
            case WILLR -> 11;
            case CCI -> 12;
            case ADX -> 13;
            case OBV -> 14;
            case VOLATILITY -> 15;
            case ZSCORE -> 16;
            case VWAP -> 17;
        };
    }

    /** The descriptor's three parameters: macd's periods ordered (fast <= slow), bbands' k as is. */
    private static double[] params(FeatureSpec spec) {
        double[] p = spec.params();
        return switch (spec.type()) {
            case MACD -> new double[] {Math.min(p[0], p[1]), Math.max(p[0], p[1]), p[2]};
            case OBV -> new double[] {0, 0, 0};
            default -> java.util.Arrays.copyOf(p, 3);
        };
    }

    /** Ring capacity of a monotonic deque (vt_live_deque_capacity): the power of two >= max(window, 2). */
    private static long dequeCapacity(int window) {
        long cap = 2;
        while (cap < window) {
            cap <<= 1;
        }
        return cap;
    }

    /** {double slots, int slots} of one feature's state; the layouts are documented in live.cuh. */
    static long[] slots(FeatureSpec spec) {
        int n = spec.type().paramNames().isEmpty() ? 0 : spec.intParam(0);
        return switch (spec.type()) {
            case MOMENTUM, ROC, LOGRET, CCI -> new long[] {n, 1};
            case RSI, MACD -> new long[] {3, 1};
            case EMA -> new long[] {1, 1};
            case SMA -> new long[] {1L + n, 1};
            case BBANDS -> new long[] {2L + n, 1};
            case ATR, OBV -> new long[] {2, 1};
            case ADX -> new long[] {7, 1};
            case STOCH -> {
                long cap = dequeCapacity(n);
                yield new long[] {2L + spec.intParam(1) + spec.intParam(2) + 2 * cap, 5 + 2 * cap};
            }
            case WILLR -> {
                long cap = dequeCapacity(n);
                yield new long[] {2 * cap, 5 + 2 * cap};
            }
            case VOLATILITY, ZSCORE -> new long[] {13L + n, 5};
            case VWAP -> new long[] {6L + 3L * n, 4};
        };
    }

    /**
     * Owner thread only. Queues one tick on {@code stream}: {@code open .. volume} are device
     * columns of {@link #instruments()} values in the engine precision (a NaN close = no bar for
     * that instrument); writes column {@code c} of the feature set for instrument {@code i} to
     * {@code out[c * N + i]} ({@code out}: a device buffer of {@code columns() * N} values in the
     * engine precision; it must not overlap the inputs: the kernel's pointers are
     * {@code __restrict__}). One kernel launch; allocates nothing while the pointers stay the same.
     * The five inputs may be slices of one buffer (one upload per tick).
     *
     * @throws IllegalArgumentException when a pointer is 0
     * @throws IllegalStateException    when closed
     * @throws CudaException            when the launch fails
     */
    void enqueueTick(long stream, long open, long high, long low, long close, long volume, long out) {
        ensureOpen();
        if (open == 0 || high == 0 || low == 0 || close == 0 || volume == 0 || out == 0) {
            throw new IllegalArgumentException("null device pointer, open=" + open + " high=" + high + " low=" + low
                    + " close=" + close + " volume=" + volume + " out=" + out);
        }
        initialise(stream);
        Object[] a = tickArgs;
        setPointer(a, 0, open);
        setPointer(a, 1, high);
        setPointer(a, 2, low);
        setPointer(a, 3, close);
        setPointer(a, 4, volume);
        setPointer(a, 5, out);
        device.launch(tickKernel, gridX, gridY, BLOCK, stream, a);
    }

    private static void setPointer(Object[] args, int k, long p) {
        if ((Long) args[k] != p) {
            args[k] = p;
        }
    }

    /**
     * Owner thread only: forgets all history (every instrument starts its warm-up again), queued on
     * {@code stream}.
     *
     * @throws IllegalStateException when closed
     */
    void reset(long stream) {
        ensureOpen();
        if (!initialised) {
            initialise(stream);
            return;
        }
        device.launch(resetKernel, gridX, gridY, BLOCK, stream, resetArgs);
    }

    /** The first call: uploads the descriptor table and initialises the state, on {@code stream}. */
    private void initialise(long stream) {
        if (initialised) {
            return;
        }
        device.copyToDevice(table, hostTable, tableBytes, stream);
        device.launch(resetKernel, gridX, gridY, BLOCK, stream, resetArgs);
        initialised = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("streaming features are closed");
        }
    }

    FeatureSet features() {
        return features;
    }

    CudaFeatureEngine.Precision precision() {
        return precision;
    }

    /** Number of instruments N. */
    int instruments() {
        return instruments;
    }

    /** Output columns: {@code out} holds {@code columns() * instruments()} values. */
    int columns() {
        return features.columns();
    }

    /** Device bytes of state and descriptors held (0 after close). */
    long deviceBytes() {
        return closed ? 0 : tableBytes + (doubleSlots + intSlots) * instruments * 8;
    }

    /**
     * Owner thread only: frees the device state and the pinned descriptor table; idempotent. Work
     * queued with this object must have completed (synchronise its stream first).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        memory.free(table);
        memory.free(doubleState);
        memory.free(intState);
        memory.freeHost(hostTable);
    }
}
