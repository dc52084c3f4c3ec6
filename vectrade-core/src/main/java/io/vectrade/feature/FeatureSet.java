package io.vectrade.feature;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An ordered, duplicate-free list of feature specs and the column layout of their outputs.
 * Column {@code c} of a {@link FeatureTable} for this set is {@link #columnNames()}{@code .get(c)};
 * spec {@code s} owns columns {@code [firstColumn(s), firstColumn(s) + spec.type().outputs())}.
 * Immutable and thread-safe.
 */
public final class FeatureSet {
    private final List<FeatureSpec> specs;
    private final List<String> columnNames;
    private final int[] firstColumn;

    private FeatureSet(List<FeatureSpec> specs) {
        this.specs = List.copyOf(new LinkedHashSet<>(specs));
        List<String> names = new ArrayList<>();
        this.firstColumn = new int[this.specs.size()];
        for (int s = 0; s < this.specs.size(); s++) {
            firstColumn[s] = names.size();
            names.addAll(this.specs.get(s).columnNames());
        }
        this.columnNames = List.copyOf(names);
    }

    public static FeatureSet of(List<FeatureSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("a feature set needs at least one feature");
        }
        return new FeatureSet(specs);
    }

    public static FeatureSet of(FeatureSpec... specs) {
        return of(List.of(specs));
    }

    /** Parses {@code "rsi(14),momentum(10),volatility(20)"}; see {@link FeatureSpec#parseList}. */
    public static FeatureSet parse(String text) {
        return of(FeatureSpec.parseList(text));
    }

    /** Every standard feature with its default parameters. */
    public static FeatureSet standard() {
        List<FeatureSpec> all = new ArrayList<>();
        for (FeatureType t : FeatureType.values()) {
            all.add(FeatureSpec.defaults(t));
        }
        return of(all);
    }

    public List<FeatureSpec> specs() {
        return specs;
    }

    public int size() {
        return specs.size();
    }

    public FeatureSpec spec(int s) {
        return specs.get(s);
    }

    /** Index of the first output column of spec {@code s}. */
    public int firstColumn(int s) {
        return firstColumn[s];
    }

    public List<String> columnNames() {
        return columnNames;
    }

    public int columns() {
        return columnNames.size();
    }

    /** Index of a column by name, or -1. */
    public int columnIndex(String name) {
        return columnNames.indexOf(name);
    }

    /** The largest lookback of the set. */
    public int maxLookback() {
        int m = 0;
        for (FeatureSpec s : specs) {
            m = Math.max(m, s.lookback());
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSet f && f.specs.equals(specs);
    }

    @Override
    public int hashCode() {
        return specs.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", columnNames);
    }
}
