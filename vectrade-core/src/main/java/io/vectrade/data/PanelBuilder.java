package io.vectrade.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the bars of several instruments, from one source or several (files of one panel), and
 * aligns them on the union of their timestamps ({@link UnionCalendar}). An instrument may come
 * from one source only: a second source with the same symbol is refused naming both. Not
 * thread-safe.
 */
public final class PanelBuilder {
    private final List<String> symbols = new ArrayList<>();
    private final List<BarSeriesBuilder> series = new ArrayList<>();
    private final Map<String, Integer> bySymbol = new HashMap<>();
    private final Map<String, String> sourceOf = new HashMap<>();

    /** An empty builder. */
    public PanelBuilder() {
    }

    /**
     * The series of {@code symbol} from {@code source}, created on first use.
     *
     * @throws IllegalArgumentException if another source already gave this symbol
     */
    public BarSeriesBuilder series(String symbol, String source) {
        Integer k = bySymbol.get(symbol);
        if (k != null) {
            String first = sourceOf.get(symbol);
            if (!first.equals(source)) {
                throw new IllegalArgumentException("symbol " + symbol + " comes from two sources, " + first + " and " + source
                        + "; give each instrument once (or --symbol to rename a single-instrument file)");
            }
            return series.get(k);
        }
        bySymbol.put(symbol, symbols.size());
        sourceOf.put(symbol, source);
        symbols.add(symbol);
        BarSeriesBuilder b = new BarSeriesBuilder();
        series.add(b);
        return b;
    }

    /** Index of a known symbol, or -1. */
    public int indexOf(String symbol) {
        Integer k = bySymbol.get(symbol);
        return k == null ? -1 : k;
    }

    /** The symbol at {@code k}, in order of first appearance. */
    public String symbol(int k) {
        return symbols.get(k);
    }

    /** The series at {@code k}. */
    public BarSeriesBuilder series(int k) {
        return series.get(k);
    }

    /** Instruments so far. */
    public int size() {
        return symbols.size();
    }

    /** Bars added over all instruments. */
    public long bars() {
        long n = 0;
        for (BarSeriesBuilder b : series) {
            n += b.size();
        }
        return n;
    }

    /** The panel: instruments in order of first appearance, on the union calendar. */
    public Panel build() {
        return UnionCalendar.align(symbols, series);
    }
}
