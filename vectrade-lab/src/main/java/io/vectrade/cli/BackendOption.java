package io.vectrade.cli;

import io.vectrade.backend.Backend;
import picocli.CommandLine.Option;

/** {@code --backend cpu|simd|cuda|auto}, the same default in every command that runs one backend. */
final class BackendOption {
    @Option(names = "--backend", defaultValue = "auto", paramLabel = "cpu|simd|cuda|auto",
            description = "Where it computes (default: ${DEFAULT-VALUE}: cuda when a GPU is usable, else simd).")
    String backend;

    /** The backend asked for (auto not yet resolved). */
    Backend get() {
        return Backend.parse(backend);
    }
}
