package io.vectrade.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs a command so that a failed run leaves nothing behind at its {@code --out}: before the run it
 * notes the topmost part of the {@code --out} path that does not exist yet; when the run fails
 * (exit code 2 or an exception) and that part exists now, the run created it, and it is deleted
 * with everything in it. An {@link OutOfMemoryError} (data too large for the heap) becomes one line
 * on stderr and exit code 2, not a stack trace. An existing file or directory is never touched. Not thread-safe (one
 * command line at a time).
 */
final class OutputCleanup implements CommandLine.IExecutionStrategy {
    private final CommandLine.IExecutionStrategy inner = new CommandLine.RunLast();

    @Override
    public int execute(CommandLine.ParseResult parseResult) {
        Path created = firstMissing(parseResult);
        boolean ok = false;
        try {
            int code = inner.execute(parseResult);
            ok = code != VectradeCli.EXIT_USAGE;
            return code;
        } catch (OutOfMemoryError e) {
            // the data does not fit the heap (-Xmx): one line, exit code 2, nothing written (no stack trace)
            parseResult.commandSpec().commandLine().getErr().println(outOfMemory(e));
            return VectradeCli.EXIT_USAGE;
        } finally {
            if (!ok && created != null) {
                deleteTree(created);
            }
        }
    }

    /** The one line for an {@link OutOfMemoryError}: what ran out, the heap's limit and what to do. */
    static String outOfMemory(OutOfMemoryError e) {
        return "vectrade: out of memory (" + e.getMessage() + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB): the data does not fit this JVM's heap; give it more (VECTRADE_JVM_OPTS=-Xmx...) or run the"
                + " pipeline on Spark (./vectrade spark run, docs/spark.md)";
    }

    private static Path firstMissing(CommandLine.ParseResult pr) {
        CommandLine.ParseResult last = pr;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        OptionSpec out = last.commandSpec().findOption("--out");
        Object v = out == null ? null : out.getValue();
        if (!(v instanceof Path p)) {
            return null;
        }
        Path abs = p.toAbsolutePath().normalize();
        if (Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path top = abs;
        while (top.getParent() != null && !Files.exists(top.getParent())) {
            top = top.getParent();
        }
        return top;
    }

    private static void deleteTree(Path top) {
        if (!Files.exists(top, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(top)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the failure being reported matters more than the cleanup
        }
    }
}
