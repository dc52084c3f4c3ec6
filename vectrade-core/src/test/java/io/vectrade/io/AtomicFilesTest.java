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
}
