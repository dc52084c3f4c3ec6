package io.vectrade.cli;

import io.vectrade.io.AtomicFiles;
import io.vectrade.io.IoConsumer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a command writes its result and in which format: {@code --out FILE} in the format its
 * extension names ({@code .csv}, {@code .jsonl}, {@code .parquet}; any other is refused naming
 * the supported ones; a device or FIFO such as {@code /dev/stdout} without one gets CSV), or {@code --out -} to stdout (CSV unless {@code --out-format} says
 * otherwise; the command's log then goes to stderr; Parquet only when stdout is not a terminal: it
 * is binary, and a pipe or redirect is where it is useful). Files are written through
 * {@link AtomicFiles} (never renaming over a device, FIFO or link); stdout is written as a
 * stream, and a reader that stops early ({@code | head}) ends the write quietly.
 *
 * @param path   the file, or {@code -}
 * @param format the format
 */
record OutputTarget(Path path, Format format) {
    /** The written formats. */
    enum Format {
        CSV, JSONL, PARQUET;

        String extension() {
            return "." + name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The target of {@code --out} and {@code --out-format}, among {@code supported}.
     *
     * @throws UsageException for an unknown extension or format, naming the supported ones
     */
    static OutputTarget of(Path out, String outFormat, Set<Format> supported) {
        if (java.nio.file.Files.isDirectory(out)) {
            throw new UsageException("--out is a directory, out=" + out + "; give a file (.csv, .jsonl, .parquet) or -");
        }
        String list = supported.stream().map(Format::extension).collect(Collectors.joining(", "));
        Format format;
        if (outFormat != null) {
            try {
                format = Format.valueOf(outFormat.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("unknown --out-format, format=" + outFormat + "; supported: "
                        + list.replace(".", ""));
            }
            if (!isStdout(out) && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(format.extension())) {
                throw new UsageException("--out-format " + outFormat.strip() + " does not match --out " + out
                        + "; give the file the extension " + format.extension() + " (or leave --out-format out)");
            }
        } else if (isStdout(out)) {
            format = Format.CSV;
        } else {
            String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
            format = null;
            for (Format f : supported) {
                if (name.endsWith(f.extension())) {
                    format = f;
                }
            }
            if (format == null && isStreamQuietly(out)) {
                format = Format.CSV;
            }
            if (format == null) {
                throw new UsageException("unknown output format, out=" + out + "; the extension names it: " + list
                        + " (or --out - for stdout)");
            }
        }
        if (!supported.contains(format)) {
            throw new UsageException("this command writes " + list + ", not " + format.extension());
        }
        if (format == Format.PARQUET && isStdout(out) && stdoutIsTerminal.getAsBoolean()) {
            throw new UsageException("--out - --out-format parquet writes binary Parquet to stdout, which is a terminal;"
                    + " redirect it (> x.parquet, | aws s3 cp - ...) or give --out x.parquet");
        }
        return new OutputTarget(out, format);
    }

    /**
     * Whether stdout is a terminal (where binary Parquet is refused); a pipe or a file is not. Tests
     * replace it.
     */
    static java.util.function.BooleanSupplier stdoutIsTerminal = () -> System.console() != null && System.console().isTerminal();

    /** Every format. */
    static Set<Format> all() {
        return EnumSet.allOf(Format.class);
    }

    private static boolean isStreamQuietly(Path out) {
        try {
            return AtomicFiles.isStream(out);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the command's log should go to stderr: the result goes to stdout, a device or a pipe. */
    boolean logToStderr() {
        return stdout() || isStreamQuietly(path);
    }

    private static boolean isStdout(Path out) {
        return out.toString().equals("-");
    }

    /** Whether the result goes to stdout. */
    boolean stdout() {
        return isStdout(path);
    }

    /** Writes the bytes {@code body} produces to the target. */
    void write(IoConsumer<? super OutputStream> body) throws IOException {
        if (!stdout()) {
            AtomicFiles.writeBytes(path, body);
            return;
        }
        PrintStream sys = System.out;
        ReaderAware out = new ReaderAware(sys);
        try {
            body.accept(out);
            out.flush();
        } catch (ReaderGone gone) {
            // the reader closed the pipe (| head): what it wanted it has
        } catch (java.io.UncheckedIOException e) {
            if (!(e.getCause() instanceof ReaderGone)) {
                throw e;
            }
        }
    }

    /** Writes text (UTF-8) to the target. */
    void writeText(IoConsumer<? super java.io.Writer> body) throws IOException {
        write(o -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(o, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
            body.accept(w);
            w.flush();
        });
    }

    /** A reader that stopped reading stdout. */
    private static final class ReaderGone extends IOException {
        private static final long serialVersionUID = 1L;

        ReaderGone() {
            super("stdout closed by its reader");
        }
    }

    /** Stdout that notices (at each flush of 64 KiB) when its reader has gone, instead of writing into the void. */
    private static final class ReaderAware extends FilterOutputStream {
        private final PrintStream target;
        private int sinceCheck;

        ReaderAware(PrintStream target) {
            super(target);
            this.target = target;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            sinceCheck += len;
            if (sinceCheck >= 1 << 16) {
                sinceCheck = 0;
                check();
            }
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
            check();
        }

        private void check() throws ReaderGone {
            if (target.checkError()) {
                throw new ReaderGone();
            }
        }

        @Override
        public void close() {
            // stdout stays open
        }
    }
}
