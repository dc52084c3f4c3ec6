package io.vectrade.signal;

import java.util.Arrays;

/**
 * Target positions for T bars × N instruments, in two forms that always describe the same cells:
 * <ul>
 *   <li><b>sparse</b>: per bar {@code t}, its {@link #nonFlat(int) non-flat} cells as entries
 *       {@code [entryStart(t), entryStart(t) + nonFlat(t))} of {@link #entryInstruments()},
 *       {@link #entrySides()}, {@link #entryStrengths()} and {@link #entryWeights()}, in ascending instrument
 *       order. The fused simd chain ({@link BarwiseChain}) writes this form only: about a fifth of the
 *       cells with the default policy, and nothing is cleared per bar;</li>
 *   <li><b>dense</b>: time-major ({@code r = t * N + i}) primitive columns {@link #side()} ({@link #LONG},
 *       {@link #SHORT}, {@link #FLAT}), {@link #strength()} (conviction in [0, 1]) and {@link #weight()}
 *       (signed target weight, a fraction of capital; 0 when flat). The reference policies
 *       ({@link SignalChain}) and the cuda backend write this form.</li>
 * </ul>
 * Each form is made from the other on demand, bar by bar, only where it is stale: the dense arrays are
 * allocated (17 bytes a cell) and filled on the first call to {@link #side()}, {@link #strength()} or
 * {@link #weight()} after a sparse write; the sparse entries of a bar are rebuilt from its dense row on the
 * first sparse read after a dense write. The dense accessors hand out the live arrays, which the caller may
 * write (so every bar then counts as written densely); they stay valid until the next sparse write (the next
 * run of the fused chain): fetch them again after it. The one-cell getters ({@link #side(int, int)} ...) read
 * whichever form is current and change nothing.
 *
 * <p>Allocate once and refill: arrays are live and reused; the sparse storage grows (on
 * {@link #reserveEntries}) to the most entries a bar needs and then allocates nothing. Not thread-safe while
 * being written, except that writers of disjoint bar ranges of the sparse form may run at the same time once
 * {@link #reserveEntries} has returned on each of them.
 */
public final class SignalFrame {
    public static final byte LONG = 1;
    public static final byte SHORT = -1;
    public static final byte FLAT = 0;

    /** Bar state: the dense row and the sparse entries agree. */
    private static final byte BOTH = 0;
    /** Bar state: the sparse entries are current, the dense row is stale. */
    private static final byte SPARSE = 1;
    /** Bar state: the dense row is current, the sparse entries are stale. */
    private static final byte DENSE = 2;

    private final int bars;
    private final int instruments;
    private byte[] side;
    private double[] strength;
    private double[] weight;
    /**
     * True when every bar's form is {@link #DENSE}, so the dense accessors return at once (callers may fetch
     * the arrays per cell). Cleared by every sparse write (the same value from any writer thread) and sparse
     * rebuild.
     */
    private boolean allDense;
    /** Per bar: {@link #BOTH}, {@link #SPARSE} or {@link #DENSE}. */
    private final byte[] form;
    /** Per bar: its number of sparse entries (when its form is not {@link #DENSE}). */
    private final int[] count;
    /** Entries per bar the sparse storage holds (bar t's entries start at {@code t * perBar}). */
    private int perBar;
    private int[] entryInstrument = new int[0];
    private byte[] entrySide = new byte[0];
    private double[] entryStrength = new double[0];
    private double[] entryWeight = new double[0];

    private SignalFrame(int bars, int instruments) {
        this.bars = bars;
        this.instruments = instruments;
        this.form = new byte[bars];
        this.count = new int[bars];
    }

    /** A flat frame for {@code bars × instruments} (no dense arrays yet: they are made on first use). */
    public static SignalFrame allocate(int bars, int instruments) {
        if (bars < 0 || instruments <= 0 || (long) bars * instruments > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad frame shape, bars=" + bars + " instruments=" + instruments);
        }
        return new SignalFrame(bars, instruments);
    }

    public int bars() {
        return bars;
    }

    public int instruments() {
        return instruments;
    }

    /** Side per cell (live array; every bar counts as written densely afterwards). */
    public byte[] side() {
        dense();
        return side;
    }

    /** Strength per cell in [0, 1] (live array; every bar counts as written densely afterwards). */
    public double[] strength() {
        dense();
        return strength;
    }

    /** Signed target weight per cell (live array; every bar counts as written densely afterwards). */
    public double[] weight() {
        dense();
        return weight;
    }

    /** Side of instrument {@code i} at bar {@code t}, from whichever form is current (changes nothing). */
    public byte side(int t, int i) {
        int e = find(t, i);
        return e == NOT_SPARSE ? side[t * instruments + i] : e < 0 ? FLAT : entrySide[e];
    }

    /** Strength of instrument {@code i} at bar {@code t} (changes nothing). */
    public double strength(int t, int i) {
        int e = find(t, i);
        return e == NOT_SPARSE ? strength[t * instruments + i] : e < 0 ? 0.0 : entryStrength[e];
    }

    /** Weight of instrument {@code i} at bar {@code t} (changes nothing). */
    public double weight(int t, int i) {
        int e = find(t, i);
        return e == NOT_SPARSE ? weight[t * instruments + i] : e < 0 ? 0.0 : entryWeight[e];
    }

    private static final int NOT_SPARSE = Integer.MIN_VALUE;

    /** The entry of (t, i) when bar t's sparse form is current (-1 when the cell is flat), else NOT_SPARSE. */
    private int find(int t, int i) {
        if (t < 0 || t >= bars || i < 0 || i >= instruments) {
            throw new IndexOutOfBoundsException("no such cell, t=" + t + " i=" + i + " bars=" + bars
                    + " instruments=" + instruments);
        }
        if (form[t] == DENSE) {
            return NOT_SPARSE;
        }
        int base = t * perBar;
        int e = Arrays.binarySearch(entryInstrument, base, base + count[t], i);
        return e >= 0 ? e : -1;
    }

    /**
     * The non-flat cells of bar {@code t}: the number of its entries. Brings the bar's entries up to date
     * first (from its dense row, when that was written last).
     */
    public int nonFlat(int t) {
        sparse(t);
        return count[t];
    }

    /** Where bar {@code t}'s entries start in the entry arrays (brings them up to date, as {@link #nonFlat}). */
    public int entryStart(int t) {
        sparse(t);
        return t * perBar;
    }

    /**
     * Instrument index per entry, ascending within a bar (live array). Fetch the entry arrays after the
     * {@link #nonFlat} calls that bring the bars read up to date: doing so may grow the storage.
     */
    public int[] entryInstruments() {
        return entryInstrument;
    }

    /** Side per entry, never {@link #FLAT} (live array). */
    public byte[] entrySides() {
        return entrySide;
    }

    /** Strength per entry (live array). */
    public double[] entryStrengths() {
        return entryStrength;
    }

    /** Weight per entry (live array). */
    public double[] entryWeights() {
        return entryWeight;
    }

    /** Non-flat cells of bars {@code [fromBar, toBar)} (brings their entries up to date). */
    public long nonFlat(int fromBar, int toBar) {
        long total = 0;
        for (int t = fromBar; t < toBar; t++) {
            total += nonFlat(t);
        }
        return total;
    }

    /**
     * Makes room for {@code entries} sparse entries per bar (at most the number of instruments), keeping the
     * entries already there. Call before writing bars from several threads: a call that grows the storage must
     * not overlap another writer. Allocation-free when the room is already there.
     */
    public synchronized void reserveEntries(int entries) {
        int want = Math.min(Math.max(entries, 0), instruments);
        if (want <= perBar) {
            return;
        }
        int[] ins = new int[bars * want];
        byte[] sd = new byte[bars * want];
        double[] st = new double[bars * want];
        double[] w = new double[bars * want];
        for (int t = 0; t < bars; t++) {
            if (form[t] != DENSE && count[t] > 0) {
                System.arraycopy(entryInstrument, t * perBar, ins, t * want, count[t]);
                System.arraycopy(entrySide, t * perBar, sd, t * want, count[t]);
                System.arraycopy(entryStrength, t * perBar, st, t * want, count[t]);
                System.arraycopy(entryWeight, t * perBar, w, t * want, count[t]);
            }
        }
        entryInstrument = ins;
        entrySide = sd;
        entryStrength = st;
        entryWeight = w;
        perBar = want;
    }

    /** Entries per bar the sparse storage holds now. */
    synchronized int entriesPerBar() {
        return perBar;
    }

    /**
     * Sets bar {@code t}'s sparse form to the {@code c} entries written at {@code [t * entriesPerBar, +c)}
     * (package use: the fused chain). Its dense row is stale from now on.
     */
    void sparseWritten(int t, int c) {
        count[t] = c;
        form[t] = SPARSE;
        allDense = false;
    }

    /** Makes the dense arrays current for every bar; afterwards every bar counts as written densely. */
    private void dense() {
        if (allDense) {
            return;
        }
        if (side == null) {
            int cells = bars * instruments;
            side = new byte[cells];
            strength = new double[cells];
            weight = new double[cells];
            for (int t = 0; t < bars; t++) {
                if (form[t] == BOTH) {
                    count[t] = 0; // flat: the new arrays are already that
                }
            }
        }
        for (int t = 0; t < bars; t++) {
            if (form[t] == SPARSE) {
                int row = t * instruments;
                Arrays.fill(side, row, row + instruments, FLAT);
                Arrays.fill(strength, row, row + instruments, 0.0);
                Arrays.fill(weight, row, row + instruments, 0.0);
                for (int e = t * perBar, end = e + count[t]; e < end; e++) {
                    int r = row + entryInstrument[e];
                    side[r] = entrySide[e];
                    strength[r] = entryStrength[e];
                    weight[r] = entryWeight[e];
                }
            }
            form[t] = DENSE;
        }
        allDense = true;
    }

    /** Rebuilds bar t's entries from its dense row when that row was written last. */
    private void sparse(int t) {
        if (t < 0 || t >= bars) {
            throw new IndexOutOfBoundsException("no such bar, t=" + t + " bars=" + bars);
        }
        if (form[t] != DENSE) {
            return;
        }
        int row = t * instruments;
        int c = 0;
        for (int i = 0; i < instruments; i++) {
            if (side[row + i] != FLAT) {
                c++;
            }
        }
        if (c > perBar) {
            reserveEntries(Math.max(c, Math.min(instruments, 2 * perBar)));
        }
        int e = t * perBar;
        for (int i = 0; i < instruments; i++) {
            int r = row + i;
            if (side[r] != FLAT) {
                entryInstrument[e] = i;
                entrySide[e] = side[r];
                entryStrength[e] = strength[r];
                entryWeight[e] = weight[r];
                e++;
            }
        }
        count[t] = c;
        form[t] = BOTH;
        allDense = false;
    }

    /** Sets one cell flat (side 0, strength 0, weight 0) in the dense arrays (package use: dense writers). */
    void flat(int r) {
        side[r] = FLAT;
        strength[r] = 0;
        weight[r] = 0;
    }
}
