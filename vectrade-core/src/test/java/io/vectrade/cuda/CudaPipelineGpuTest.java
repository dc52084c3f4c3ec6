package io.vectrade.cuda;

import io.vectrade.data.Panel;
import io.vectrade.testdata.RandomMarket;
import io.vectrade.testdata.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GPU verification of {@link CudaPipeline}: the fused run, the single stages and the policies
 * alone on a real NVIDIA GPU against the Java pipeline, on fresh random and real data (see
 * {@link PipelineComparison} for the tolerances). Tagged {@code gpu}: run by scripts/gpu-check,
 * skipped without a usable GPU.
 */
@Tag("gpu")
class CudaPipelineGpuTest {

    @BeforeAll
    static void requireGpu() {
        CudaProbe p = Cuda.probe();
        assumeTrue(p.available(), "no usable GPU: " + p.reason());
    }

    private static CudaFeatureEngine engine(CudaFeatureEngine.Precision p) {
        return CudaFeatureEngine.open(p);
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3} missing={4} policy={5}")
    @CsvSource(delimiter = ';', value = {
            "default; DOUBLE; 1000; 2520; 0.0; 3",
            "default; FLOAT; 1000; 2520; 0.0; 3",
            "default; DOUBLE; 300; 800; 0.03; 0",
            "default; FLOAT; 300; 800; 0.03; 4",
            "default; DOUBLE; 5000; 40; 0.0; 2",
            "default; DOUBLE; 2; 70000; 0.0; 2",
            "wide-mlp; DOUBLE; 200; 500; 0.02; 1",
            "wide-mlp; FLOAT; 200; 500; 0.0; 3",
            "benchmark-mlp; DOUBLE; 1000; 300; 0.0; 3",
            "benchmark-mlp; FLOAT; 1000; 300; 0.0; 2",
            "identity-mlp; DOUBLE; 64; 1000; 0.1; 4",
    })
    void fusedRunMatchesTheJavaPipeline(String model, CudaFeatureEngine.Precision precision, int instruments, int bars,
                                        double missing, int policy) {
        long seed = System.nanoTime();
        Panel panel = RandomMarket.panel(seed, instruments, bars, missing);
        double worst = PipelineComparison.checkFused(model + " " + precision + " seed=" + seed, engine(precision),
                PipelineComparison.model(model), PipelineComparison.POLICIES.get(policy), panel);
        System.out.printf("pipeline %s %s %dx%d: worst score error %.3g%n", model, precision, instruments, bars, worst);
    }

    @Test
    void fusedRunOnRealData() {
        for (CudaFeatureEngine.Precision p : CudaFeatureEngine.Precision.values()) {
            PipelineComparison.checkFused("aapl " + p, engine(p), PipelineComparison.model("default"),
                    PipelineComparison.POLICIES.get(0), RealData.aaplDaily().toPanel());
            PipelineComparison.checkFused("bitstamp " + p, engine(p), PipelineComparison.model("wide-mlp"),
                    PipelineComparison.POLICIES.get(1), RealData.bitstampMinutes().toPanel());
        }
    }

    @Test
    void singleStagesMatchTheJavaPipeline() {
        Panel panel = RandomMarket.panel(System.nanoTime(), 500, 700, 0.02);
        for (CudaFeatureEngine.Precision p : CudaFeatureEngine.Precision.values()) {
            PipelineComparison.checkStages("stages " + p, engine(p), PipelineComparison.model("benchmark-mlp"),
                    PipelineComparison.POLICIES.get(3), panel);
        }
    }

    @Test
    void policiesMatchOnAwkwardScores() {
        int bars = 300;
        int n = 1500;
        SplittableRandom rnd = new SplittableRandom(System.nanoTime());
        double[] scores = new double[bars * n];
        double[] vol = new double[bars * n];
        for (int k = 0; k < scores.length; k++) {
            double u = rnd.nextDouble();
            scores[k] = u < 0.05 ? Double.NaN : u < 0.3 ? Math.round(rnd.nextDouble() * 4) / 8.0 + 0.25 : rnd.nextDouble();
            double w = rnd.nextDouble();
            vol[k] = w < 0.05 ? Double.NaN : w < 0.08 ? 0 : 0.005 + 0.03 * rnd.nextDouble();
        }
        for (CudaFeatureEngine.Precision p : CudaFeatureEngine.Precision.values()) {
            for (String policy : PipelineComparison.POLICIES) {
                PipelineComparison.checkSignals("awkward " + p, engine(p), policy, scores, vol, bars, n);
            }
        }
    }
}
