package io.vectrade.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file all-or-nothing where that is possible, and never replaces what is not a regular
 * file. What happens depends on what the target is (looked at without following a link):
 * <ul>
 *   <li><b>missing or a regular file</b>: the content goes to a temp file in the target's
 *       directory, which is then moved over the target with {@code ATOMIC_MOVE, REPLACE_EXISTING}.
 *       Readers see the old file or the complete new one, never a partial write. On any failure
 *       (an exception from the body, a full disk) the temp file is deleted, the exception
 *       propagates and the target is untouched (absent if it was absent);</li>
 *   <li><b>a symbolic link</b>: the link is kept. Its final target is written by these same rules:
 *       a regular file is replaced atomically (at the resolved path, so the link still points to
 *       it), a device or FIFO is written through; a dangling link or a link to a directory is
 *       refused;</li>
 *   <li><b>a device, FIFO or socket</b> ({@code /dev/null}, {@code /dev/stdout}, a named pipe):
 *       written through directly, neither created nor truncated nor renamed over: not atomic (a
 *       failing body leaves what it wrote in the pipe);</li>
 *   <li><b>a directory</b>: refused with an {@link IOException} naming it.</li>
 * </ul>
 *
 * <pre>
 *   AtomicFiles.write(Path.of("results/out.csv"), w -&gt; w.write("a,b\n"));
 * </pre>
 *
 * <p>Temp files are named {@code .<name>.vtmp-<pid>-<random>.tmp}. A process killed during a
 * write leaves its temp file behind; the next write to the same target removes every such file
 * whose process id is no longer alive (a concurrent writer's temp file is left alone).
 *
 * <p>Parent directories are created. The temp file is flushed and closed before the move but not
 * fsync'ed: the write is atomic against concurrent readers and against a crash of this process,
 * not against a power cut. Where the file system cannot move atomically (rare: the temp file
 * lives in the same directory) the move falls back to a plain replacing move. The new file gets
 * the default permissions (umask), not the old file's. Thread-safe: each call uses its own
 * uniquely named temp file.
 */
public final class AtomicFiles {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final String TEMP_MARK = ".vtmp-";
    private static final Pattern TEMP_NAME = Pattern.compile("\\.(.+)\\.vtmp-(\\d+)-[0-9a-f]+\\.tmp");

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
        BasicFileAttributes own = attributes(abs, LinkOption.NOFOLLOW_LINKS);
        if (own == null || own.isRegularFile()) {
            replace(abs, body);
            return;
        }
        if (own.isDirectory()) {
            throw new IOException("output is a directory, not a file: " + target);
        }
        if (own.isSymbolicLink()) {
            BasicFileAttributes resolved = attributes(abs);
            if (resolved == null) {
                throw new IOException("output is a symbolic link to nothing (dangling), refused: " + target
                        + " -> " + Files.readSymbolicLink(abs));
            }
            if (resolved.isDirectory()) {
                throw new IOException("output is a symbolic link to a directory, not a file: " + target);
            }
            if (resolved.isRegularFile()) {
                replace(abs.toRealPath(), body);
                return;
            }
        }
        writeThrough(abs, body);
    }

    /** True when {@code target} exists and is neither a regular file nor a link to one (a device, FIFO). */
    public static boolean isStream(Path target) throws IOException {
        BasicFileAttributes a = attributes(target.toAbsolutePath());
        return a != null && !a.isRegularFile() && !a.isDirectory();
    }

    private static BasicFileAttributes attributes(Path p, LinkOption... options) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, options);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** A device or FIFO: opened for writing as it is (no create, no truncate), never renamed over. */
    private static void writeThrough(Path target, IoConsumer<? super OutputStream> body) throws IOException {
        try (OutputStream raw = Files.newOutputStream(target, StandardOpenOption.WRITE);
             BufferedOutputStream out = new BufferedOutputStream(raw, BUFFER_BYTES)) {
            body.accept(out);
            out.flush();
        }
    }

    /** {@code target} is missing or a regular file (not a link): temp file, then an atomic move. */
    private static void replace(Path target, IoConsumer<? super OutputStream> body) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        String name = target.getFileName().toString();
        removeStrayTemps(dir, name);
        Path tmp = createTemp(dir, name);
        boolean moved = false;
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 BufferedOutputStream out = new BufferedOutputStream(raw, BUFFER_BYTES)) {
                body.accept(out);
                out.flush();
            }
            // a directory, device or link that appeared at the target since it was looked at is not replaced
            BasicFileAttributes now = attributes(target, LinkOption.NOFOLLOW_LINKS);
            if (now != null && !now.isRegularFile()) {
                throw new IOException("output changed while it was written and is no longer a regular file, refused: " + target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * Removes the temp files {@code .<name>.vtmp-<pid>-<random>.tmp} that earlier writes to this
     * target left behind (a killed process), except those of a process that is still alive.
     */
    private static void removeStrayTemps(Path dir, String name) throws IOException {
        String prefix = "." + name + TEMP_MARK;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : s) {
                Matcher m = TEMP_NAME.matcher(p.getFileName().toString());
                if (!m.matches() || !m.group(1).equals(name)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(2));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                BasicFileAttributes a = attributes(p, LinkOption.NOFOLLOW_LINKS);
                if (a != null && a.isRegularFile()) {
                    deleteQuietly(p);
                }
            }
        }
    }

    /** The temp-file name of a write by process {@code pid} to {@code name} (for tests of the clean-up). */
    static String tempName(String name, long pid, long random) {
        return "." + name + TEMP_MARK + pid + "-" + Long.toHexString(random) + ".tmp";
    }

    /** A new empty temp file, created with the default permissions (umask). */
    private static Path createTemp(Path dir, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(tempName(name, pid, ThreadLocalRandom.current().nextLong()));
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
            // the original failure matters more; a stray temp file is removed by the next write
        }
    }
}
