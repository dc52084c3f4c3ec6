package io.vectrade.feature.stream;

import io.vectrade.backend.Backend;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;

import java.util.Arrays;
import java.util.Objects;

/**
 * The streaming form of a {@link FeatureSet} over {@code B} instruments: push one bar per
 * instrument per tick, read the features at that bar. At every bar the values equal, bit for bit,
 * what the cpu batch engine ({@code CpuFeatureEngine}) gives for the same history: each kernel does
 * the same arithmetic in the same order (TA-Lib's for the TA-Lib features, the cpu kernels' for
 * volatility, zscore and vwap). Made {@linkplain #of(FeatureSet, int, Backend) for simd}, the log
 * returns of logret and volatility come from the vector {@code LOG} instead, as in the simd engine.
 *
 * <pre>
 *   StreamingFeatures live = StreamingFeatures.of(FeatureSet.standard(), 1024);
 *   double[] row = new double[live.columns() * 1024];
 *   // each tick, one value per instrument in open..volume (NaN close = no bar this tick):
 *   live.update(open, high, low, close, volume, row);
 *   double rsiOf7 = row[live.features().columnIndex("rsi(14)") * 1024 + 7];
 * </pre>
 *
 * <p><b>Output layout</b>: {@code outRow} has {@code columns() × instruments()} cells, column-major by
 * feature column: column {@code c} of instrument {@code i} at {@code c * instruments() + i}, which is
 * one time row of a {@link io.vectrade.feature.FeatureTable} column for each {@code c}.
 *
 * <p><b>Warm-up and missing bars</b>: an instrument's outputs are NaN during its own first
 * {@code lookback} bars. A NaN close is a missing bar: that instrument's state is untouched and all
 * its outputs are NaN; its history carries across the gap, as in the batch engine. Other non-finite
 * values in a bar with a finite close go through the same arithmetic as in the batch engine (a NaN
 * volume makes obv NaN from then on, vwap NaN while it is in the window); the exception is a NaN
 * high or low in stoch/willr, whose highest/lowest may then differ from TA-Lib's scan.
 *
 * <p><b>Cost</b>: O(1) per instrument per tick for every feature, with three amortised cases:
 * highest/lowest (stoch, willr) use monotonic deques; volatility, zscore and vwap re-sum their window
 * (O(n)) once every {@code n} bars, as the batch kernels do, to stay drift-free; {@code cci(n)} is
 * O(n) every bar (its mean absolute deviation has no O(1) update, like TA-Lib's). All state is
 * allocated by {@link #of}; {@code update} allocates nothing. State is structure-of-arrays over
 * instruments; ring buffers are time-major ({@code slot * B + i}).
 *
 * <p>Not thread-safe: one thread updates an instance (or guard it externally).
 */
public final class StreamingFeatures {
    private final FeatureSet features;
    private final int instruments;
    private final int columns;
    private final StreamKernel[] kernels;
    private final int[] firstColumn;
    private final int[] barsSeen;

    private StreamingFeatures(FeatureSet features, int instruments, VectorLog vectorLog) {
        this.features = features;
        this.instruments = instruments;
        this.columns = features.columns();
        this.kernels = new StreamKernel[features.size()];
        this.firstColumn = new int[features.size()];
        for (int s = 0; s < features.size(); s++) {
            kernels[s] = kernel(features.spec(s), instruments, vectorLog);
            firstColumn[s] = features.firstColumn(s);
        }
        this.barsSeen = new int[instruments];
    }

    /**
     * Streaming state for {@code features} over {@code instruments} instruments, all empty, with the
     * cpu engine's arithmetic (bit for bit with {@code CpuFeatureEngine}).
     *
     * @throws IllegalArgumentException if {@code instruments < 1} or the state would not fit in arrays
     */
    public static StreamingFeatures of(FeatureSet features, int instruments) {
        return of(features, instruments, Backend.CPU);
    }

    /**
     * Streaming state with the arithmetic of {@code backend}'s batch engine. {@link Backend#SIMD}:
     * the log returns (logret, volatility) come from the Vector API's {@code LOG}, all instruments
     * of a tick in one vector pass, as the simd engine's lanes take them (within 1 ulp of the exact
     * log, so within the simd engine's tolerances against cpu's {@link StrictMath#log}: docs/design.md);
     * every other value as cpu's. Any other backend: cpu's arithmetic, as {@link #of(FeatureSet, int)},
     * its log returns in one vector pass too, with {@link StrictMath#log}'s bits.
     *
     * @throws IllegalArgumentException if {@code instruments < 1} or the state would not fit in arrays
     */
    public static StreamingFeatures of(FeatureSet features, int instruments, Backend backend) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(backend, "backend");
        if (instruments < 1) {
            throw new IllegalArgumentException("instruments must be at least 1, instruments=" + instruments);
        }
        try {
            Math.multiplyExact(features.columns(), instruments);
            return new StreamingFeatures(features, instruments,
                    backend == Backend.SIMD ? VectorLog.svml() : VectorLog.strict());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("streaming state too large, instruments=" + instruments
                    + " features=" + features, e);
        }
    }

    private static StreamKernel kernel(FeatureSpec spec, int b, VectorLog vectorLog) {
        return switch (spec.type()) {
            case RSI -> new RsiStream(b, spec.intParam(0));
            case MOMENTUM -> new LagStream(b, LagStream.Kind.MOMENTUM, spec.intParam(0), vectorLog);
            case ROC -> new LagStream(b, LagStream.Kind.ROC, spec.intParam(0), vectorLog);
            case LOGRET -> new LagStream(b, LagStream.Kind.LOGRET, spec.intParam(0), vectorLog);
            case VOLATILITY -> new RollingStatsStream(b, spec.intParam(0), false, vectorLog);
            case SMA -> new SmaStream(b, spec.intParam(0));
            case EMA -> new EmaStream(b, spec.intParam(0));
            case MACD -> new MacdStream(b, spec.intParam(0), spec.intParam(1), spec.intParam(2));
            case BBANDS -> new BbandsStream(b, spec.intParam(0), spec.param(1));
            case ATR -> new AtrStream(b, spec.intParam(0));
            case STOCH -> new StochStream(b, spec.intParam(0), spec.intParam(1), spec.intParam(2));
            case WILLR -> new WillrStream(b, spec.intParam(0));
            case CCI -> new CciStream(b, spec.intParam(0));
            case ADX -> new AdxStream(b, spec.intParam(0));
            case OBV -> new ObvStream(b);
            case ZSCORE -> new RollingStatsStream(b, spec.intParam(0), true, vectorLog);
            case VWAP -> new VwapStream(b, spec.intParam(0));
        };
    }

    /**
     * Pushes one tick: bar {@code [open[i], high[i], low[i], close[i], volume[i]]} for each
     * instrument {@code i}, and writes every feature at this bar to {@code outRow} (layout in the
     * class comment). A NaN {@code close[i]} means instrument {@code i} has no bar this tick.
     * Allocates nothing.
     *
     * @throws IllegalArgumentException if an input is shorter than {@link #instruments()} or
     *                                  {@code outRow} shorter than {@code columns() * instruments()}
     */
    public void update(double[] open, double[] high, double[] low, double[] close, double[] volume,
                       double[] outRow) {
        int b = instruments;
        if (open.length < b || high.length < b || low.length < b || close.length < b || volume.length < b) {
            throw inputTooShort(open, high, low, close, volume);
        }
        if (outRow.length < columns * b) {
            throw new IllegalArgumentException("outRow too short, length=" + outRow.length
                    + " required=" + columns * b);
        }
        int[] seen = barsSeen;
        for (int s = 0; s < kernels.length; s++) {
            kernels[s].tick(open, high, low, close, volume, seen, outRow, firstColumn[s]);
        }
        for (int i = 0; i < b; i++) {
            if (Double.isNaN(close[i])) {
                for (int c = 0; c < columns; c++) {
                    outRow[c * b + i] = Double.NaN;
                }
            } else {
                seen[i]++;
            }
        }
    }

    /**
     * Pushes one bar of instrument {@code instrument} alone and writes its {@link #columns()}
     * feature values to {@code out[offset .. offset + columns())} in column order. A NaN close is a
     * missing bar (state untouched, outputs NaN). Allocates nothing.
     *
     * @throws IndexOutOfBoundsException if {@code instrument} or the output range is out of bounds
     */
    public void update(int instrument, double open, double high, double low, double close, double volume,
                       double[] out, int offset) {
        Objects.checkIndex(instrument, instruments);
        Objects.checkFromIndexSize(offset, columns, out.length);
        if (Double.isNaN(close)) {
            Arrays.fill(out, offset, offset + columns, Double.NaN);
            return;
        }
        int k = barsSeen[instrument];
        for (int s = 0; s < kernels.length; s++) {
            kernels[s].update(instrument, k, open, high, low, close, volume, out, offset + firstColumn[s], 1);
        }
        barsSeen[instrument] = k + 1;
    }

    /**
     * Writes the whole streaming state (every kernel's rings, sums and counters, and the bars seen
     * per instrument) to {@code out}, bit for bit: {@link #restore} into an instance of the same
     * feature set and instrument count continues exactly where this one stands. Header: the feature
     * set's canonical names and the instrument count.
     */
    public void snapshot(java.io.DataOutput out) throws java.io.IOException {
        out.writeUTF(String.join(",", features.columnNames()));
        out.writeInt(instruments);
        for (StreamKernel k : kernels) {
            StateCodec.write(k, out);
        }
        for (int b : barsSeen) {
            out.writeInt(b);
        }
    }

    /**
     * Replaces the streaming state with one written by {@link #snapshot}.
     *
     * @throws IllegalArgumentException when the snapshot is of another feature set or instrument
     *                                  count (the state is then undefined: {@link #reset} it)
     */
    public void restore(java.io.DataInput in) throws java.io.IOException {
        String names = in.readUTF();
        int n = in.readInt();
        String mine = String.join(",", features.columnNames());
        if (!names.equals(mine) || n != instruments) {
            throw new IllegalArgumentException("snapshot of other features or instruments, snapshot: features=" + names
                    + " instruments=" + n + "; engine: features=" + mine + " instruments=" + instruments);
        }
        for (StreamKernel k : kernels) {
            StateCodec.read(k, in);
        }
        for (int i = 0; i < instruments; i++) {
            barsSeen[i] = in.readInt();
        }
    }

    /** Forgets all history: every instrument starts its warm-up again. Allocates nothing. */
    public void reset() {
        for (StreamKernel k : kernels) {
            k.reset();
        }
        Arrays.fill(barsSeen, 0);
    }

    /** Bars (non-missing) instrument {@code instrument} has seen since construction or {@link #reset}. */
    public int barsSeen(int instrument) {
        return barsSeen[Objects.checkIndex(instrument, instruments)];
    }

    /** True once instrument {@code instrument} is past the warm-up of every feature in the set. */
    public boolean warm(int instrument) {
        return barsSeen(instrument) > features.maxLookback();
    }

    public FeatureSet features() {
        return features;
    }

    /** Number of instruments B. */
    public int instruments() {
        return instruments;
    }

    /** Number of output columns (see {@link FeatureSet#columns()}). */
    public int columns() {
        return columns;
    }

    private IllegalArgumentException inputTooShort(double[]... inputs) {
        String[] names = {"open", "high", "low", "close", "volume"};
        for (int k = 0; k < inputs.length; k++) {
            if (inputs[k].length < instruments) {
                return new IllegalArgumentException(names[k] + " shorter than instruments, length="
                        + inputs[k].length + " instruments=" + instruments);
            }
        }
        return new IllegalArgumentException("input shorter than instruments");
    }
}
