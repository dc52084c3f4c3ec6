package io.vectrade.cuda;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureSpec;
import io.vectrade.feature.stream.StreamingFeatures;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

/**
 * Test driver for {@link CudaStreamingFeatures}: a panel replayed tick by tick, as the live engine
 * will do it (pinned host buffers, async upload of the five input columns, one {@code enqueueTick},
 * async download of the outputs, one synchronisation), compared at every tick with the Java
 * {@link StreamingFeatures} reference. Every method runs on the device's owner thread.
 */
final class StreamingTicks implements AutoCloseable {
    /** Double: relative error allowed (the kernels reproduce the Java operation order; log may differ in its last ulp). */
    static final double DOUBLE_TOLERANCE = 1e-12;
    /** Below this magnitude a double error is measured absolutely (relative to this floor). */
    static final double DOUBLE_FLOOR = 1e-9;

    /**
     * The floor of the double error measure: {@link #DOUBLE_FLOOR}, except for the features
     * computed through {@code log} (logret, volatility), whose inputs are only known to the last ulp
     * of the math library's log: their error is measured against their natural scale, 0.01 (as
     * {@link FeatureTableComparison#scale}), else volatility(2) of two nearly equal returns would
     * turn a 1-ulp difference of a return into a large relative error of a tiny deviation.
     */
    static double doubleFloor(FeatureSpec spec) {
        return switch (spec.type()) {
            case LOGRET, VOLATILITY -> 0.01;
            default -> DOUBLE_FLOOR;
        };
    }
    static final double FLOAT_TOLERANCE = 1e-4;

    final DeviceApi device;
    final DeviceMemory memory;
    final CudaStreamingFeatures live;
    final CudaFeatureEngine.Precision precision;
    final int n;
    final int columns;
    final long stream;
    /** The five input columns in one device buffer (one upload per tick), open first. */
    private final long input;
    private final long[] inputs = new long[5];
    private final long out;
    private final MemorySegment hostIn;
    private final MemorySegment hostOut;
    private final int bytes;
    /** When non-zero (timing), events recorded before the upload and after the download of each tick. */
    long startEvent;
    long endEvent;

    StreamingTicks(DeviceApi device, CudaFeatureEngine.Precision precision, FeatureSet fs, int n) {
        this.device = device;
        this.memory = new DeviceMemory(device);
        this.precision = precision;
        this.n = n;
        this.live = new CudaStreamingFeatures(memory, precision, fs, n);
        this.columns = live.columns();
        this.bytes = precision == CudaFeatureEngine.Precision.FLOAT ? 4 : 8;
        this.stream = device.createStream();
        this.input = memory.alloc(5L * n * bytes);
        for (int c = 0; c < 5; c++) {
            inputs[c] = input + (long) c * n * bytes;
        }
        this.out = memory.alloc((long) columns * n * bytes);
        this.hostIn = memory.allocHost(5L * n * bytes);
        this.hostOut = memory.allocHost((long) columns * n * bytes);
    }

    /**
     * One tick through the device, as the live engine does it: pack into pinned memory, one upload,
     * one launch, one download, one synchronisation. Inputs of length n; outputs in the
     * StreamingFeatures row layout.
     */
    void tick(double[] open, double[] high, double[] low, double[] close, double[] volume, double[] row) {
        pack(open, 0);
        pack(high, 1);
        pack(low, 2);
        pack(close, 3);
        pack(volume, 4);
        if (startEvent != 0) {
            device.recordEvent(startEvent, stream);
        }
        device.copyToDevice(input, hostIn, 5L * n * bytes, stream);
        live.enqueueTick(stream, inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], out);
        device.copyToHost(hostOut, out, (long) columns * n * bytes, stream);
        if (endEvent != 0) {
            device.recordEvent(endEvent, stream);
        }
        device.synchronize(stream);
        for (int k = 0; k < columns * n; k++) {
            row[k] = bytes == 4 ? hostOut.getAtIndex(JAVA_FLOAT, k) : hostOut.getAtIndex(JAVA_DOUBLE, k);
        }
    }

    private void pack(double[] column, int c) {
        long base = (long) c * n;
        for (int i = 0; i < n; i++) {
            if (bytes == 4) {
                hostIn.setAtIndex(JAVA_FLOAT, base + i, (float) column[i]);
            } else {
                hostIn.setAtIndex(JAVA_DOUBLE, base + i, column[i]);
            }
        }
    }

    /** Queues the tick kernel alone on the inputs already on the device (timing). */
    void enqueueKernelOnly() {
        live.enqueueTick(stream, inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], out);
    }

    void reset() {
        live.reset(stream);
    }

    @Override
    public void close() {
        device.synchronize(stream);
        live.close();
        memory.free(input);
        memory.free(out);
        memory.freeHost(hostIn);
        memory.freeHost(hostOut);
        device.destroyStream(stream);
    }

    // ------------------------------------------------------------------ data

    /**
     * Real bars for {@code n} instruments over {@code bars} ticks: instrument 0 is AAPL daily, the
     * others are Bitstamp minute bars starting {@code 97 * i} minutes apart (the streaming state
     * does not care about calendars; the minute bars have flat stretches and tiny volumes).
     */
    static Panel realPanel(int n, int bars) {
        io.vectrade.testdata.OhlcvSeries aapl = io.vectrade.testdata.RealData.aaplDaily();
        io.vectrade.testdata.OhlcvSeries btc = io.vectrade.testdata.RealData.bitstampMinutes();
        Panel a = aapl.toPanel();
        Panel b = btc.toPanel();
        double[][] cols = new double[5][n * bars];
        double[] row = new double[5];
        for (int i = 0; i < n; i++) {
            Panel src = i == 0 ? a : b;
            int from = i == 0 ? 0 : (97 * i) % Math.max(1, src.bars() - bars);
            for (int t = 0; t < bars; t++) {
                int u = (from + t) % src.bars();
                row[0] = src.open(u, 0);
                row[1] = src.high(u, 0);
                row[2] = src.low(u, 0);
                row[3] = src.close(u, 0);
                row[4] = src.volume(u, 0);
                for (int c = 0; c < 5; c++) {
                    cols[c][t * n + i] = row[c];
                }
            }
        }
        return panelOf(n, bars, cols);
    }

    /**
     * A panel that exercises the rare paths: closes on an integer grid that often stay flat and
     * sometimes reach 0 (flat windows for zscore/volatility/cci, zero and infinite log returns, roc
     * of a zero base), zero volumes (vwap's all-zero window), an occasional NaN volume (vwap NaN
     * while it is in the window, obv NaN from then on) and missing bars.
     */
    static Panel roughPanel(long seed, int n, int bars, double missing) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] cols = new double[5][n * bars];
        for (int i = 0; i < n; i++) {
            double c = 3 + r.nextInt(4);
            for (int t = 0; t < bars; t++) {
                double u = r.nextDouble();
                if (u < 0.2) {
                    c = Math.max(0, c - 1);
                } else if (u < 0.4) {
                    c = c + 1;
                }
                int at = t * n + i;
                if (r.nextDouble() < missing) {
                    for (double[] col : cols) {
                        col[at] = Double.NaN;
                    }
                    continue;
                }
                cols[0][at] = c;
                cols[1][at] = c + (r.nextDouble() < 0.5 ? 0 : 1);
                cols[2][at] = Math.max(0, c - (r.nextDouble() < 0.5 ? 0 : 1));
                cols[3][at] = c;
                double vu = r.nextDouble();
                cols[4][at] = vu < 0.3 ? 0 : vu < 0.305 ? Double.NaN : Math.floor(vu * 1000);
            }
        }
        return panelOf(n, bars, cols);
    }

    private static Panel panelOf(int n, int bars, double[][] cols) {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            symbols.add("S" + i);
        }
        long[] ts = new long[bars];
        for (int t = 0; t < bars; t++) {
            ts[t] = 1_600_000_000_000L + t * 60_000L;
        }
        return Panel.of(symbols, ts, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    // ------------------------------------------------------------------ replay and comparison

    /** What a replay saw: worst errors, values compared, outputs (per tick) when kept. */
    record Result(double worst, long compared, long exact, List<double[]> rows) {
    }

    /**
     * Replays bars {@code [0, bars)} of {@code panel} through the device and through a fresh
     * {@link StreamingFeatures} (fed the float-rounded bars when the precision is float), asserting
     * agreement at every tick. A missing bar gets garbage (finite random values) in open, high, low
     * and volume: a NaN close alone must mean "no bar". Returns the comparison and, when
     * {@code keep}, every tick's device outputs.
     *
     * <p>{@code exact}: also require the device value to equal the reference exactly (double) or the
     * reference rounded to float (float), except for the features computed through {@code log}
     * (logret, volatility), whose last ulp depends on the math library. The host stand-in meets
     * this; on a GPU the tolerances apply.
     */
    static Result replay(String label, StreamingTicks runner, Panel panel, int bars, long garbageSeed, boolean keep,
                         boolean exact) {
        FeatureSet fs = runner.live.features();
        int n = runner.n;
        boolean f = runner.precision == CudaFeatureEngine.Precision.FLOAT;
        StreamingFeatures ref = StreamingFeatures.of(fs, n);
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double[] got = new double[fs.columns() * n];
        double[] want = new double[fs.columns() * n];
        double[] scale = new double[fs.size() * n];
        for (int s = 0; s < fs.size(); s++) {
            for (int i = 0; i < n; i++) {
                scale[s * n + i] = f ? FeatureTableComparison.scale(fs.spec(s), panel, i) : doubleFloor(fs.spec(s));
            }
        }
        SplittableRandom garbage = new SplittableRandom(garbageSeed);
        List<double[]> rows = keep ? new ArrayList<>() : null;
        double worst = 0;
        long compared = 0;
        long matched = 0;
        for (int t = 0; t < bars; t++) {
            panel.copyBar(t, o, h, l, c, v);
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(c[i])) {
                    o[i] = garbage.nextDouble(-1e3, 1e3);
                    h[i] = garbage.nextDouble(-1e3, 1e3);
                    l[i] = garbage.nextDouble(-1e3, 1e3);
                    v[i] = garbage.nextDouble(0, 1e6);
                } else if (f) {
                    o[i] = (float) o[i];
                    h[i] = (float) h[i];
                    l[i] = (float) l[i];
                    c[i] = (float) c[i];
                    v[i] = (float) v[i];
                }
            }
            runner.tick(o, h, l, c, v, got);
            ref.update(o, h, l, c, v, want);
            for (int s = 0; s < fs.size(); s++) {
                FeatureSpec spec = fs.spec(s);
                for (int p = 0; p < spec.type().outputs(); p++) {
                    int col = fs.firstColumn(s) + p;
                    for (int i = 0; i < n; i++) {
                        double x = got[col * n + i];
                        double y = want[col * n + i];
                        if (Double.isNaN(x) || Double.isNaN(y)) {
                            if (Double.isNaN(x) != Double.isNaN(y)) {
                                throw new AssertionError(label + " " + fs.columnNames().get(col) + " t=" + t + " instrument="
                                        + i + ": NaN mismatch, device=" + x + " reference=" + y);
                            }
                            continue;
                        }
                        // equal values (infinities included: logret of a zero close) are no error
                        double e = x == y ? 0 : Math.abs(x - y) / Math.max(Math.abs(y), scale[s * n + i]);
                        double tol = f ? FLOAT_TOLERANCE : DOUBLE_TOLERANCE;
                        if (!(e <= tol)) {
                            throw new AssertionError(label + " " + fs.columnNames().get(col) + " t=" + t + " instrument="
                                    + i + ": device=" + x + " reference=" + y + " error=" + e + " tolerance=" + tol);
                        }
                        worst = Math.max(worst, e);
                        compared++;
                        boolean same = f ? x == (float) y : x == y;
                        if (same) {
                            matched++;
                        } else if (exact && spec.type() != io.vectrade.feature.FeatureType.LOGRET
                                && spec.type() != io.vectrade.feature.FeatureType.VOLATILITY) {
                            throw new AssertionError(label + " " + fs.columnNames().get(col) + " t=" + t + " instrument="
                                    + i + ": device=" + x + " reference=" + y + " not exactly equal (error=" + e + ")");
                        }
                    }
                }
            }
            if (keep) {
                rows.add(got.clone());
            }
        }
        return new Result(worst, compared, matched, rows);
    }
}
