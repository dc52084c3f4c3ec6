package io.vectrade.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class BuildInfoTest {

    @Test
    void readsThePluginsProperties() {
        Properties p = new Properties();
        p.setProperty("git.commit.id.full", "0123456789abcdef0123456789abcdef01234567");
        p.setProperty("git.dirty", "true");
        p.setProperty("git.commit.time", "2026-12-04T10:00:00Z");
        p.setProperty("git.build.version", "0.1.0-SNAPSHOT");
        BuildInfo b = BuildInfo.of(p);
        assertThat(b).isEqualTo(new BuildInfo("0123456789abcdef0123456789abcdef01234567", true,
                "2026-12-04T10:00:00Z", "0.1.0-SNAPSHOT"));
        assertThat(b.describe()).isEqualTo("0123456789ab (dirty: uncommitted changes)");
        p.setProperty("git.dirty", "false");
        assertThat(BuildInfo.of(p).describe()).isEqualTo("0123456789ab");
    }

    @Test
    void aBuildWithoutGitIsUnknown() {
        Properties p = new Properties();
        p.setProperty("git.commit.id.full", " ");
        BuildInfo b = BuildInfo.of(p);
        assertThat(b.commit()).isNull();
        assertThat(b.dirty()).isNull();
        assertThat(b.describe()).isEqualTo("unknown");
    }

    /** The build embedded the commit of this checkout (the one whose tests run), whatever the working directory. */
    @Test
    void theRunningBuildKnowsItsCommit() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve(".git")) && !Files.isRegularFile(root.resolve(".git"))) {
            root = root.getParent();
        }
        assertThat(root).as("the tests run inside the vectrade checkout").isNotNull();
        Process git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor()).isZero();
        assertThat(BuildInfo.current().commit()).isEqualTo(head);
        assertThat(BuildInfo.current().dirty()).isNotNull();
    }
}
