package io.vectrade.cli;

import io.vectrade.backend.BackendUnavailableException;
import io.vectrade.data.DataFormatException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns expected failures (bad input, bad parameters, missing files, a backend that cannot run
 * here) into one clear line on
 * stderr and exit code 2; anything else is a bug and keeps its stack trace.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) throws Exception {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof DataFormatException || t instanceof IllegalArgumentException
                || t instanceof IOException || t instanceof UsageException || t instanceof BackendUnavailableException) {
            cl.getErr().println("vectrade: " + t.getMessage());
            return VectradeCli.EXIT_USAGE;
        }
        throw e;
    }
}
