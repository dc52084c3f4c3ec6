package io.vectrade.io;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The writer's rules as an unprivileged user: a JVM started through {@code setpriv} as nobody
 * writes to a symlink, a FIFO and a device in a directory it may write to; none is replaced.
 * The child JVM gets only the writer's classes, copied to a directory nobody can read. Runs where
 * the tests run as root and {@code setpriv} exists (CI, the dev machines); skipped elsewhere with
 * the reason.
 */
class AtomicFilesUnprivilegedTest {
    @TempDir
    Path tmp;

    private Path dir;
    private Path classes;

    @BeforeEach
    void sharedDirectory() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to start a process as nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        assumeTrue(readableByAll(Path.of(System.getProperty("java.home"))), "the JDK is not readable by nobody");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        // the child needs only the writer's classes: copied where nobody can read them
        classes = Files.createDirectories(tmp.resolve("cp/io/vectrade/io"));
        for (Class<?> c : List.of(AtomicFiles.class, IoConsumer.class, AtomicWriteMain.class)) {
            Path from = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("io/vectrade/io");
            try (var s = Files.list(from)) {
                for (Path f : s.filter(f -> f.getFileName().toString().startsWith(c.getSimpleName())).toList()) {
                    Files.copy(f, classes.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        classes = tmp.resolve("cp");
        try (var s = Files.walk(classes)) {
            for (Path f : s.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    private static boolean readableByAll(Path p) {
        for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
            try {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(q));
                if (perms.charAt(6) != 'r' || (Files.isDirectory(q) && perms.charAt(8) != 'x')) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@link AtomicWriteMain} as nobody; returns its exit code. */
    private int writeAsNobody(Path target, String text) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java.toString(), "-cp", classes.toString(), AtomicWriteMain.class.getName(),
                target.toString(), text));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            System.err.println(output);
        }
        return p.exitValue();
    }

    @Test
    void asNobodyALinkStaysALinkAFifoAndADeviceAreWrittenThrough() throws Exception {
        Path real = dir.resolve("real.csv");
        assertThat(writeAsNobody(real, "first")).isZero();
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());
        assertThat(writeAsNobody(link, "through the link")).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("through the link");
        assertThat(Files.getOwner(real).getName()).isEqualTo("nobody");

        Path devLink = Files.createSymbolicLink(dir.resolve("null.csv"), Path.of("/dev/null"));
        assertThat(writeAsNobody(devLink, "discarded")).isZero();
        assertThat(Files.isSymbolicLink(devLink)).isTrue();
        assertThat(writeAsNobody(Path.of("/dev/null"), "discarded")).isZero();
        assertThat(Files.readAttributes(Path.of("/dev/null"), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();

        Path fifo = dir.resolve("pipe.csv");
        assertThat(new ProcessBuilder("mkfifo", "-m", "666", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(writeAsNobody(fifo, "piped")).isZero();
        assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo("piped");
        assertThat(Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("real.csv", "link.csv", "null.csv", "pipe.csv");
        }
    }
}
