package io.vectrade.cuda;

import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.FeatureType;

/**
 * How the feature kernels are launched: the grid geometry (one thread per instrument, windowed
 * features also split over chunks of bars so that few instruments with long histories still fill
 * the GPU), when the recurrences run as chunked scans, and the kernel sequence of each feature.
 * Immutable; one per engine.
 */
final class FeatureLaunchPlan {
    static final int BLOCK = 128;
    private static final int MIN_WINDOW_CHUNK = 16;
    private static final int MIN_SCAN_CHUNK = 64;
    private static final int MAX_GRID_Y = 65_535;

    /** Queues one kernel ({@code vt_<kernel>_<precision>}) on the current stream. */
    @FunctionalInterface
    interface Launcher {
        void launch(String kernel, int gridY, Object... args);
    }

    private final CudaFeatureEngine.Precision precision;
    /** Threads wanted in flight for chunked kernels (about a full GPU). */
    private final int targetThreads;
    /** Tests force the scans (and the chunked gather) to run on small inputs. */
    private final boolean forceScan;

    FeatureLaunchPlan(CudaFeatureEngine.Precision precision, int targetThreads, boolean forceScan) {
        this.precision = precision;
        this.targetThreads = targetThreads;
        this.forceScan = forceScan;
    }

    int gridX(int n) {
        return (n + BLOCK - 1) / BLOCK;
    }

    /** Bars per thread for windowed kernels: enough chunks over time to reach the target threads. */
    int windowChunk(int bars, int n) {
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
    boolean scanned(FeatureType type) {
        return switch (type) {
            case EMA, RSI, ATR, MACD, ADX -> true;
            // in double the chunked sum's rounding can differ from the sequential one by more than
            // the 1e-10 absolute tolerance where OBV crosses zero: float only
            case OBV -> precision == CudaFeatureEngine.Precision.FLOAT;
            default -> false;
        };
    }

    /**
     * Chunks of the recurrence scans (EMA, RSI, ATR, MACD, ADX; OBV in float), or 0 when plain
     * one-thread-per-instrument recurrences fill the GPU.
     */
    int scanChunks(int bars, int n) {
        boolean fewInstruments = (long) n * 8 < targetThreads && bars >= 2048;
        if (!(forceScan || fewInstruments) || bars < 2) {
            return 0;
        }
        int len = forceScan ? Math.max(1, Math.min(MIN_SCAN_CHUNK, (bars + 3) / 4)) : chunkLength(bars, n, MIN_SCAN_CHUNK);
        return (bars + len - 1) / len;
    }


    /**
     * Queues the kernels of {@code spec} (outputs from column {@code first} of {@code b}) through
     * {@code launch}, on the stream the caller set for it.
     */
    void launchFeature(Launcher launch, FeatureSpec spec, long[] in, FeatureBuffers b, int first, int n, int chunk,
                       int chunks) {
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
        long ends = scan ? b.scanEnds[FeatureStreams.of(spec.type())] : 0;
        switch (spec.type()) {
            case MOMENTUM -> launch.launch("momentum", chunks, c, out, len, n, chunk, spec.intParam(0));
            case ROC -> launch.launch("roc", chunks, c, out, len, n, chunk, spec.intParam(0));
            case LOGRET -> launch.launch("logret", chunks, c, out, len, n, chunk, spec.intParam(0));
            case VOLATILITY -> launch.launch("volatility", chunks, c, out, len, n, chunk, spec.intParam(0));
            case SMA -> launch.launch("window_mean", chunks, c, out, len, n, chunk, spec.intParam(0), 0);
            case EMA -> {
                int period = spec.intParam(0);
                if (scan) {
                    launch.launch("ema_scan_local", sc, c, ends, len, n, scanChunk, period);
                    launch.launch("ema_scan_carry", 1, c, ends, len, n, scanChunk, period, sc);
                    launch.launch("ema_scan_apply", sc, c, out, ends, len, n, scanChunk, period);
                } else {
                    launch.launch("ema", 1, c, out, len, n, period);
                }
            }
            case RSI -> {
                int p = spec.intParam(0);
                if (scan) {
                    launch.launch("rsi_scan_local", sc, c, ends, len, n, scanChunk, p);
                    launch.launch("rsi_scan_carry", 1, c, ends, len, n, scanChunk, p, sc);
                    launch.launch("rsi_scan_apply", sc, c, out, ends, len, n, scanChunk, p);
                } else {
                    launch.launch("rsi", 1, c, out, len, n, p);
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
                    launch.launch("macd_scan_local", sc, c, ends, len, n, scanChunk, fast, slow);
                    launch.launch("macd_scan_carry", 1, c, ends, len, n, scanChunk, fast, slow, sig, sc);
                    launch.launch("macd_scan_apply", sc, c, out, signal, hist, ends, len, n, scanChunk, fast, slow, sig);
                    launch.launch("macd_signal_local", sc, out, ends, len, n, scanChunk, fast, slow, sig);
                    launch.launch("macd_signal_carry", 1, c, ends, len, n, scanChunk, fast, slow, sig, sc);
                    launch.launch("macd_signal_apply", sc, out, signal, hist, ends, len, n, scanChunk, fast, slow, sig);
                } else {
                    launch.launch("macd", 1, c, out, signal, hist, len, n, fast, slow, sig);
                }
            }
            case BBANDS -> {
                if (precision == CudaFeatureEngine.Precision.DOUBLE) {
                    // TA-Lib's running sums, bit for bit with the reference even on flat stretches
                    launch.launch("bbands_running", 1, c, out, col[first + 1], col[first + 2], len, n,
                            spec.intParam(0), spec.param(1));
                } else {
                    launch.launch("bbands", chunks, c, out, col[first + 1], col[first + 2], len, n, chunk,
                            spec.intParam(0), spec.param(1));
                }
            }
            case ATR -> {
                int p = spec.intParam(0);
                if (scan) {
                    launch.launch("atr_scan_local", sc, h, l, c, ends, len, n, scanChunk, p);
                    launch.launch("atr_scan_carry", 1, h, l, c, ends, len, n, scanChunk, p, sc);
                    launch.launch("atr_scan_apply", sc, h, l, c, out, ends, len, n, scanChunk, p);
                } else {
                    launch.launch("atr", 1, h, l, c, out, len, n, p);
                }
            }
            case STOCH -> {
                int k = spec.intParam(0);
                int sk = spec.intParam(1);
                int d = spec.intParam(2);
                long slowK = out;
                long slowD = col[first + 1];
                launch.launch("stoch_fastk", chunks, h, l, c, b.scratch, len, n, chunk, k);
                launch.launch("window_mean", chunks, b.scratch, slowK, len, n, chunk, sk, k - 1);
                launch.launch("window_mean", chunks, slowK, slowD, len, n, chunk, d, k - 1 + sk - 1);
                launch.launch("nan_prefix", chunks, slowK, len, n, chunk, spec.lookback());
            }
            case WILLR -> launch.launch("willr", chunks, h, l, c, out, len, n, chunk, spec.intParam(0));
            case CCI -> launch.launch("cci", chunks, h, l, c, out, len, n, chunk, spec.intParam(0));
            case ADX -> {
                int p = spec.intParam(0);
                if (scan) {
                    // smoothed DM and TR, DX per bar into a scratch column, then the DX average
                    long dx = b.adxDx;
                    launch.launch("adx_scan_local", sc, h, l, c, ends, len, n, scanChunk, p);
                    launch.launch("adx_scan_carry", 1, h, l, c, ends, len, n, scanChunk, p, sc);
                    launch.launch("adx_scan_dx", sc, h, l, c, dx, ends, len, n, scanChunk, p);
                    launch.launch("adx_avg_local", sc, dx, ends, len, n, scanChunk, p);
                    launch.launch("adx_avg_carry", 1, dx, ends, len, n, scanChunk, p, sc);
                    launch.launch("adx_avg_apply", sc, dx, out, ends, len, n, scanChunk, p);
                } else {
                    launch.launch("adx", 1, h, l, c, out, len, n, p);
                }
            }
            case OBV -> {
                if (scan) {
                    launch.launch("obv_scan_local", sc, c, v, ends, len, n, scanChunk);
                    launch.launch("obv_scan_carry", 1, v, ends, len, n, scanChunk, sc);
                    launch.launch("obv_scan_apply", sc, c, v, out, ends, len, n, scanChunk);
                } else {
                    launch.launch("obv", 1, c, v, out, len, n);
                }
            }
            case ZSCORE -> launch.launch("zscore", chunks, c, out, len, n, chunk, spec.intParam(0));
            case VWAP -> launch.launch("vwap", chunks, h, l, c, v, out, len, n, chunk, spec.intParam(0));
        }
    }
}
