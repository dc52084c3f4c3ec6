package io.vectrade.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTextAndCreatesParents() throws IOException {
        Path target = dir.resolve("a/b/out.csv");
        AtomicFiles.write(target, w -> w.write("x,y\n1,2\n"));
        assertThat(Files.readString(target)).isEqualTo("x,y\n1,2\n");
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.csv");
        }
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old content that is longer than the new");
        AtomicFiles.writeString(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(listing()).containsExactly("out.txt");
    }

    @Test
    void writesBytes() throws IOException {
        Path target = dir.resolve("b.bin");
        AtomicFiles.writeBytes(target, out -> out.write(new byte[] {1, 2, 3}));
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    }

    @Test
    void failingBodyLeavesAnExistingTargetUntouchedAndNoTempFile() throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "precious");
        assertThatThrownBy(() -> AtomicFiles.write(target, w -> {
            w.write("half a file ".repeat(10_000));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("precious");
        assertThat(listing()).containsExactly("out.csv");
    }

    @Test
    void failingBodyWithRuntimeExceptionCreatesNothing() throws IOException {
        Path target = dir.resolve("never.csv");
        assertThatThrownBy(() -> AtomicFiles.write(target, w -> {
            w.write("partial");
            throw new UncheckedIOException(new IOException("boom"));
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(listing()).isEmpty();
    }

    @Test
    void newFileIsReadableByOthersLikeAnyNewFile() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "p");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "a");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }

    @Test
    void aSymlinkToARegularFileStaysALinkAndItsTargetIsReplaced() throws IOException {
        Path real = Files.writeString(dir.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());
        AtomicFiles.writeString(link, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(real.getFileName());
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(listing()).containsExactly("link.csv", "real.csv");
    }

    @Test
    void aSymlinkToADeviceIsWrittenThroughAndKept() throws IOException {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull));
        Path link = Files.createSymbolicLink(dir.resolve("sink.csv"), devNull);
        AtomicFiles.writeString(link, "x".repeat(100_000));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(devNull);
        assertThat(listing()).containsExactly("sink.csv");
    }

    @Test
    void aDeviceIsWrittenThroughNeverReplaced() throws IOException {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull));
        Object before = Files.getAttribute(devNull, "unix:rdev");
        AtomicFiles.writeString(devNull, "discarded");
        assertThat(Files.isRegularFile(devNull)).isFalse();
        assertThat(Files.getAttribute(devNull, "unix:rdev")).isEqualTo(before);
        assertThat(AtomicFiles.isStream(devNull)).isTrue();
    }

    @Test
    void aFifoIsWrittenThroughToItsReader() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo unavailable");
        java.util.concurrent.CompletableFuture<String> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        AtomicFiles.writeString(fifo, "through the pipe\n");
        assertThat(read.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("through the pipe\n");
        assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
        assertThat(listing()).containsExactly("pipe.csv");
    }

    @Test
    void aDirectoryOrADanglingLinkIsRefusedAndLeftAlone() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("out.csv"));
        assertThatThrownBy(() -> AtomicFiles.writeString(sub, "x")).isInstanceOf(IOException.class)
                .hasMessageContaining("is a directory").hasMessageContaining("out.csv");
        assertThat(Files.isDirectory(sub)).isTrue();
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.csv"), dir.resolve("nowhere.csv"));
        assertThatThrownBy(() -> AtomicFiles.writeString(dangling, "x")).isInstanceOf(IOException.class)
                .hasMessageContaining("dangling");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        Path toDir = Files.createSymbolicLink(dir.resolve("d.csv"), sub);
        assertThatThrownBy(() -> AtomicFiles.writeString(toDir, "x")).isInstanceOf(IOException.class)
                .hasMessageContaining("directory");
        assertThat(listing()).containsExactly("d.csv", "gone.csv", "out.csv");
    }

    @Test
    void strayTempFilesOfDeadProcessesAreRemovedByTheNextWriteToTheSameTarget() throws IOException {
        long dead = deadPid();
        String strayName = AtomicFiles.tempName("out.csv", dead, 0x1234abcdL);
        Files.writeString(dir.resolve(strayName), "half of a killed run");
        String otherTarget = AtomicFiles.tempName("other.csv", dead, 0x99L);
        Files.writeString(dir.resolve(otherTarget), "not ours");
        String alive = AtomicFiles.tempName("out.csv", ProcessHandle.current().pid(), 0x77L);
        Files.writeString(dir.resolve(alive), "a concurrent writer");
        Files.writeString(dir.resolve(".out.csv.tmp"), "someone else's file");
        AtomicFiles.writeString(dir.resolve("out.csv"), "done");
        assertThat(listing()).containsExactlyInAnyOrder("out.csv", otherTarget, alive, ".out.csv.tmp");
        assertThat(Files.readString(dir.resolve("out.csv"))).isEqualTo("done");
    }

    @Test
    void theTempFileNameIsRecognisable() throws IOException {
        Path target = dir.resolve("t.csv");
        String[] seen = new String[1];
        AtomicFiles.write(target, w -> {
            try (Stream<Path> s = Files.list(dir)) {
                seen[0] = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("t.csv")).findFirst().orElseThrow();
            }
        });
        assertThat(seen[0]).matches("\\.t\\.csv\\.vtmp-" + ProcessHandle.current().pid() + "-[0-9a-f]+\\.tmp");
    }

    /** A process id that is not alive: a child that has exited. */
    private static long deadPid() throws IOException {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            long pid = p.pid();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            return pid;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
