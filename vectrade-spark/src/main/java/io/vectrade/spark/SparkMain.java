package io.vectrade.spark;

import io.vectrade.backend.BackendUnavailableException;
import io.vectrade.data.DataFormatException;
import io.vectrade.model.ModelFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code ./vectrade spark <command>}: the pipeline on Spark ({@code run}) and a synthetic market written
 * as Parquet bars ({@code synthetic}). Started by the launcher with this module's own class path (Spark's
 * jars stay out of the lab). Bad input or options: one line on stderr, exit code 2, nothing written.
 */
@Command(name = "vectrade spark", mixinStandardHelpOptions = true,
        description = "The vectrade pipeline on Apache Spark (embedded local[*] by default; docs/spark.md for a cluster).",
        subcommands = {SparkRunCommand.class, SparkSyntheticCommand.class, SparkBenchCommand.class})
public final class SparkMain implements Runnable {
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new SparkMain());
        cl.setExecutionExceptionHandler(SparkMain::handle);
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("vectrade spark: " + e.getMessage());
            return EXIT_USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: run, synthetic or bench (--help)");
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        Throwable expected = expected(e);
        if (expected == null) {
            throw e;
        }
        cl.getErr().println("vectrade spark: " + expected.getMessage());
        return EXIT_USAGE;
    }

    /** The user-facing cause of a failure (bad input, bad option, missing file), however deep Spark wrapped it; or null. */
    static Throwable expected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UncheckedIOException u) {
                return u.getCause();
            }
            if (t instanceof DataFormatException || t instanceof IllegalArgumentException || t instanceof IOException
                    || t instanceof ModelFormatException || t instanceof BackendUnavailableException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
