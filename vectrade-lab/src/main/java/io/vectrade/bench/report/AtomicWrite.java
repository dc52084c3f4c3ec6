package io.vectrade.bench.report;

import io.vectrade.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bench's atomic writes: {@link AtomicFiles} (temp file in the same directory, then
 * {@code ATOMIC_MOVE}), plus a refusal to replace an existing file unless asked. Thread-safe.
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /**
     * Writes {@code bytes} to {@code target}, creating parent directories.
     *
     * @param overwrite false to refuse an existing target
     * @throws FileAlreadyExistsException when the target exists and {@code overwrite} is false
     * @throws IOException                on a write or move failure (the target is untouched)
     */
    public static void write(Path target, byte[] bytes, boolean overwrite) throws IOException {
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; pass --overwrite or another --name");
        }
        AtomicFiles.writeBytes(target, out -> out.write(bytes));
    }

    /** Writes UTF-8 text atomically. */
    public static void write(Path target, String text, boolean overwrite) throws IOException {
        write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), overwrite);
    }
}
