package io.vectrade;

import io.vectrade.testdata.PackageGraph;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's packages form layers (jdeps on the compiled classes): a package uses only packages of
 * lower layers, so there are no cycles and nothing imports a higher layer. A new package must be
 * given its layer here.
 */
class PackageLayersTest {
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("io.vectrade.backend", 0),
            Map.entry("io.vectrade.io", 0),
            Map.entry("io.vectrade.parallel", 0),
            Map.entry("io.vectrade.numeric", 0),
            Map.entry("io.vectrade.events", 0),
            Map.entry("io.vectrade.data", 1),
            Map.entry("io.vectrade.data.csv", 2),
            Map.entry("io.vectrade.backtest", 2),
            Map.entry("io.vectrade.feature", 3),
            Map.entry("io.vectrade.feature.cpu", 4),
            Map.entry("io.vectrade.feature.stream", 4),
            Map.entry("io.vectrade.feature.simd", 5),
            Map.entry("io.vectrade.model", 6),
            Map.entry("io.vectrade.signal", 6),
            Map.entry("io.vectrade.model.train", 7),
            Map.entry("io.vectrade.live", 7),
            Map.entry("io.vectrade.cuda", 8),
            Map.entry("io.vectrade.evaluation", 8),
            Map.entry("io.vectrade.pipeline", 9));

    @Test
    void everyPackageUsesOnlyLowerLayers() {
        Map<String, Set<String>> g = PackageGraph.of(Path.of("target/classes"),
                PackageGraph.classPathJars("ejml", "jackson"));
        assertThat(g).as("jdeps found the packages").containsKeys("io.vectrade.pipeline", "io.vectrade.cuda");
        Set<String> seen = new TreeSet<>(g.keySet());
        g.values().forEach(seen::addAll);
        assertThat(LAYERS.keySet()).as("every package has a layer").containsAll(seen);
        assertThat(PackageGraph.layerViolations(g, LAYERS)).isEmpty();
    }

    @Test
    void anUpwardEdgeAndAPackageWithoutALayerAreCaught() {
        Map<String, Set<String>> g = Map.of(
                "io.vectrade.feature", Set.of("io.vectrade.cuda", "io.vectrade.data"),
                "io.vectrade.novel", Set.of("io.vectrade.data"));
        assertThat(PackageGraph.layerViolations(g, LAYERS)).containsExactlyInAnyOrder(
                "io.vectrade.feature (layer 3) -> io.vectrade.cuda (layer 8)", "io.vectrade.novel has no layer");
    }
}
