package io.vectrade.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vectrade} command line. Exit codes: 0 success, 1 a target missed or a regression
 * (bench / compare), 2 bad usage, config or input.
 */
@Command(name = "vectrade",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GPU-accelerated trading signal engine for the JVM with a built-in performance lab.",
        subcommands = {
                InfoCommand.class,
                FeaturesCommand.class,
                BenchCommand.class,
                CompareCommand.class,
                HistoryCommand.class,
                RunCommand.class,
                LiveCommand.class,
                TrainCommand.class,
                BacktestCommand.class,
                WalkforwardCommand.class,
                ProfileCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class VectradeCli implements Runnable {
    /** Exit code for bad usage, config or input. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with vectrade's error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VectradeCli());
        cl.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler(Errors::usage);
        cl.setExecutionStrategy(new OutputCleanup());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
