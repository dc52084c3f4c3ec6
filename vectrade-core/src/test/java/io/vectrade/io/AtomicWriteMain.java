package io.vectrade.io;

import java.io.IOException;
import java.nio.file.Path;

/** Writes {@code args[1]} to {@code args[0]} with {@link AtomicFiles}: run as another user by {@link AtomicFilesUnprivilegedTest}. */
public final class AtomicWriteMain {
    private AtomicWriteMain() {
    }

    public static void main(String[] args) throws IOException {
        AtomicFiles.writeString(Path.of(args[0]), args[1]);
    }
}
