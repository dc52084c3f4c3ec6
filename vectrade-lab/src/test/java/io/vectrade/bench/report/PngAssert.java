package io.vectrade.bench.report;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that bytes are a readable, non-blank PNG. */
final class PngAssert {
    private PngAssert() {
    }

    static BufferedImage readable(byte[] png) throws IOException {
        assertThat(png).isNotEmpty();
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).as("ImageIO reads the PNG").isNotNull();
        assertThat(img.getWidth()).isPositive();
        assertThat(img.getHeight()).isPositive();
        return img;
    }

    /** Number of distinct RGB colours, sampling every {@code step}-th pixel. */
    static int colours(BufferedImage img, int step) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += step) {
            for (int x = 0; x < img.getWidth(); x += step) {
                c.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return c.size();
    }
}
