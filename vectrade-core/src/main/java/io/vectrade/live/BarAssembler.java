package io.vectrade.live;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles long-form bar records, in any instrument order within a bar, into ticks for a fixed set
 * of instruments: a tick closes when a record's timestamp is later than the open bar's, or on
 * {@link #flush()}. An instrument without a record in the tick has a NaN bar (no bar, as the live
 * engine takes it).
 *
 * <pre>
 * BarAssembler a = new BarAssembler(List.of("AAA", "BBB"), (ts, o, h, l, c, v) -> live.onTick(o, h, l, c, v));
 * a.accept("AAA", t0, ...); a.accept("BBB", t0, ...);   // nothing yet
 * a.accept("AAA", t1, ...);                               // tick t0 goes out, t1 opens
 * a.flush();                                              // tick t1 goes out
 * </pre>
 *
 * <p>The listener gets the assembler's own arrays, valid until it returns. Not thread-safe.
 */
public final class BarAssembler {
    /** Receives each closed tick: one bar per instrument (NaN close = no bar). */
    @FunctionalInterface
    public interface Listener {
        void onTick(long timestampMillis, double[] open, double[] high, double[] low, double[] close, double[] volume)
                throws java.io.IOException;
    }

    private final List<String> symbols;
    private final Map<String, Integer> index;
    private final Listener listener;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final boolean[] seen;
    private long timestamp;
    private boolean pending;
    private long ticks;

    /**
     * @throws IllegalArgumentException for no symbols or a symbol given twice
     */
    public BarAssembler(List<String> symbols, Listener listener) {
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("no instruments, symbols=[]");
        }
        this.symbols = List.copyOf(symbols);
        this.index = new HashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            if (index.put(symbols.get(i), i) != null) {
                throw new IllegalArgumentException("symbol given twice, symbol=" + symbols.get(i));
            }
        }
        this.listener = listener;
        int n = symbols.size();
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        seen = new boolean[n];
        clear();
    }

    /** The instruments, in tick order. */
    public List<String> symbols() {
        return symbols;
    }

    /** Index of {@code symbol}, or -1 when it is not one of the instruments. */
    public int indexOf(String symbol) {
        Integer i = index.get(symbol);
        return i == null ? -1 : i;
    }

    /**
     * Adds one record; first closes the open tick when {@code timestampMillis} is later than its.
     *
     * @return true when a tick was closed (and given to the listener) before this record was added
     * @throws IllegalArgumentException for an unknown symbol, a timestamp earlier than the open
     *                                  bar's, or a second record of an instrument in the same bar
     */
    public boolean accept(String symbol, long timestampMillis, double o, double h, double l, double c, double v)
            throws java.io.IOException {
        Integer at = index.get(symbol);
        if (at == null) {
            throw new IllegalArgumentException("unknown symbol, symbol=" + symbol + " (the instruments are fixed when the"
                    + " engine starts)");
        }
        boolean closed = false;
        if (pending && timestampMillis > timestamp) {
            flush();
            closed = true;
        } else if (pending && timestampMillis < timestamp) {
            throw new IllegalArgumentException("timestamp goes back, timestamp=" + timestampMillis + " open bar="
                    + timestamp);
        }
        int i = at;
        if (seen[i]) {
            throw new IllegalArgumentException("second record for the same bar, symbol=" + symbol + " timestamp="
                    + timestampMillis);
        }
        seen[i] = true;
        open[i] = o;
        high[i] = h;
        low[i] = l;
        close[i] = c;
        volume[i] = v;
        timestamp = timestampMillis;
        pending = true;
        return closed;
    }

    /** Closes the open tick, if any, and gives it to the listener; returns whether there was one. */
    public boolean flush() throws java.io.IOException {
        if (!pending) {
            return false;
        }
        pending = false;
        ticks++;
        try {
            listener.onTick(timestamp, open, high, low, close, volume);
        } finally {
            clear();
        }
        return true;
    }

    /** Timestamp of the open (or last) bar, epoch milliseconds. */
    public long timestampMillis() {
        return timestamp;
    }

    /** Whether a bar is open (records accepted since the last tick closed). */
    public boolean pending() {
        return pending;
    }

    /** Ticks closed so far. */
    public long ticks() {
        return ticks;
    }

    private void clear() {
        Arrays.fill(open, Double.NaN);
        Arrays.fill(high, Double.NaN);
        Arrays.fill(low, Double.NaN);
        Arrays.fill(close, Double.NaN);
        Arrays.fill(volume, Double.NaN);
        Arrays.fill(seen, false);
    }
}
