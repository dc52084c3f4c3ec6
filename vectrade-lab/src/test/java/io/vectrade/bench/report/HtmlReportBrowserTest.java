package io.vectrade.bench.report;

import io.vectrade.bench.Fixtures;
import io.vectrade.bench.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders a run's HTML report in headless Chromium and checks the screenshot shows it. Where
 * /usr/bin/chromium is absent (Debian package {@code chromium}) it is skipped with the reason, and
 * fails in CI ({@code CI=true}).
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void reportRendersInARealBrowser(@TempDir Path dir) throws Exception {
        io.vectrade.testdata.Prerequisites.require(Files.isExecutable(CHROMIUM),
                "/usr/bin/chromium not found (apt-get install -y chromium): the HTML report was not rendered");
        RunResult r = Fixtures.run("browser", Fixtures.machine("Test CPU"));
        List<Path> files = ResultsWriter.write(r, dir, false);
        Path html = dir.resolve("browser_report.html");
        assertThat(files).contains(html);
        String text = Files.readString(html);
        assertThat(text).doesNotContain("src=\"http").contains("data:image/png;base64,");

        Path png = dir.resolve("shot.png");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--screenshot=" + png, "--window-size=1200,1600", html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).as("screenshot written; log: " + dir.resolve("chromium.log")).exists();

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(PngAssert.colours(img, 3)).as("screenshot is not blank").isGreaterThan(20);
        // the fixture has both outcomes: the PASS and FAIL badges' colours must appear on screen
        assertThat(count(img, Html.PASS_COLOR)).as("pixels of the PASS badge colour").isGreaterThan(200);
        assertThat(count(img, Html.FAIL_COLOR)).as("pixels of the FAIL badge colour").isGreaterThan(200);
    }

    private static int count(BufferedImage img, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                if (close(rgb, want)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean close(int a, int b) {
        for (int s = 0; s <= 16; s += 8) {
            if (Math.abs(((a >> s) & 0xFF) - ((b >> s) & 0xFF)) > 6) {
                return false;
            }
        }
        return true;
    }

    @Test
    void reportMarkdownHasTheTargetsTable(@TempDir Path dir) throws IOException {
        RunResult r = Fixtures.run("md", Fixtures.machine("Test CPU"));
        ResultsWriter.write(r, dir, false);
        String md = Files.readString(dir.resolve("md_report.md"));
        assertThat(md).contains("| target | backend | workload | target value | actual | margin | status | note |")
                .contains("| latency.feature_calculation | simd | panel-16x100 | <= 5.00 ms | 6.05 ms | -21.0% | **FAIL** |")
                .contains("| throughput.features | cpu | batch-64 | >= 1.00 M/s | 30.3 M/s | +2925.0% | **PASS** |")
                .contains("NOT_MEASURED")
                .contains("![Latency by stage](md_latency_by_stage.png)")
                .contains("not implemented yet");
        assertThat(dir.resolve("md_latency_by_stage.png")).exists();
        // a second write of the same name is refused unless asked
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultsWriter.checkFree(dir, "md"))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultsWriter.write(r, dir, false))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(ResultsWriter.write(r, dir, true)).isNotEmpty();
        ResultsWriter.checkFree(dir, "other");
        // another run whose name starts with this one's is not this one's
        Files.writeString(dir.resolve("md_2_latency_by_stage.png"), "x");
        ResultsWriter.checkFree(dir.resolve("none"), "md");
        Path other = Files.createDirectories(dir.resolve("o"));
        Files.writeString(other.resolve("md_2_latency_by_stage.png"), "x");
        ResultsWriter.checkFree(other, "md");
    }
}
