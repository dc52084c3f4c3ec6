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
            cl.getErr().println("vectrade: " + oneLine(message(t), t));
            return VectradeCli.EXIT_USAGE;
        }
        throw e;
    }

    /**
     * A command-line usage error (unknown option, bad option value, missing parameter): one line
     * naming the problem and where the help is, exit code 2 (picocli's default prints the whole
     * usage text).
     */
    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName(" ");
        cl.getErr().println("vectrade: " + oneLine(e.getMessage(), e) + " (see '" + name + " --help')");
        return VectradeCli.EXIT_USAGE;
    }

    /**
     * The message of {@code t}; a file-system exception without a reason (its message is only the
     * path) gets the reason its type stands for.
     */
    static String message(Throwable t) {
        if (t instanceof java.nio.file.FileSystemException f && f.getReason() == null) {
            String why = switch (f) {
                case java.nio.file.NoSuchFileException x -> "no such file or directory";
                case java.nio.file.AccessDeniedException x -> "permission denied";
                case java.nio.file.FileAlreadyExistsException x -> "already exists";
                case java.nio.file.NotDirectoryException x -> "not a directory";
                case java.nio.file.DirectoryNotEmptyException x -> "directory not empty";
                default -> f.getClass().getSimpleName();
            };
            return why + ", file=" + f.getFile() + (f.getOtherFile() == null ? "" : " (to " + f.getOtherFile() + ")");
        }
        return t.getMessage();
    }

    /** Longest message printed. */
    static final int MAX_MESSAGE_CHARS = 500;

    /** {@code message} on one line and at most {@link #MAX_MESSAGE_CHARS} long. */
    static String oneLine(String message, Throwable t) {
        String m = message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
        m = m.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
        return m.length() <= MAX_MESSAGE_CHARS ? m
                : m.substring(0, MAX_MESSAGE_CHARS) + "... (" + (m.length() - MAX_MESSAGE_CHARS) + " more chars)";
    }
}
