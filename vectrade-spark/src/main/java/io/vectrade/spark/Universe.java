package io.vectrade.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

/**
 * The instruments (symbols in {@link String#compareTo} order; an instrument's id is its index) and the
 * union calendar (every distinct timestamp, epoch milliseconds, increasing) of a set of bars. Collected
 * to the driver once and broadcast: 8 bytes per distinct timestamp, one string per symbol.
 * Immutable; thread-safe.
 */
record Universe(String[] symbols, long[] calendarMillis) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Collects the symbols and timestamps of normalised bars ({@link BarInput#COLUMNS}) in one pass: each
     * task reduces its rows to its distinct symbols and timestamps, the driver merges them.
     */
    static Universe of(Dataset<Row> bars) {
        List<Partial> parts = Internals.rows(bars.select(col(BarInput.SYMBOL), col(BarInput.TIMESTAMP)))
                .mapPartitions(Universe::partial).collect();
        TreeSet<String> symbols = new TreeSet<>();
        long[] all = new long[0];
        for (Partial p : parts) {
            symbols.addAll(Arrays.asList(p.symbols()));
            all = merge(all, p.calendarMillis());
        }
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("no bars in the input");
        }
        return new Universe(symbols.toArray(String[]::new), all);
    }

    /** The distinct symbols and timestamps of one partition. */
    record Partial(String[] symbols, long[] calendarMillis) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private static Iterator<Partial> partial(Iterator<InternalRow> rows) {
        Set<UTF8String> symbols = new HashSet<>();
        UTF8String last = null;
        long[] ts = new long[1024];
        int n = 0;
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            if (r.isNullAt(0)) {
                throw new IllegalArgumentException("a bar has no symbol (field symbol is empty)");
            }
            UTF8String s = r.getUTF8String(0);
            if (!s.equals(last)) {
                last = s.clone();
                symbols.add(last);
            }
            if (n == ts.length) {
                long[] d = sortedDistinct(ts, n);
                n = d.length;
                ts = Arrays.copyOf(d, Math.max(1024, n * 2));
            }
            ts[n++] = r.getLong(1);
        }
        long[] cal = sortedDistinct(ts, n);
        String[] names = symbols.stream().map(UTF8String::toString).toArray(String[]::new);
        return List.of(new Partial(names, cal)).iterator();
    }

    private static long[] sortedDistinct(long[] a, int n) {
        long[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        int k = 0;
        for (int j = 0; j < n; j++) {
            if (k == 0 || s[j] != s[k - 1]) {
                s[k++] = s[j];
            }
        }
        return Arrays.copyOf(s, k);
    }

    private static long[] merge(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length) {
            long v = j == b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
            if (k == 0 || out[k - 1] != v) {
                out[k++] = v;
            }
        }
        return Arrays.copyOf(out, k);
    }

    int instruments() {
        return symbols.length;
    }

    int bars() {
        return calendarMillis.length;
    }

    long cells() {
        return (long) instruments() * bars();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Universe u && Arrays.equals(symbols, u.symbols) && Arrays.equals(calendarMillis, u.calendarMillis);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(symbols) + Arrays.hashCode(calendarMillis);
    }

    @Override
    public String toString() {
        return "Universe[instruments=" + instruments() + ", bars=" + bars() + "]";
    }
}
