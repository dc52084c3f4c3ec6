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
import static org.assertj.core.api.Assertions.within;

class PlotsTest {

    @Test
    void everyTypeGetsItsPlotsAsValidPngs() throws IOException {
        RunResult r = Fixtures.run("p", Fixtures.machine("cpu"));
        List<Plot> plots = Plots.of(r);
        assertThat(plots).extracting(Plot::fileSuffix).containsExactlyInAnyOrder("latency_by_stage.png",
                "memory_over_time.png", "throughput_vs_batch_size.png", "time_vs_data_size.png");
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

    /** A recorded default-config pipeline run (2-core Xeon VM, under load): targets, whiskers and verdict labels drawn. */
    @Test
    void stageLatencyPlotShowsTargetsWhiskersAndVerdicts() throws Exception {
        RunResult r = ResultsJson.read(java.nio.file.Path.of(PlotsTest.class.getResource("/bench/calibration/cal_1_raw.json").toURI()));
        Plot p = Plots.of(r).stream().filter(x -> x.fileSuffix().equals("latency_by_stage.png")).findFirst().orElseThrow();
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "plots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "plots", "latency_by_stage.png"), p.png()); // to look at
        BufferedImage img = PngAssert.readable(p.png());
        // every latency target of this run failed: the FAIL colour is drawn, the PASS colour is not
        assertThat(count(img, StagePlot.FAIL.getRGB())).isGreaterThan(100);
        assertThat(count(img, StagePlot.PASS.getRGB())).isZero();
        assertThat(r.verdicts()).filteredOn(v -> v.target().startsWith("latency.")).hasSize(8)
                .allSatisfy(v -> assertThat(v.status()).isEqualTo(io.vectrade.bench.Verdict.Status.FAIL));
    }

    /**
     * The throughput plot has an error bar per batch size and backend: p10 to p90 of the samples. The
     * fixture's cpu batch-32 samples are 19, 20, 20.5, 21 million/s (sorted); type-7 percentiles at
     * positions 0.3 and 2.7: p10 = 19 + 0.3 x 1 = 19.3, p90 = 20.5 + 0.7 x 0.5 = 20.85.
     */
    @Test
    void throughputPlotHasAP10ToP90WhiskerPerPoint() throws IOException {
        RunResult r = Fixtures.run("p", Fixtures.machine("cpu"));
        var panels = Plots.throughputPanels(r);
        assertThat(panels).hasSize(1);
        var whisker = panels.get(0).getSeriesMap().get("cpu p10-p90 batch-32");
        assertThat(whisker).isNotNull();
        assertThat(whisker.isShowInLegend()).isFalse();
        // lower cap, bar, upper cap, with NaN gaps between them
        double[] y = java.util.Arrays.stream(whisker.getYData()).filter(v -> !Double.isNaN(v)).toArray();
        assertThat(y).hasSize(6);
        assertThat(java.util.Arrays.stream(y).min().orElseThrow()).isCloseTo(19.3, within(1e-9));
        assertThat(java.util.Arrays.stream(y).max().orElseThrow()).isCloseTo(20.85, within(1e-9));
        assertThat(java.util.Arrays.stream(whisker.getXData()).filter(x -> x == 32).count()).isEqualTo(4);
        assertThat(panels.get(0).getSeriesMap()).containsKey("cpu p10-p90 batch-64").containsKey("target 1.00 M/s");
        byte[] png = Plots.of(r).stream().filter(x -> x.fileSuffix().equals("throughput_vs_batch_size.png"))
                .findFirst().orElseThrow().png();
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "plots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "plots", "throughput_vs_batch_size.png"), png); // to look at
        assertThat(count(PngAssert.readable(png), Plots.SERIES_COLOURS[0].getRGB())).isGreaterThan(50);
    }

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF) ? 1 : 0;
            }
        }
        return n;
    }
}
