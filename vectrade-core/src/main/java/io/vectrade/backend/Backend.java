package io.vectrade.backend;

import java.util.Locale;

/**
 * Where a run computes. The backend is a choice of the run, never a fork of the pipeline's code.
 */
public enum Backend {
    /** Plain Java, double precision, one thread per call: the reference. */
    CPU,
    /** jdk.incubator.vector across instruments, plus all cores. */
    SIMD,
    /** An NVIDIA GPU through the CUDA driver API. */
    CUDA,
    /** cuda when a usable GPU is present, else simd. */
    AUTO;

    /** Parses {@code cpu|simd|cuda|auto}, case-insensitive. */
    public static Backend parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown backend, backend=" + s + "; valid: cpu, simd, cuda, auto");
        }
    }

    /** The lower-case name used on the command line and in results. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
