package io.vectrade.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The bad-input corpus ({@code src/test/resources/bad/cases.tsv}, files in {@code bad/files/}):
 * one test per case through the CLI. Each case must exit 2 with exactly one line on stderr,
 * {@code vectrade: ...}, containing the expected words (case-insensitive), within 60 s (a hang
 * fails), with no stack trace, and leave nothing behind: the case's output paths point into a
 * fresh {@code out/} directory that must not exist afterwards.
 *
 * <p>Case format, tab-separated: {@code id, expected text, status, arg, arg, ...}. Placeholders in
 * arguments: {@code @name} is {@code bad/files/name} (copied to a temp directory), {@code {out}} the
 * output directory (never created beforehand), {@code {fifo}} a named pipe, {@code {dir}} an
 * existing directory, {@code {big:N}} a path of a file of N MiB of zeros, {@code {ro}} a read-only
 * directory (as root, which may write one anyway, such a case runs the CLI in a child JVM as the
 * user nobody: {@link AsNobody}). Status {@code ok} runs the case; {@code known:REASON} is a case that still fails
 * because another issue owns the fix: it is reported as skipped with the reason (listed in
 * docs/reliability.md), never silently.
 */
class BadInputCorpusTest {
    private static Path files;

    record Case(String id, String expected, String status, List<String> args) {
        @Override
        public String toString() {
            return id;
        }
    }

    @BeforeAll
    static void copyFiles() throws IOException, URISyntaxException {
        files = Files.createTempDirectory("bad-corpus");
        Path src = Path.of(BadInputCorpusTest.class.getResource("/bad/files").toURI());
        try (Stream<Path> s = Files.list(src)) {
            for (Path p : s.toList()) {
                copy(p, files.resolve(p.getFileName().toString()));
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            Files.createDirectories(to);
            try (Stream<Path> s = Files.list(from)) {
                for (Path p : s.toList()) {
                    copy(p, to.resolve(p.getFileName().toString()));
                }
            }
        } else {
            Files.copy(from, to);
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad/cases.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(new Case(f[0], f[1], f[2], List.of(Arrays.copyOfRange(f, 3, f.length))));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedCleanly(Case c) throws Exception {
        Assumptions.assumeTrue(c.status().equals("ok"), () -> "still failing, " + c.status());
        Path work = Files.createTempDirectory("bad-case");
        Path out = work.resolve("out");
        List<String> args = new ArrayList<>();
        for (String a : c.args()) {
            args.add(expand(a, work, out));
        }
        int exit;
        String err;
        if (AsNobody.needed() && c.args().stream().anyMatch(a -> a.startsWith("{ro}"))) {
            // root may write a read-only directory: the CLI runs in a child JVM as nobody
            AsNobody.Result r = AsNobody.run(args, work);
            exit = r.exit();
            err = r.stderr();
        } else {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                var cl = VectradeCli.commandLine();
                cl.setOut(new PrintWriter(o, true));
                cl.setErr(new PrintWriter(e, true));
                return cl.execute(args.toArray(String[]::new));
            }, () -> c.id() + " hung");
            err = e.toString();
        }
        List<String> lines = err.lines().toList();
        assertThat(exit).as("%s: exit code; stderr: %s", c.id(), err).isEqualTo(2);
        assertThat(lines).as("%s: one line on stderr", c.id()).hasSize(1);
        assertThat(lines.getFirst()).as(c.id()).startsWith("vectrade: ").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("picocli");
        assertThat(lines.getFirst().length()).as("%s: message length", c.id()).isLessThanOrEqualTo(600);
        for (String w : c.expected().split("\\|")) {
            assertThat(lines.getFirst().toLowerCase(Locale.ROOT)).as(c.id()).contains(w.toLowerCase(Locale.ROOT));
        }
        assertThat(out).as("%s: nothing left behind", c.id()).doesNotExist();
        try (Stream<Path> s = Files.list(work)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jfr")).toList())
                    .as("%s: no .jfr left", c.id()).isEmpty();
        }
        delete(work);
    }

    private static String expand(String a, Path work, Path out) throws IOException, InterruptedException {
        if (a.startsWith("@")) {
            return files.resolve(a.substring(1)).toString();
        }
        if (a.contains("{out}")) {
            return a.replace("{out}", out.toString());
        }
        if (a.equals("{fifo}")) {
            Path fifo = work.resolve("pipe");
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assertThat(p.waitFor()).isZero();
            return fifo.toString();
        }
        if (a.equals("{dir}")) {
            Path d = Files.createDirectories(work.resolve("adir"));
            return d.toString();
        }
        if (a.startsWith("{ro}")) {
            Path d = Files.createDirectories(work.resolve("ro"));
            d.toFile().setWritable(false, false);
            return d + a.substring(4);
        }
        if (a.startsWith("{big:")) {
            int mib = Integer.parseInt(a.substring(5, a.length() - 1));
            Path f = work.resolve("big.bin");
            try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.allocate(1), (long) mib << 20); // sparse
            }
            return f.toString();
        }
        return a.replace("{dir}", work.toString());
    }

    private static void delete(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                x.toFile().setWritable(true);
                Files.deleteIfExists(x);
            }
        }
    }
}
