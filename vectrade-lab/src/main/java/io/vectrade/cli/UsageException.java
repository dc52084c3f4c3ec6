package io.vectrade.cli;

/** A user error (bad option combination, unusable backend …): one line on stderr, exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
