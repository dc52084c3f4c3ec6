package io.vectrade.cli;

import io.vectrade.testdata.Prerequisites;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * Runs the CLI ({@link Main}) in a child JVM as the unprivileged user nobody
 * ({@code setpriv --reuid=65534}), for the cases root cannot show (root may write a read-only
 * directory). The test classpath is linked (or copied) into a directory nobody can read; the
 * JVM's incubator warning is dropped from stderr, that exact line only, as {@code ./vectrade}
 * does. Where the tests run as root without setpriv or a JDK nobody can read, the case is skipped
 * with the reason (with CI=true it fails).
 */
final class AsNobody {
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    record Result(int exit, String stderr) {
    }

    private AsNobody() {
    }

    /** True when the tests run as root: such cases must run as nobody. */
    static boolean needed() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs {@code Main args} as nobody in {@code work} (made traversable by all). */
    static Result run(List<String> args, Path work) throws Exception {
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "setpriv (util-linux) is needed to run a case as nobody");
        Prerequisites.require(readableByAll(Path.of(System.getProperty("java.home"))),
                "the JDK is not readable by nobody");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cpDir = Files.createDirectory(work.resolve("cp"));
        List<String> cp = new ArrayList<>();
        int k = 0;
        for (Path entry : classpath()) {
            if (!Files.exists(entry)) {
                continue;
            }
            if (readableByAll(entry)) {
                cp.add(entry.toString());
            } else {
                Path to = cpDir.resolve((k++) + "-" + entry.getFileName());
                share(entry, to);
                cp.add(to.toString());
            }
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(Main.flags().trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx512m", "-cp", String.join(java.io.File.pathSeparator, cp), Main.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in 120 s");
        }
        StringBuilder kept = new StringBuilder();
        err.lines().filter(l -> !l.equals(INCUBATOR_WARNING)).forEach(l -> kept.append(l).append('\n'));
        return new Result(p.exitValue(), kept.toString());
    }

    /** The test JVM's classpath, surefire's manifest-only jar expanded. */
    private static List<Path> classpath() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath();
            if (p.getFileName().toString().startsWith("surefirebooter") && p.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    String attr = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String u : attr == null ? new String[0] : attr.trim().split("\\s+")) {
                        out.add(Path.of(p.toUri().resolve(URI.create(u))));
                    }
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** A hard link where the file system allows one, else a copy; directories copied, all readable by all. */
    private static void share(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            Files.createDirectories(to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (var s = Files.list(from)) {
                for (Path f : s.toList()) {
                    share(f, to.resolve(f.getFileName().toString()));
                }
            }
            return;
        }
        try {
            Files.createLink(to, from);
            if (!PosixFilePermissions.toString(Files.getPosixFilePermissions(to)).startsWith("r", 6)) {
                Files.delete(to);
                throw new IOException("not readable by all");
            }
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
        }
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
}
