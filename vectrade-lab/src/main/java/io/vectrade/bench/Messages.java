package io.vectrade.bench;

/** Keeps values echoed in error messages short: a 10,000-character value is not repeated whole. */
public final class Messages {
    /** Longest value echoed in a message. */
    public static final int MAX_VALUE_CHARS = 120;

    private Messages() {
    }

    /**
     * {@code s} on one line, cut to {@link #MAX_VALUE_CHARS} with the number of characters left out.
     */
    public static String clip(String s) {
        if (s == null) {
            return "null";
        }
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= MAX_VALUE_CHARS ? one
                : one.substring(0, MAX_VALUE_CHARS) + "... (" + (one.length() - MAX_VALUE_CHARS) + " more chars)";
    }
}
