package io.vectrade.cuda;

import io.vectrade.testdata.RandomMarket;
import io.vectrade.testdata.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link CudaLiveEngine} over the kernels compiled for the host ({@link HostDevice}, TEST ONLY,
 * simulated async streams) against the Java live engine, tick by tick (see
 * {@link LiveComparison}). Not GPU verification (that is {@link CudaLiveEngineGpuTest}).
 */
class CudaLiveEngineOnHostTest {
    private static HostDevice device;

    @BeforeAll
    static void compile() throws Exception {
        io.vectrade.testdata.Prerequisites.require(HostDevice.compiler() != null, "g++ not found: the cuda host stand-in tests need it (apt-get install g++)");
        device = HostDevice.compileAndLoad().withAsyncStreams(31);
    }

    @ParameterizedTest(name = "{0} {1} missing={2} policy={3}")
    @CsvSource(delimiter = ';', value = {
            "default; DOUBLE; 0.0; 2",
            "default; DOUBLE; 0.05; 0",
            "default; FLOAT; 0.03; 3",
            "default; DOUBLE; 0.02; 4",
            "wide-mlp; DOUBLE; 0.0; 1",
            "benchmark-mlp; FLOAT; 0.0; 3",
    })
    void ticksMatchTheJavaLiveEngine(String model, CudaFeatureEngine.Precision precision, double missing, int policy) {
        LiveComparison.replay(model + " " + precision, device, precision, PipelineComparison.model(model),
                PipelineComparison.POLICIES.get(policy), RandomMarket.panel(40 + policy, 19, 120, missing));
    }

    @Test
    void realData() {
        LiveComparison.replay("aapl", device, CudaFeatureEngine.Precision.DOUBLE, PipelineComparison.model("default"),
                PipelineComparison.POLICIES.get(0), RealData.aaplDaily().toPanel());
    }
}
