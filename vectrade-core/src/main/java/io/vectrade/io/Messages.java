package io.vectrade.io;

/**
 * Input quoted in a one-line error message: a bad value or a whole header can be thousands of
 * characters long (the fuzzers found several), and a message must stay one readable line.
 * Stateless; thread-safe.
 */
public final class Messages {
    private Messages() {
    }

    /**
     * {@code s} itself when at most {@code max} characters long, else its first {@code max}
     * characters followed by {@code "... (N more chars)"} (the wording of the lab's own message
     * clipping); null stays null.
     */
    public static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "... (" + (s.length() - max) + " more chars)";
    }
}
