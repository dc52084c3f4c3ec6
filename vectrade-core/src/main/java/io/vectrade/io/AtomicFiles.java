package io.vectrade.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file all-or-nothing: the content goes to a temp file in the target's directory, which
 * is then moved over the target with {@code ATOMIC_MOVE, REPLACE_EXISTING}. Readers see the old
 * file or the complete new one, never a partial write. On any failure (an exception from the
 * body, a full disk) the temp file is deleted, the exception propagates and the target is
 * untouched (absent if it was absent).
 *
 * <pre>
 *   AtomicFiles.write(Path.of("results/out.csv"), w -&gt; w.write("a,b\n"));
 * </pre>
 *
 * <p>Parent directories are created. The temp file is flushed and closed before the move but not
 * fsync'ed: the write is atomic against concurrent readers and against a crash of this process,
 * not against a power cut. Where the file system cannot move atomically (rare: the temp file
 * lives in the same directory) the move falls back to a plain replacing move. The new file gets the default permissions (umask),
 * not the old file's. Thread-safe: each
 * call uses its own uniquely named temp file ({@code .<name>.<random>.tmp}).
 */
public final class AtomicFiles {
    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFiles() {
    }

    /** Writes UTF-8 text through a buffered {@link Writer}; the body must not close it. */
    public static void write(Path target, IoConsumer<? super Writer> body) throws IOException {
        writeBytes(target, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_BYTES);
            body.accept(w);
            w.flush();
        });
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, CharSequence text) throws IOException {
        write(target, w -> w.append(text));
    }

    /** Writes bytes through a buffered {@link OutputStream}; the body must not close it. */
    public static void writeBytes(Path target, IoConsumer<? super OutputStream> body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = createTemp(dir, abs.getFileName().toString());
        boolean moved = false;
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 BufferedOutputStream out = new BufferedOutputStream(raw, BUFFER_BYTES)) {
                body.accept(out);
                out.flush();
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                deleteQuietly(tmp);
            }
        }
    }

    /** A new empty file {@code .<name>.<random>.tmp}, created with the default permissions (umask). */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the original failure matters more; a stray temp file is named .<target>.*.tmp
        }
    }
}
