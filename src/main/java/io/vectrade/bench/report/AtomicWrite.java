package io.vectrade.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file atomically: to a temp file in the same directory, then an {@code ATOMIC_MOVE} over
 * the target, so a reader sees the old file or the whole new one, never a half-written one.
 * (The bench's own small helper: {@code io.vectrade.io.AtomicFiles} was not in this branch yet.)
 * Thread-safe.
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /**
     * Writes {@code bytes} to {@code target}, creating parent directories.
     *
     * @param overwrite false to refuse an existing target
     * @throws FileAlreadyExistsException when the target exists and {@code overwrite} is false
     * @throws IOException                on a write or move failure (the temp file is removed)
     */
    public static void write(Path target, byte[] bytes, boolean overwrite) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        if (!overwrite && Files.exists(abs)) {
            throw new FileAlreadyExistsException(abs.toString(), null, "exists; pass --overwrite or another --name");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes UTF-8 text atomically. */
    public static void write(Path target, String text, boolean overwrite) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), overwrite);
    }
}
