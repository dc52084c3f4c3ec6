package io.vectrade.cuda;

import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live (streaming) kernels of {@code live.cuh} compiled for the host with g++ and run serially
 * by {@link HostDevice}, driven by the real {@link CudaStreamingFeatures} tick by tick (pinned
 * buffers, async copies, one launch per tick), compared at every tick with the Java
 * {@link io.vectrade.feature.stream.StreamingFeatures}: NaN exactly where the reference has NaN,
 * and every other value exactly equal (double) or equal to the reference rounded to float (float),
 * except logret and volatility, whose log may differ in its last ulp: those to 1e-12 relative
 * (double, see {@link StreamingTicks#doubleFloor}) and 1e-4 of the feature's scale (float, see
 * {@link FeatureTableComparison#scale}). TEST ONLY host stand-in: kernel logic and orchestration, not GPU verification
 * (that is {@link CudaStreamingFeaturesGpuTest}). Skipped without g++.
 */
class CudaStreamingFeaturesOnHostTest {
    private static HostDevice device;

    static final String NON_DEFAULT = "rsi(2),momentum(1),roc(3),volatility(2),logret(5),sma(2),ema(2),"
            + "macd(12,26,5),bbands(5,1.5),atr(1),stoch(5,1,1),willr(2),cci(2),adx(2),zscore(3),vwap(2),"
            + "ema(50),stoch(3,5,2),adx(7),atr(30),stoch(1,2,1),bbands(2,0),willr(3),volatility(3)";

    @BeforeAll
    static void compile() throws Exception {
        io.vectrade.testdata.Prerequisites.require(HostDevice.compiler() != null, "g++ not found: the cuda host stand-in tests need it (apt-get install g++)");
        // a device of its own (simulated async streams, seeded): its launch counts and allocations are
        // not mixed with those of the other tests that share the compiled kernels
        device = HostDevice.compileAndLoad().withAsyncStreams(99);
    }

    private static FeatureSet set(String name) {
        return name.equals("standard") ? FeatureSet.standard() : FeatureSet.parse(NON_DEFAULT);
    }

    private static StreamingTicks.Result replay(String label, DeviceApi dev, Panel panel, String set,
                                                CudaFeatureEngine.Precision precision) {
        try (StreamingTicks run = new StreamingTicks(dev, precision, set(set), panel.instruments())) {
            StreamingTicks.Result r = StreamingTicks.replay(label, run, panel, panel.bars(), 7, false, true);
            System.out.printf("%s %s %s: %d values, %d exact, worst error %.3g%n", label, precision, set,
                    r.compared(), r.exact(), r.worst());
            assertThat(r.compared()).isPositive();
            return r;
        }
    }

    @ParameterizedTest(name = "seed={0} instruments={1} bars={2} missing={3} {4} set={5}")
    @CsvSource({
            "1, 5, 160, 0.0, DOUBLE, standard",
            "2, 5, 160, 0.15, DOUBLE, standard",
            "3, 5, 160, 0.0, FLOAT, standard",
            "4, 5, 160, 0.15, FLOAT, standard",
            "5, 4, 130, 0.0, DOUBLE, nondefault",
            "6, 4, 130, 0.25, DOUBLE, nondefault",
            "7, 4, 130, 0.25, FLOAT, nondefault",
            "8, 3, 90, 0.6, DOUBLE, standard",
    })
    void matchesJavaStreamingOnRandomPanels(long seed, int instruments, int bars, double missing,
                                            CudaFeatureEngine.Precision precision, String set) {
        replay("random seed=" + seed, device, RandomMarket.panel(seed, instruments, bars, missing), set, precision);
    }

    @ParameterizedTest(name = "seed={0} {1} set={2}")
    @CsvSource({
            "11, DOUBLE, standard",
            "12, DOUBLE, nondefault",
            "13, FLOAT, standard",
            "14, FLOAT, nondefault",
    })
    void matchesJavaStreamingOnFlatStretchesZeroVolumesAndNonFiniteInputs(long seed, CudaFeatureEngine.Precision precision,
                                                                         String set) {
        replay("rough seed=" + seed, device, StreamingTicks.roughPanel(seed, 4, 150, 0.1), set, precision);
    }

    @Test
    void matchesJavaStreamingOnRealData() {
        Panel real = StreamingTicks.realPanel(3, 400);
        for (CudaFeatureEngine.Precision p : CudaFeatureEngine.Precision.values()) {
            replay("real", device, real, "standard", p);
        }
        replay("real", device, real, "nondefault", CudaFeatureEngine.Precision.DOUBLE);
    }

    @Test
    void matchesJavaStreamingOverALongHistory() {
        // Bitstamp minute bars one by one: many re-sums of the rolling windows and wraps of every ring
        Panel btc = io.vectrade.testdata.RealData.bitstampMinutes().toPanel();
        Panel head = btc.bars(0, Math.min(btc.bars(), 3000)).compact();
        assertThat(head.bars()).isGreaterThan(1000);
        replay("bitstamp", device, head, "standard", CudaFeatureEngine.Precision.DOUBLE);
        replay("bitstamp", device, head, "nondefault", CudaFeatureEngine.Precision.FLOAT);
    }

    @ParameterizedTest(name = "interleaving seed={0}")
    @ValueSource(longs = {1, 2, 3})
    void queuedOnAStreamWhateverTheInterleaving(long seed) {
        // simulated async streams: the first tick's table upload and state initialisation must be
        // ordered before the tick on the caller's stream
        HostDevice async = device.withAsyncStreams(seed);
        int before = async.liveAllocations();
        CudaFeatureEngine.Precision p = seed == 2 ? CudaFeatureEngine.Precision.FLOAT : CudaFeatureEngine.Precision.DOUBLE;
        replay("async seed=" + seed, async, RandomMarket.panel(40 + seed, 3, 60, 0.1), "nondefault", p);
        assertThat(async.liveAllocations()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void resetThenReplayGivesTheSameOutputs(CudaFeatureEngine.Precision precision) {
        Panel panel = RandomMarket.panel(21, 4, 120, 0.1);
        Panel other = RandomMarket.panel(22, 4, 120, 0.1);
        try (StreamingTicks run = new StreamingTicks(device, precision, set("nondefault"), 4)) {
            List<double[]> first = StreamingTicks.replay("first", run, panel, 120, 1, true, true).rows();
            run.reset();
            List<double[]> second = StreamingTicks.replay("after reset", run, panel, 120, 2, true, true).rows();
            // a reset in the middle of a warm-up, after another history
            run.reset();
            StreamingTicks.replay("other", run, other, 15, 3, false, true);
            run.reset();
            List<double[]> third = StreamingTicks.replay("after reset mid warm-up", run, panel, 120, 4, true, true).rows();
            for (int t = 0; t < first.size(); t++) {
                assertThat(second.get(t)).as("tick " + t).isEqualTo(first.get(t));
                assertThat(third.get(t)).as("tick " + t).isEqualTo(first.get(t));
            }
        }
    }

    @Test
    void resetBeforeTheFirstTickIsAFreshStart() {
        Panel panel = RandomMarket.panel(23, 3, 40, 0.0);
        try (StreamingTicks run = new StreamingTicks(device, CudaFeatureEngine.Precision.DOUBLE, FeatureSet.standard(), 3)) {
            run.reset();
            StreamingTicks.replay("reset first", run, panel, 40, 1, false, true);
        }
    }

    @Test
    void oneKernelLaunchPerTickForTheWholeSet() {
        FeatureSet fs = FeatureSet.parse(NON_DEFAULT);
        try (StreamingTicks run = new StreamingTicks(device, CudaFeatureEngine.Precision.FLOAT, fs, 3)) {
            int ticks0 = device.launches.getOrDefault("vt_live_tick_f32", 0);
            int resets0 = device.launches.getOrDefault("vt_live_reset_f32", 0);
            StreamingTicks.replay("launches", run, RandomMarket.panel(24, 3, 25, 0.1), 25, 1, false, true);
            assertThat(device.launches.get("vt_live_tick_f32") - ticks0).isEqualTo(25);
            assertThat(device.launches.get("vt_live_reset_f32") - resets0).isEqualTo(1);  // the initialisation
            run.reset();
            assertThat(device.launches.get("vt_live_reset_f32") - resets0).isEqualTo(2);
        }
        java.util.Set<String> declared = new java.util.HashSet<>();
        for (String k : CudaStreamingFeatures.KERNELS) {
            declared.add("vt_" + k + "_f32");
            declared.add("vt_" + k + "_f64");
        }
        assertThat(declared).contains("vt_live_tick_f32", "vt_live_reset_f32");
    }

    @Test
    void everyStandardFeatureIsSupportedAndCloseFreesEverything() {
        int before = device.liveAllocations();
        DeviceMemory memory = new DeviceMemory(device);
        CudaStreamingFeatures live = new CudaStreamingFeatures(memory, CudaFeatureEngine.Precision.DOUBLE,
                FeatureSet.standard(), 1024);
        assertThat(live.columns()).isEqualTo(FeatureSet.standard().columns());
        assertThat(memory.stats().currentBytes()).isEqualTo(live.deviceBytes()).isPositive();
        assertThat(device.liveAllocations()).isEqualTo(before + 4);  // table, double state, int state, pinned table
        live.close();
        live.close();
        assertThat(memory.stats().currentBytes()).isZero();
        assertThat(memory.stats().pinnedHostBytes()).isZero();
        assertThat(device.liveAllocations()).isEqualTo(before);
        assertThatIllegalStateException().isThrownBy(() -> live.enqueueTick(0, 1, 1, 1, 1, 1, 1))
                .withMessageContaining("closed");
        assertThatIllegalStateException().isThrownBy(() -> live.reset(0)).withMessageContaining("closed");
    }

    @Test
    void rejectsANullPointer() {
        DeviceMemory memory = new DeviceMemory(device);
        try (CudaStreamingFeatures live = new CudaStreamingFeatures(memory, CudaFeatureEngine.Precision.DOUBLE,
                FeatureSet.standard(), 2)) {
            assertThatIllegalArgumentException().isThrownBy(() -> live.enqueueTick(0, 1, 1, 1, 0, 1, 1))
                    .withMessageContaining("close=0");
        }
        assertThat(memory.stats().currentBytes()).isZero();
    }

    @Test
    void rejectsNoInstruments() {
        DeviceMemory memory = new DeviceMemory(device);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CudaStreamingFeatures(memory, CudaFeatureEngine.Precision.DOUBLE, FeatureSet.standard(), 0))
                .withMessageContaining("instruments=0");
        assertThat(memory.stats().currentBytes()).isZero();
    }
}
