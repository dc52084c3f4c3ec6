package io.vectrade.evaluation.report;

import io.vectrade.backtest.BacktestConfig;
import io.vectrade.backtest.Costs;
import io.vectrade.backtest.Execution;
import io.vectrade.data.Panel;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Renders the backtest report in headless Chromium (skipped, with a message, where /usr/bin/chromium is absent). */
class EvaluationReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void reportRendersInARealBrowser(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium not found (apt-get install -y chromium) - the backtest report was not rendered");
        Panel p = RandomMarket.panel(3, 20, 300, 0.01);
        SplittableRandom rnd = new SplittableRandom(3);
        double[] w = new double[300 * 20];
        double[] s = new double[300 * 20];
        for (int r = 0; r < w.length; r++) {
            s[r] = rnd.nextGaussian();
            w[r] = s[r] > 1 ? 0.1 : s[r] < -1 ? -0.1 : 0;
        }
        Evaluation e = Evaluation.run("browser check", p, w, s,
                new BacktestConfig(Execution.CLOSE, new Costs(5, 1, 0), 252), List.of(5.0, 20.0), -1, 5);
        EvaluationReport.write(e, dir);
        Path html = dir.resolve("backtest.html");
        Path png = dir.resolve("shot.png");
        Process proc = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--screenshot=" + png, "--window-size=1200,2400", html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(proc.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).as("screenshot written; log: " + dir.resolve("chromium.log")).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        int lower = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                lower += y > 1200 && rgb != 0xFFFFFF ? 1 : 0;
            }
        }
        assertThat(colours.size()).as("screenshot is not blank").isGreaterThan(50);
        assertThat(lower).as("the plots below the tables are drawn").isGreaterThan(1000);
    }
}
