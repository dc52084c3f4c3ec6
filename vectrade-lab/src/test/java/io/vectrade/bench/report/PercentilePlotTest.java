package io.vectrade.bench.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PercentilePlotTest {

    /** 90 %, 99 %, 99.9 % sit at log10(1 / (1 - p)) = 1, 2, 3: equally spaced, labelled; nothing between. */
    @Test
    void theAxisSpacesTheNinesEquallyAndLabelsThem() {
        assertThat(PercentilePlot.x(0, 5)).isEqualTo(0.0);
        assertThat(PercentilePlot.x(90, 5)).isCloseTo(1.0, within(1e-12));
        assertThat(PercentilePlot.x(99, 5)).isCloseTo(2.0, within(1e-12));
        assertThat(PercentilePlot.x(99.9, 5)).isCloseTo(3.0, within(1e-9));
        assertThat(PercentilePlot.x(100, 5)).isEqualTo(5.0);
        assertThat(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0)).extracting(PercentilePlot::label)
                .containsExactly("0%", "90%", "99%", "99.9%", "99.99%", "99.999%");
        assertThat(PercentilePlot.label(1.5)).isBlank();
    }

    /**
     * The curve of a histogram of 1, 2, ..., 1,000 µs: at the 50th percentile 500 µs and at the last
     * point the maximum, 1,000 µs (HdrHistogram keeps 3 significant digits: within 0.1 %); levels rise.
     */
    @Test
    void aCurveReadsTheHistogramsPercentileDistribution() {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        for (int us = 1; us <= 1000; us++) {
            h.recordValue(us * 1000L);
        }
        PercentilePlot.Curve c = PercentilePlot.Curve.of("t", h);
        double[] p = c.percentiles();
        double[] v = c.micros();
        for (int k = 1; k < p.length; k++) {
            assertThat(p[k]).isGreaterThanOrEqualTo(p[k - 1]);
            assertThat(v[k]).isGreaterThanOrEqualTo(v[k - 1]);
        }
        int half = 0;
        while (p[half] < 50) {
            half++;
        }
        assertThat(p[half]).isEqualTo(50.0);
        assertThat(v[half]).isCloseTo(500, within(0.5));
        assertThat(p[p.length - 1]).isEqualTo(100.0);
        assertThat(v[v.length - 1]).isCloseTo(1000, within(1.0));
        assertThatThrownBy(() -> new PercentilePlot.Curve("x", new double[] {1}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePngDrawsEveryCurveInItsColour() throws Exception {
        Histogram fast = new Histogram(3_600_000_000_000L, 3);
        Histogram slow = new Histogram(3_600_000_000_000L, 3);
        for (int k = 1; k <= 10_000; k++) {
            fast.recordValue(20_000L + k);
            slow.recordValue(k % 100 == 0 ? 5_000_000L : 40_000L + k);
        }
        byte[] png = PercentilePlot.png("t", "10,000 ticks", List.of(PercentilePlot.Curve.of("fast", fast),
                PercentilePlot.Curve.of("slow", slow)));
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "plots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "plots", "percentiles.png"), png); // to look at
        BufferedImage img = PngAssert.readable(png);
        assertThat(img.getWidth()).isEqualTo(Plots.WIDTH);
        for (int k = 0; k < 2; k++) {
            int rgb = Plots.SERIES_COLOURS[k].getRGB() & 0xFFFFFF;
            int n = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    n += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
                }
            }
            assertThat(n).as("curve %d drawn", k).isGreaterThan(200);
        }
    }
}
