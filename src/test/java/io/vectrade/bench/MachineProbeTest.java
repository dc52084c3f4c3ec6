package io.vectrade.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MachineProbeTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String SHA2 = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void looseRefFromASubdirectory(@TempDir Path dir) throws IOException {
        Path git = Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), SHA + "\n");
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        assertThat(MachineProbe.gitCommit(sub)).isEqualTo(SHA);
    }

    @Test
    void packedRefAndDetachedHead(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/dev\n");
        Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs with: peeled\n" + SHA2 + " refs/heads/dev\n");
        assertThat(MachineProbe.gitCommit(dir)).isEqualTo(SHA2);
        Files.writeString(dir.resolve(".git/HEAD"), SHA + "\n");
        assertThat(MachineProbe.gitCommit(dir)).isEqualTo(SHA);
    }

    @Test
    void worktreeGitdirFileWithCommondir(@TempDir Path dir) throws IOException {
        Path common = Files.createDirectories(dir.resolve("main/.git"));
        Path wtGit = Files.createDirectories(common.resolve("worktrees/bench"));
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/bench\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        Files.createDirectories(common.resolve("refs/heads"));
        Files.writeString(common.resolve("refs/heads/bench"), SHA + "\n");
        Path wt = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
        assertThat(MachineProbe.gitCommit(wt)).isEqualTo(SHA);
    }

    @Test
    void unresolvableRefIsNull(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/nowhere\n");
        assertThat(MachineProbe.gitCommit(dir)).isNull();
    }

    @Test
    void parsesNvidiaSmiOutput() {
        MachineInfo.Gpu g = MachineProbe.parseNvidiaSmi("NVIDIA H100 80GB HBM3, 550.54.15, 81559\nNVIDIA H100 80GB HBM3, 550.54.15, 81559\n");
        assertThat(g).isEqualTo(new MachineInfo.Gpu("NVIDIA H100 80GB HBM3", "550.54.15", 81559L * 1024 * 1024));
        assertThat(MachineProbe.parseNvidiaSmi("Tesla T4, 535.1, [N/A]").memoryBytes()).isEqualTo(-1);
        assertThat(MachineProbe.parseNvidiaSmi("")).isNull();
        assertThat(MachineProbe.parseNvidiaSmi("No devices were found")).isNull();
    }

    @Test
    void probeFillsTheBasics() {
        MachineInfo m = MachineProbe.probe();
        assertThat(m.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(m.cpuModel()).isNotBlank();
        assertThat(m.simdBits()).isPositive();
        assertThat(m.jvmVersion()).contains(Runtime.version().toString());
        assertThat(m.time()).endsWith("Z");
    }
}
