package io.vectrade.bench.report;

import io.vectrade.bench.Fixtures;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.compare.Comparison;
import io.vectrade.bench.compare.ComparisonReport;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlotsTest {

    @Test
    void everyTypeGetsItsPlotsAsValidPngs() throws IOException {
        RunResult r = Fixtures.run("p", Fixtures.machine("cpu"));
        List<Plot> plots = Plots.of(r);
        assertThat(plots).extracting(Plot::fileSuffix).containsExactlyInAnyOrder("latency_by_stage.png",
                "memory_over_time.png", "throughput_vs_batch_size.png", "time_vs_data_size_cpu.png",
                "time_vs_data_size_simd.png");
        for (Plot p : plots) {
            BufferedImage img = PngAssert.readable(p.png());
            assertThat(img.getWidth()).isEqualTo(Plots.WIDTH);
            assertThat(PngAssert.colours(img, 2)).as(p.fileSuffix() + " is not single-colour").isGreaterThan(4);
        }
    }

    @Test
    void onlyThePlotsOfTypesThatRan() {
        RunResult full = Fixtures.run("p", Fixtures.machine("cpu"));
        RunResult pipelineOnly = new RunResult(1, "q", List.of("pipeline"), full.config(), full.machine(), 1, "0",
                full.measurements().stream().filter(m -> m.type().equals("pipeline")).toList(), List.of(),
                List.of(), List.of());
        assertThat(Plots.of(pipelineOnly)).extracting(Plot::fileSuffix).containsExactly("latency_by_stage.png");
    }

    @Test
    void comparisonPlotIsAValidPng() throws IOException {
        RunResult a = Fixtures.run("a", Fixtures.machine("cpu"));
        Comparison c = Comparison.of(a, a, 0.02, 200, 1);
        BufferedImage img = PngAssert.readable(ComparisonReport.plot(c));
        assertThat(PngAssert.colours(img, 2)).isGreaterThan(4);
    }
}
