package io.vectrade.bench;

import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureType;

import java.util.Locale;

/**
 * How far a panel cell is from the memory limit: the bytes it must move at least, and the fraction
 * of the machine's measured bandwidth ({@link MemoryBandwidth}) it achieves. Stateless.
 *
 * <p><b>Counting rule</b> (docs/benchmarking.md, "The memory floor"): every input column the cell
 * needs is read once and every output column written once, 8 bytes per double per (bar,
 * instrument); nothing is counted for intermediates, scratch, re-reads or the write-allocate read
 * of an output line. So the bytes are a lower bound on the traffic of any implementation, and
 * {@code bytes / median time} over the bandwidth is at most about 1 for a cell bound by memory.
 * <ul>
 *   <li>features: the distinct OHLCV columns the feature set reads (rsi, momentum, roc, volatility,
 *       logret, sma, ema, macd, bbands, zscore: close; atr, stoch, willr, cci, adx: high, low,
 *       close; obv: close, volume; vwap: high, low, close, volume) plus its output columns;</li>
 *   <li>model_inference: the model's input columns plus the score column;</li>
 *   <li>signal_generation: the scores (plus the volatility column when the policy sizes by it) plus
 *       the dense signal frame, {@value #FRAME_BYTES_PER_CELL} bytes per cell (side 1, strength 8,
 *       weight 8);</li>
 *   <li>total_pipeline: the OHLCV columns the features read plus the frame (features and scores
 *       are intermediates: a fused pipeline need not write them).</li>
 * </ul>
 * A cell computing on one thread (cpu) is held against the one-thread triad, a simd cell against
 * the all-cores triad; a cuda cell computes in device memory and has no host fraction.
 */
public final class MemoryFloor {
    /** The cell metric holding the bytes a call moves at least. */
    public static final String BYTES_MOVED = "bytes_moved";
    /** Bytes per (bar, instrument) of the dense signal frame. */
    public static final int FRAME_BYTES_PER_CELL = 17;

    private static final int HIGH = 1;
    private static final int LOW = 2;
    private static final int CLOSE = 4;
    private static final int VOLUME = 8;

    private MemoryFloor() {
    }

    /** The OHLCV columns {@code type} reads, as a bit set (high 1, low 2, close 4, volume 8). */
    static int inputs(FeatureType type) {
        return switch (type) {
            case RSI, MOMENTUM, ROC, VOLATILITY, LOGRET, SMA, EMA, MACD, BBANDS, ZSCORE -> CLOSE;
            case ATR, STOCH, WILLR, CCI, ADX -> HIGH | LOW | CLOSE;
            case OBV -> CLOSE | VOLUME;
            case VWAP -> HIGH | LOW | CLOSE | VOLUME;
        };
    }

    /** Distinct OHLCV columns {@code set} reads. */
    public static int inputColumns(FeatureSet set) {
        int mask = 0;
        for (var spec : set.specs()) {
            mask |= inputs(spec.type());
        }
        return Integer.bitCount(mask);
    }

    /** Features: the input columns read once and the output columns written once, over {@code cells}. */
    public static long featureBytes(FeatureSet set, long cells) {
        return 8L * cells * (inputColumns(set) + set.columns());
    }

    /** model_inference: {@code inputs} columns read, one score column written. */
    public static long modelBytes(int inputs, long cells) {
        return 8L * cells * (inputs + 1L);
    }

    /** signal_generation: the scores (and the volatility column) read, the dense frame written. */
    public static long signalBytes(boolean volatility, long cells) {
        return cells * (8L * (volatility ? 2 : 1) + FRAME_BYTES_PER_CELL);
    }

    /** total_pipeline: the OHLCV columns the features read, the dense frame written. */
    public static long pipelineBytes(FeatureSet set, long cells) {
        return cells * (8L * inputColumns(set) + FRAME_BYTES_PER_CELL);
    }

    /** Host threads a cell on {@code backend} computes on: cpu 1, simd {@code cores}, else 0 (not on the host). */
    public static int hostThreads(String backend, int cores) {
        return switch (backend) {
            case "cpu" -> 1;
            case "simd" -> Math.max(1, cores);
            default -> 0;
        };
    }

    /** {@code bytes} per call at {@code nanosPerCall}, in bytes per second (NaN when either is not positive). */
    public static double achievedBytesPerSecond(double bytes, double nanosPerCall) {
        return bytes > 0 && nanosPerCall > 0 ? bytes / nanosPerCall * 1e9 : Double.NaN;
    }

    /**
     * The achieved fraction of the floor bandwidth of a cell on {@code backend} with median
     * {@code nanosPerCall}: {@code bytes / time / bandwidth}; NaN when the bandwidth is unknown, the
     * backend does not compute on the host, or bytes or time are not positive.
     */
    public static double fraction(double bytes, double nanosPerCall, String backend, MemoryBandwidth bw) {
        if (bw == null) {
            return Double.NaN;
        }
        int threads = hostThreads(backend, bw.threads());
        double floor = threads == 0 ? Double.NaN : bw.floorBytesPerSecond(threads);
        double achieved = achievedBytesPerSecond(bytes, nanosPerCall);
        return floor > 0 ? achieved / floor : Double.NaN;
    }

    /** The cell's achieved fraction of the floor, from its {@link #BYTES_MOVED} metric and median; NaN when unknown. */
    public static double fraction(Measurement m, MemoryBandwidth bw) {
        return m.ok() ? fraction(m.metric(BYTES_MOVED), m.median(), m.backend(), bw) : Double.NaN;
    }

    /** The run note stating the measured bandwidth. */
    public static String describe(MemoryBandwidth b) {
        String llc = b.lastLevelCacheBytes() > 0 ? Units.formatBytes(b.lastLevelCacheBytes()) : "unknown";
        String s = String.format(Locale.ROOT, "memory bandwidth (STREAM-like, best of %d, arrays of %s): copy %.1f GB/s,"
                        + " triad %.1f GB/s on 1 thread; copy %.1f GB/s, triad %.1f GB/s on %d threads; last-level"
                        + " cache reported %s. Panel cells report bytes_moved (inputs read once, outputs written once)"
                        + " and its fraction of the triad bandwidth (cpu: 1 thread, simd: all)",
                BandwidthProbe.REPETITIONS, Units.formatBytes(b.arrayBytes()), b.copyOneThread() / 1e9,
                b.triadOneThread() / 1e9, b.copyAllCores() / 1e9, b.triadAllCores() / 1e9, b.threads(), llc);
        if (b.lastLevelCacheBytes() > 0 && 3 * b.arrayBytes() < 4 * b.lastLevelCacheBytes()) {
            s += "; the arrays are not much larger than that cache, so on a machine that gives this process the whole"
                    + " of it the figures may include cache hits";
        }
        return s + ".";
    }
}
