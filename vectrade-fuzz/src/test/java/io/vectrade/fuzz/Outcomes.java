package io.vectrade.fuzz;

/** What every fuzz target asserts of a documented exception: a message, one line, of bounded length. */
final class Outcomes {
    /** Longest message a refusal may print (the CLI's one line). */
    static final int MAX_MESSAGE_CHARS = 1_000;

    private Outcomes() {
    }

    static void checkMessage(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            throw new AssertionError("refusal without a message", e);
        }
        if (m.length() > MAX_MESSAGE_CHARS) {
            throw new AssertionError("message of " + m.length() + " chars: " + m.substring(0, 200) + "...", e);
        }
    }
}
