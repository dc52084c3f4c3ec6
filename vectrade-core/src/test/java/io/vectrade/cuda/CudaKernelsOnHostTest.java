package io.vectrade.cuda;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.testdata.RandomMarket;
import io.vectrade.testdata.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CUDA kernels compiled for the host with g++ and run serially by {@link HostDevice}, driven
 * by the real {@link CudaFeatureEngine} (upload, compaction of missing bars, chunked launches, the
 * EMA scan, scatter, download), compared with the cpu reference. Checks kernel logic and
 * orchestration on machines without a GPU; it is NOT GPU verification (that is
 * {@link CudaFeatureEngineGpuTest}, run by scripts/gpu-check). Skipped without g++.
 *
 * <p>Float and the cpu reference disagree on one thing by construction: cci over a window of
 * identical typical prices is 0 / 0, which TA-Lib's arithmetic (reproduced in double) turns into
 * rounding noise (e.g. 66.67) and the float kernel, which computes from exact differences, into 0;
 * the float comparison skips those bars.
 */
class CudaKernelsOnHostTest {
    private static HostDevice device;

    /** Threads a chunked launch aims for: small, so that small panels are split over time too. */
    private static final int TARGET_THREADS = 1024;

    private static final String NON_DEFAULT = "rsi(2),momentum(1),roc(3),volatility(2),logret(5),sma(2),ema(2),"
            + "macd(12,26,5),bbands(5,1.5),atr(1),stoch(5,1,1),willr(2),cci(2),adx(2),zscore(3),vwap(2),"
            + "ema(50),stoch(3,5,2),adx(7),atr(30)";

    /** The scanned recurrences with edge parameters: the shortest signal, swapped macd periods, short periods. */
    private static final String SCAN_EDGES = "macd(3,5,2),macd(12,26,9),rsi(14),rsi(2),atr(14),atr(1),obv,ema(30),"
            + "macd(3,5,2),adx(14),adx(2),adx(3),adx(25)";

    @BeforeAll
    static void compile() throws Exception {
        io.vectrade.testdata.Prerequisites.require(HostDevice.compiler() != null, "g++ not found: the cuda host stand-in tests need it (apt-get install g++)");
        device = HostDevice.compileAndLoad();
    }

    private static FeatureTable reference(Panel panel, FeatureSet fs, boolean floatPrecision) {
        Panel in = floatPrecision ? FeatureTableComparison.roundedToFloat(panel) : panel;
        return new CpuFeatureEngine().compute(in, fs);
    }

    private static double check(String label, Panel panel, FeatureSet fs, CudaFeatureEngine.Precision precision,
                                boolean forceScan) {
        boolean f = precision == CudaFeatureEngine.Precision.FLOAT;
        try (CudaFeatureEngine engine = new CudaFeatureEngine(device, precision, TARGET_THREADS, forceScan)) {
            FeatureTable got = engine.compute(panel, fs);
            return FeatureTableComparison.assertMatches(label, panel, got, reference(panel, fs, f), f);
        }
    }

    @ParameterizedTest(name = "seed={0} instruments={1} bars={2} missing={3} {4} scan={5} set={6}")
    @CsvSource({
            "1, 7, 300, 0.0, DOUBLE, false, standard",
            "2, 7, 300, 0.1, DOUBLE, false, standard",
            "3, 5, 260, 0.0, FLOAT, false, standard",
            "4, 5, 260, 0.1, FLOAT, false, standard",
            "5, 3, 400, 0.05, DOUBLE, true, standard",
            "6, 3, 400, 0.05, FLOAT, true, standard",
            "7, 6, 120, 0.0, DOUBLE, false, nondefault",
            "8, 6, 120, 0.2, DOUBLE, true, nondefault",
            "9, 6, 120, 0.2, FLOAT, false, nondefault",
            "10, 9, 40, 0.5, DOUBLE, false, standard",
            "11, 130, 60, 0.1, DOUBLE, false, standard",
            // forced scans on short series: chunks of 11-23 bars, shorter than the warm-ups (macd 30, ema 50)
            "12, 4, 45, 0.0, DOUBLE, true, nondefault",
            "13, 4, 45, 0.2, FLOAT, true, nondefault",
            "14, 3, 90, 0.1, DOUBLE, true, scanedges",
            "15, 3, 90, 0.0, FLOAT, true, scanedges",
            "16, 2, 33, 0.3, DOUBLE, true, scanedges",
            // not forced: N x 8 < 1024 target threads and T >= 2048 choose the scans (8 chunks of 263 bars)
            "17, 2, 2100, 0.05, FLOAT, false, standard",
            "18, 3, 2100, 0.0, DOUBLE, false, scanedges",
    })
    void matchesCpuReferenceOnRandomPanels(long seed, int instruments, int bars, double missing,
                                           CudaFeatureEngine.Precision precision, boolean scan, String set) {
        Panel panel = RandomMarket.panel(seed, instruments, bars, missing);
        FeatureSet fs = switch (set) {
            case "standard" -> FeatureSet.standard();
            case "scanedges" -> FeatureSet.parse(SCAN_EDGES);
            default -> FeatureSet.parse(NON_DEFAULT);
        };
        double worst = check("seed=" + seed, panel, fs, precision, scan);
        assertThat(worst).isLessThanOrEqualTo(precision == CudaFeatureEngine.Precision.FLOAT
                ? FeatureTableComparison.FLOAT_TOLERANCE : FeatureTableComparison.DOUBLE_TOLERANCE);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "interleaving seed={0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void streamsAndEventsOrderEveryDependencyWhateverTheInterleaving(long seed) {
        // simulated async streams run in a random order that respects only the engine's waits
        HostDevice async = device.withAsyncStreams(seed);
        Panel panel = RandomMarket.panel(60 + seed, 5, 150, seed % 2 == 0 ? 0.0 : 0.1);
        FeatureSet fs = FeatureSet.parse(NON_DEFAULT + ",ema(20),sma(20),obv");
        boolean f = seed % 3 == 0;
        CudaFeatureEngine.Precision p = f ? CudaFeatureEngine.Precision.FLOAT : CudaFeatureEngine.Precision.DOUBLE;
        // even seeds: pack and unpack over 3 threads, the first download phase unpacked asynchronously
        HostTransfer transfer = seed % 2 == 0 ? new HostTransfer(3, 16) : new HostTransfer(1);
        try (CudaFeatureEngine engine = new CudaFeatureEngine(async, p, TARGET_THREADS, true, transfer)) {
            FeatureTable out = FeatureTable.allocate(fs, panel);
            for (int run = 0; run < 2; run++) {  // the second run reuses buffers, events and streams
                for (int c = 0; c < fs.columns(); c++) {
                    java.util.Arrays.fill(out.column(c), -1.0);
                }
                engine.computeInto(panel, fs, out);
                FeatureTableComparison.assertMatches("async seed=" + seed + " run=" + run, panel, out,
                        reference(panel, fs, f), f);
            }
        }
        assertThat(async.liveAllocations()).isZero();
    }

    @Test
    void matchesCpuReferenceOnRealAaplBarsWithTheEmaScan() {
        Panel aapl = RealData.aaplDaily().toPanel();
        for (CudaFeatureEngine.Precision p : CudaFeatureEngine.Precision.values()) {
            check("aapl " + p, aapl, FeatureSet.standard(), p, true);
            check("aapl " + p, aapl, FeatureSet.standard(), p, false);
        }
    }

    @Test
    void matchesCpuReferenceOnRealBitstampMinuteBars() {
        Panel btc = RealData.bitstampMinutes().toPanel();
        Panel head = btc.bars(0, Math.min(btc.bars(), 1500)).compact();
        check("bitstamp double", head, FeatureSet.standard(), CudaFeatureEngine.Precision.DOUBLE, true);
        check("bitstamp float", head, FeatureSet.standard(), CudaFeatureEngine.Precision.FLOAT, false);
    }

    @Test
    void launchesOnlyKernelsOfTheDeclaredList() {
        check("all", RandomMarket.panel(51, 3, 100, 0.1), FeatureSet.standard(), CudaFeatureEngine.Precision.FLOAT, true);
        check("all", RandomMarket.panel(52, 3, 100, 0.0), FeatureSet.standard(), CudaFeatureEngine.Precision.DOUBLE, false);
        java.util.Set<String> declared = new java.util.HashSet<>();
        for (String k : CudaFeatureEngine.KERNELS) {
            declared.add("vt_" + k + "_f32");
            declared.add("vt_" + k + "_f64");
        }
        assertThat(declared).containsAll(device.launches.keySet());
        // the forced float run (with gaps) took every scan path (obv scans in float only)
        assertThat(device.launches.keySet()).contains("vt_ema_scan_apply_f32", "vt_rsi_scan_apply_f32",
                "vt_atr_scan_apply_f32", "vt_macd_scan_apply_f32", "vt_macd_signal_apply_f32", "vt_obv_scan_apply_f32",
                "vt_adx_scan_dx_f32", "vt_adx_avg_apply_f32", "vt_gather_apply_f32");
    }

    @ParameterizedTest(name = "seed={0} {1} set={2}")
    @CsvSource({
            "61, DOUBLE, standard",
            "62, FLOAT, standard",
            "63, DOUBLE, 'rsi(3),ema(5),sma(4)'",
            "64, FLOAT, 'obv,momentum(2)'",
            "65, DOUBLE, 'willr(4),atr(3)'",
            "66, FLOAT, rsi(3)",
    })
    void packsAndUnpacksOverSeveralThreadsOnViewsWithAndWithoutGaps(long seed, CudaFeatureEngine.Precision p, String set) {
        // tasks of 16 cells: the panels below are split over 3 threads for pack and unpack;
        // the feature sets need different input columns (close only; close + volume; high, low, close)
        FeatureSet fs = set.equals("standard") ? FeatureSet.standard() : FeatureSet.parse(set);
        boolean f = p == CudaFeatureEngine.Precision.FLOAT;
        try (CudaFeatureEngine engine = new CudaFeatureEngine(device, p, TARGET_THREADS, seed % 2 == 0,
                new HostTransfer(3, 16))) {
            Panel wide = RandomMarket.panel(seed, 12, 150, 0.1);
            Panel[] panels = {RandomMarket.panel(seed + 100, 6, 140, 0.0), RandomMarket.panel(seed + 200, 6, 140, 0.15),
                wide.instruments(4, 6).bars(5, 140)};
            for (Panel panel : panels) {  // same shape: buffers reused, gaps appear and disappear
                FeatureTable got = FeatureTable.allocate(fs, panel);
                engine.computeInto(panel, fs, got);
                FeatureTableComparison.assertMatches("threads seed=" + seed, panel, got, reference(panel, fs, f), f);
            }
        }
    }

    @Test
    void viewOfAWiderPanelIsPackedRowByRow() {
        Panel wide = RandomMarket.panel(21, 11, 90, 0.05);
        Panel view = wide.instruments(3, 5).bars(10, 70);
        check("view", view, FeatureSet.standard(), CudaFeatureEngine.Precision.DOUBLE, false);
    }

    @Test
    void reusesBuffersForTheSameShapeAndFreesEverythingOnClose() {
        Panel a = RandomMarket.panel(31, 4, 80, 0.0);
        Panel b = RandomMarket.panel(32, 4, 80, 0.1);
        FeatureSet fs = FeatureSet.standard();
        int before = device.liveAllocations();
        CudaFeatureEngine engine = new CudaFeatureEngine(device, CudaFeatureEngine.Precision.DOUBLE, TARGET_THREADS, false);
        FeatureTable out = FeatureTable.allocate(fs, a);
        engine.computeInto(a, fs, out);
        long peakAfterFirst = engine.memoryStats().peakBytes();
        // inputs high, low, close, volume (open is read by no feature), outputs, stoch scratch, lengths
        long expectedDevice = (4L + fs.columns() + 1) * 4 * 80 * 8 + 4L * 4;
        assertThat(engine.memoryStats().currentBytes()).isEqualTo(expectedDevice);
        engine.computeInto(a, fs, out);
        assertThat(engine.memoryStats().peakBytes()).isEqualTo(peakAfterFirst);
        engine.computeInto(b, fs, out);  // gaps: compacted inputs, positions and calendar outputs on top
        assertThat(engine.memoryStats().currentBytes()).isGreaterThan(expectedDevice);
        FeatureTableComparison.assertMatches("reuse", b, out, reference(b, fs, false), false);
        assertThat(engine.lastTimings().kernelLaunches()).isGreaterThan(fs.size());
        engine.close();
        assertThat(engine.memoryStats().currentBytes()).isZero();
        assertThat(device.liveAllocations()).isEqualTo(before);
    }

    @Test
    void rejectsATableOfAnotherShape() {
        Panel a = RandomMarket.panel(41, 3, 50, 0.0);
        try (CudaFeatureEngine engine = new CudaFeatureEngine(device, CudaFeatureEngine.Precision.DOUBLE, TARGET_THREADS, false)) {
            FeatureTable wrong = FeatureTable.allocate(FeatureSet.standard(), 49, 3);
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> engine.computeInto(a, FeatureSet.standard(), wrong))
                    .withMessageContaining("bars=50");
        }
    }
}
