package io.vectrade.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private static String drive(boolean terminal, boolean enabled) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(b, true, StandardCharsets.UTF_8), terminal, enabled);
        p.start(40);
        for (int k = 0; k < 40; k++) {
            p.step("cell " + k);
        }
        p.finish("done");
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesWhenNotATerminal() {
        String out = drive(false, true);
        assertThat(out).doesNotContain("\r").startsWith("bench   0% (0/40) cell 0\n")
                .endsWith("bench 100% (40/40) done\n");
        // one line per 5% at most, plus first and last
        assertThat(out.lines().count()).isBetween(3L, 22L);
    }

    @Test
    void redrawnBarOnATerminal() {
        String out = drive(true, true);
        assertThat(out).contains("\r[").contains("] 100% done").contains("#".repeat(30));
        assertThat(out.chars().filter(c -> c == '\n').count()).as("one newline, at the end").isEqualTo(1);
        assertThat(out).endsWith("\n");
    }

    @Test
    void silentWhenDisabled() {
        assertThat(drive(true, false)).isEmpty();
        assertThat(drive(false, false)).isEmpty();
    }
}
