package io.vectrade.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NioLocalFileSystem} sets the permissions Hadoop's own local file system sets by forking
 * {@code chmod} (the reference: the same modes through {@link RawLocalFileSystem}, read back from the
 * file system), and Spark sessions of {@link LocalSessions} write through it.
 */
class NioLocalFileSystemTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void setsThePermissionsChmodSets(long seed) throws IOException {
        Random random = new Random(seed);
        RawLocalFileSystem chmod = new RawLocalFileSystem();
        NioLocalFileSystem.Raw nio = new NioLocalFileSystem.Raw();
        Configuration conf = new Configuration(false);
        chmod.initialize(URI.create("file:///"), conf);
        nio.initialize(URI.create("file:///"), conf);
        for (int k = 0; k < 12; k++) {
            int mode = 0400 | random.nextInt(01000);  // owner-readable, so the test can clean up
            Path a = Files.createFile(dir.resolve("chmod-" + seed + "-" + k));
            Path b = Files.createFile(dir.resolve("nio-" + seed + "-" + k));
            chmod.setPermission(new org.apache.hadoop.fs.Path(a.toUri()), new FsPermission((short) mode));
            nio.setPermission(new org.apache.hadoop.fs.Path(b.toUri()), new FsPermission((short) mode));
            Set<PosixFilePermission> expected = Files.getPosixFilePermissions(a);
            assertThat(Files.getPosixFilePermissions(b)).as("mode %o", mode).isEqualTo(expected);
        }
    }

    @Test
    void modeBitsMapToPosixPermissions() {
        assertThat(NioLocalFileSystem.posix(0640)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ);
        assertThat(NioLocalFileSystem.posix(0001)).containsExactly(PosixFilePermission.OTHERS_EXECUTE);
        assertThat(NioLocalFileSystem.posix(0)).isEmpty();
    }

    @Test
    void createsDirectoriesAndFilesWithHadoopsDefaultModes() throws IOException {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        try (FileSystem fs = FileSystem.get(URI.create("file:///"), conf)) {
            assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("a/b/part-0").toUri());
            try (OutputStream out = fs.create(file)) {
                out.write(42);
            }
            assertThat(Files.readAllBytes(dir.resolve("a/b/part-0"))).containsExactly(42);
            assertThat(dir.resolve("a/b/.part-0.crc")).exists();
            assertThat(Files.getPosixFilePermissions(dir.resolve("a/b/part-0")))
                    .isEqualTo(NioLocalFileSystem.posix(FsPermission.getFileDefault().applyUMask(FsPermission.getUMask(conf)).toShort()));
        }
    }
}
