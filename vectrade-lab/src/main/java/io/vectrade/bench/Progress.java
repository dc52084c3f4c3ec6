package io.vectrade.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress bar on stderr: a redrawn {@code [#####.....] 42% label} line on a terminal, plain
 * lines (at most one per 5% or per 10 s, plus the first and last) when stderr is not a terminal,
 * nothing when disabled. Thread-safe enough for one measuring thread (the only caller).
 */
public final class Progress {
    private java.util.function.Consumer<String> listener;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean terminal;
    private final boolean enabled;
    private int total;
    private int done;
    private int lastPercentPrinted = -100;
    private long lastPrintNanos;

    /**
     * @param err      where to draw
     * @param terminal true to redraw one line with carriage returns
     * @param enabled  false to print nothing
     */
    public Progress(PrintStream err, boolean terminal, boolean enabled) {
        this.err = err;
        this.terminal = terminal;
        this.enabled = enabled;
    }

    /** Progress for the process's stderr: a bar on a terminal, plain lines otherwise. */
    public static Progress stderr(boolean enabled) {
        java.io.Console c = System.console();
        return new Progress(System.err, c != null && c.isTerminal(), enabled);
    }

    /** A progress that prints nothing. */
    public static Progress silent() {
        return new Progress(System.err, false, false);
    }

    /** Sets the number of steps expected. */
    public void start(int totalSteps) {
        this.total = Math.max(1, totalSteps);
        this.done = 0;
    }

    /**
     * Also passes every step's label to {@code listener} (e.g. NVTX ranges named after the steps);
     * returns this.
     */
    public Progress onStep(java.util.function.Consumer<String> listener) {
        this.listener = listener;
        return this;
    }

    /** Reports that the step {@code label} is about to run. */
    public void step(String label) {
        if (listener != null) {
            listener.accept(label);
        }
        draw(label);
        done = Math.min(total, done + 1);
    }

    /** Ends the bar. */
    public void finish(String label) {
        done = total;
        draw(label);
        if (enabled && terminal) {
            err.println();
        }
        err.flush();
    }

    private void draw(String label) {
        if (!enabled) {
            return;
        }
        int pct = (int) (100L * done / total);
        if (terminal) {
            int fill = WIDTH * done / total;
            String bar = "#".repeat(fill) + ".".repeat(WIDTH - fill);
            String text = String.format(Locale.ROOT, "[%s] %3d%% %s", bar, pct, label);
            err.print("\r" + pad(text, 110));
            err.flush();
            return;
        }
        long now = System.nanoTime();
        if (done == 0 || done == total || pct - lastPercentPrinted >= 5 || now - lastPrintNanos > 10_000_000_000L) {
            err.printf(Locale.ROOT, "bench %3d%% (%d/%d) %s%n", pct, done, total, label);
            lastPercentPrinted = pct;
            lastPrintNanos = now;
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s.substring(0, width) : s + " ".repeat(width - s.length());
    }
}
