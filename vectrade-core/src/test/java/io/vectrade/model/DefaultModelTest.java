package io.vectrade.model;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.feature.FeatureSet;
import io.vectrade.feature.FeatureTable;
import io.vectrade.feature.cpu.CpuFeatureEngine;
import io.vectrade.model.train.TrainConfig;
import io.vectrade.model.train.TrainResult;
import io.vectrade.model.train.Trainer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shipped default model is reproducible: this test refits it exactly as it was produced and compares it
 * with the resource. To regenerate the resource (after a deliberate change to the recipe, the synthetic
 * market or the kernels):
 * <pre>
 *   mvn test -Dtest=DefaultModelTest -Dvectrade.model.regenerate=true
 * </pre>
 */
class DefaultModelTest {
    static final int INSTRUMENTS = 200;
    static final int BARS = 2520;
    static final long SEED = 20240101L;
    static final List<String> FEATURES = List.of("logret(20)", "zscore(20)", "rsi(14)", "volatility(20)");
    static final int HORIZON = 5;
    static final double L2 = 1e-3;

    /** The recipe of the default model. */
    static Model fit() {
        Panel panel = SyntheticMarket.generate(INSTRUMENTS, BARS, SEED);
        FeatureSet set = FeatureSet.parse(String.join(",", FEATURES));
        FeatureTable table = new CpuFeatureEngine().compute(panel, set);
        TrainResult r = Trainer.train(table, panel, new TrainConfig(io.vectrade.model.ModelType.LOGISTIC, FEATURES, HORIZON, 0.7, L2));
        Map<String, String> md = new LinkedHashMap<>(r.model().metadata());
        md.put("trained_on", "SyntheticMarket.generate(" + INSTRUMENTS + ", " + BARS + ", seed=" + SEED + ")");
        md.put("recipe", "io.vectrade.model.DefaultModelTest (mvn test -Dtest=DefaultModelTest -Dvectrade.model.regenerate=true)");
        md.put("note", "demo model: the synthetic market has no designed predictability, expect IC near 0");
        return r.model().withMetadata(md);
    }

    @Test
    void shippedDefaultModelIsReproducible() throws IOException {
        Model fitted = fit();
        if (Boolean.getBoolean("vectrade.model.regenerate")) {
            ModelIO.save(fitted, Path.of("src/main/resources/io/vectrade/model/default"), SafeTensors.DType.F64);
        }
        Model shipped = Models.defaultModel();
        assertThat(shipped.featureColumns()).isEqualTo(fitted.featureColumns());
        assertThat(shipped.type()).isEqualTo(ModelType.LOGISTIC);
        double[] w0 = shipped.layers().get(0).weights();
        double[] w1 = fitted.layers().get(0).weights();
        for (int k = 0; k < w0.length; k++) {
            assertThat(w0[k]).as("weight %d (regenerate: see class doc)", k).isCloseTo(w1[k], within(1e-9));
            assertThat(shipped.mean()[k]).isCloseTo(fitted.mean()[k], within(1e-9 * (1 + Math.abs(fitted.mean()[k]))));
            assertThat(shipped.std()[k]).isCloseTo(fitted.std()[k], within(1e-9 * fitted.std()[k]));
        }
        assertThat(shipped.layers().get(0).bias()[0]).isCloseTo(fitted.layers().get(0).bias()[0], within(1e-9));
    }
}
