package io.vectrade;

import io.vectrade.testdata.PackageGraph;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab's packages form layers over the core (jdeps on the compiled classes): results and
 * statistics at the bottom, the commands on top, no cycles. A new package must be given its layer here.
 */
class PackageLayersTest {
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("io.vectrade.bench.stats", 0),
            Map.entry("io.vectrade.profile", 1),
            Map.entry("io.vectrade.bench", 2),
            Map.entry("io.vectrade.bench.report", 3),
            Map.entry("io.vectrade.bench.history", 3),
            Map.entry("io.vectrade.gpu", 3),
            Map.entry("io.vectrade.soak", 3),
            Map.entry("io.vectrade.bench.compare", 4),
            Map.entry("io.vectrade.evaluation.report", 4),
            Map.entry("io.vectrade.cli", 5));

    @Test
    void everyPackageUsesOnlyLowerLayersAndTheCore() {
        Map<String, Set<String>> g = PackageGraph.of(Path.of("target/classes"), List.of());
        assertThat(g).containsKeys("io.vectrade.cli", "io.vectrade.bench");
        assertThat(PackageGraph.layerViolations(g, LAYERS)).isEmpty();
    }
}
