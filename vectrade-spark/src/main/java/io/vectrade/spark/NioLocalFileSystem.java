package io.vectrade.spark;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's local file system ({@code file:}, with its {@code .crc} checksum files) that sets permissions
 * through {@code java.nio} instead of starting a {@code chmod} process. Without Hadoop's native library
 * (which vectrade does not ship), {@link RawLocalFileSystem#setPermission} forks {@code chmod} once for
 * every directory and file it creates: three processes per output file of Spark's Parquet writer (its
 * directory, the file and its checksum), 7,560 forks for one panel-daily frame partitioned by date, and
 * most of that write's time (docs/spark.md). Same permissions (the nine rwx bits; a sticky, setuid or
 * setgid bit, a file system without POSIX permissions or a loaded native library take Hadoop's own path).
 * Registered for {@code file:} by {@link LocalSessions} ({@code spark.hadoop.fs.file.impl}). Thread-safe
 * as Hadoop's is.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** The raw local file system with {@link #setPermission} through {@link Files#setPosixFilePermissions}. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            short mode = permission.toShort();
            if (NativeIO.isAvailable() || (mode & ~0777) != 0) {
                super.setPermission(p, permission);
                return;
            }
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(mode));
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }
    }

    private static final PosixFilePermission[] BY_BIT = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    /** The nine permission bits of {@code mode} ({@code 0640} → owner rw, group r). */
    static Set<PosixFilePermission> posix(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (1 << bit)) != 0) {
                s.add(BY_BIT[bit]);
            }
        }
        return s;
    }
}
