package io.vectrade.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar started the way a user would, from another directory (runs after {@code package}). */
class JarLaunchIT {
    private static final Path JAR = Path.of("target/vectrade.jar").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    record Outcome(int exit, String out, String err) {
    }

    private static Outcome launch(Path cwd, List<String> flags, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.addAll(flags);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        Path out = cwd.resolve("out.txt");
        Path err = cwd.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = p.waitFor();
        return new Outcome(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void withoutFlagsItSaysInOneLineWhichFlagsItNeeds(@TempDir Path cwd) throws Exception {
        Outcome o = launch(cwd, List.of(), "info");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("--add-modules=jdk.incubator.vector").doesNotContain("Exception");
    }

    /** Bars that do not fit the heap: one line naming the heap, exit code 2, no stack trace, nothing written. */
    @Test
    void outOfMemoryIsOneLineAndNothingIsWritten(@TempDir Path cwd) throws Exception {
        Path csv = cwd.resolve("bars.csv");
        try (var w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("symbol,timestamp,open,high,low,close,volume\n");
            for (int i = 0; i < 400; i++) {
                for (int t = 0; t < 2_000; t++) {
                    w.write("S" + i + "," + (1_600_000_000L + t * 86_400L) + ",10,11,9,10.5,1000\n");
                }
            }
        }
        Outcome o = launch(cwd, List.of("-Xmx24m", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"),
                "run", "--data", "bars.csv", "--backend", "cpu", "--out", "sub/s.csv");
        assertThat(o.exit()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules"))).singleElement()
                .asString().startsWith("vectrade: out of memory (Java heap space, max heap ").contains("MiB)");
        assertThat(o.err()).doesNotContain("at io.vectrade");
        assertThat(cwd.resolve("sub")).doesNotExist();
    }

    /** The packaged class path (lib/) carries vectrade-onnx and ONNX Runtime: ServiceLoader finds the onnx type. */
    @Test
    void anOnnxModelRunsFromThePackagedJar(@TempDir Path cwd) throws Exception {
        Path model = io.vectrade.onnx.OnnxTestModels.copy("trees", cwd);
        Outcome o = launch(cwd, List.of("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"), "run",
                "--synthetic", "12x200", "--backend", "cpu", "--model", "onnx:" + model, "--out", "s.csv");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("onnx on 3 features: rsi(14),zscore(20),logret(5)");
        assertThat(cwd.resolve("s.csv")).isNotEmptyFile();
    }

    @Test
    void withTheFlagsInfoNamesTheBuildCommitFromAnyDirectory(@TempDir Path cwd) throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor()).isZero();
        Outcome o = launch(cwd, List.of("--add-modules=jdk.incubator.vector"), "info");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("build         commit " + head.substring(0, 12));
    }
}
