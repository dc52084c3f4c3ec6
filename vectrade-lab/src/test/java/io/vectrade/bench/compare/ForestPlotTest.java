package io.vectrade.bench.compare;

import io.vectrade.bench.Fixtures;
import io.vectrade.bench.MachineInfo;
import io.vectrade.bench.Measurement;
import io.vectrade.bench.RunResult;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ForestPlotTest {
    private static final MachineInfo M = Fixtures.machine("Test CPU");

    private static double[] noisy(double median, double sd, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = median * (1 + sd * r.nextGaussian());
        }
        return x;
    }

    private static RunResult run(List<Measurement> ms) {
        return new RunResult(RunResult.SCHEMA_VERSION, "r", List.of("pipeline"), Fixtures.config(), M, 1, "0", ms,
                List.of(), List.of(), List.of());
    }

    static Comparison sample() {
        List<Measurement> b = new ArrayList<>();
        List<Measurement> c = new ArrayList<>();
        String[] stages = {"feature_calculation", "model_inference", "signal_generation", "total_pipeline"};
        double[] factor = {1.0, 3.0, 0.5, 1.4};
        for (int s = 0; s < stages.length; s++) {
            b.add(Measurement.of("pipeline", "panel-daily", "cpu", stages[s], "ns", false, 1, noisy(1e8, 0.03, s, 20),
                    Map.of()));
            c.add(Measurement.of("pipeline", "panel-daily", "cpu", stages[s], "ns", false, 1,
                    noisy(1e8 * factor[s], 0.03, 100 + s, 20), Map.of()));
        }
        b.add(Measurement.of("throughput", "batch-64", "simd", "features_per_s", "per_s", true, 1,
                noisy(1e8, 0.05, 7, 20), Map.of()));
        c.add(Measurement.of("throughput", "batch-64", "simd", "features_per_s", "per_s", true, 1,
                noisy(1.02e8, 0.05, 8, 20), Map.of()));
        b.add(Measurement.of("memory", "panel-daily", "cpu", "peak_heap", "bytes", false, 1, new double[] {5e8}, Map.of()));
        c.add(Measurement.of("memory", "panel-daily", "cpu", "peak_heap", "bytes", false, 1, new double[] {6e8}, Map.of()));
        return Comparison.of(run(b), run(c), Comparison.Settings.of(0.10));
    }

    @Test
    void forestPlotDrawsOneNamedRowPerMetricColouredByVerdict() throws IOException {
        Comparison c = sample();
        assertThat(c.rows()).extracting(Comparison.Row::verdict).containsExactly(Comparison.Verdict.UNCHANGED,
                Comparison.Verdict.REGRESSED, Comparison.Verdict.IMPROVED, Comparison.Verdict.REGRESSED,
                Comparison.Verdict.UNCHANGED, Comparison.Verdict.NOT_JUDGED);
        byte[] png = ComparisonReport.plot(c);
        Path dir = Path.of("target", "plots");
        Files.createDirectories(dir);
        Files.write(dir.resolve("forest.png"), png); // for a person to look at
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).isNotNull();
        assertThat(img.getHeight()).isEqualTo(78 + 6 * 22 + 64);
        // row k is centred at y = 78 + 22 k + 11; rows sorted: 2 regressed (red), 1 improved (green), ...
        assertThat(hasColour(img, 78 + 11, ForestPlot.RED.getRGB())).isTrue();
        assertThat(hasColour(img, 78 + 22 + 11, ForestPlot.RED.getRGB())).isTrue();
        assertThat(hasColour(img, 78 + 44 + 11, ForestPlot.GREEN.getRGB())).isTrue();
        assertThat(hasColour(img, 78 + 66 + 11, ForestPlot.RED.getRGB())).isFalse();
    }

    private static boolean hasColour(BufferedImage img, int y, int rgb) {
        for (int x = 430; x < img.getWidth(); x++) {
            if ((img.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                return true;
            }
        }
        return false;
    }
}
