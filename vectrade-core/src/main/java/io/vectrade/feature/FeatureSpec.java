package io.vectrade.feature;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed, validated feature spec such as {@code rsi(14)} or {@code bbands(20,2)}.
 *
 * <p>{@link #canonical()} writes every parameter in its shortest form and is the column name;
 * a feature with several outputs names them {@code canonical + "." + part}.
 *
 * @param type   the feature
 * @param params all parameters, defaults filled in
 */
public record FeatureSpec(FeatureType type, double[] params) {
    public FeatureSpec {
        params = params.clone();
        if (params.length != type.paramNames().size()) {
            throw new IllegalArgumentException(type.specName() + " takes " + type.paramNames().size()
                    + " parameters " + type.paramNames() + ", got " + params.length);
        }
        for (int k = 0; k < params.length; k++) {
            double v = params[k];
            String name = type.specName() + " parameter " + type.paramNames().get(k);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " must be finite, value=" + v);
            }
            if (type.integerParam(k) && v != Math.rint(v)) {
                throw new IllegalArgumentException(name + " must be a whole number, value=" + format(v));
            }
            if (v < type.minParam(k) || v > 100_000) {
                throw new IllegalArgumentException(name + " must be in [" + format(type.minParam(k))
                        + ", 100000], value=" + format(v));
            }
        }
    }

    /** The spec with default parameters, e.g. {@code rsi(14)}. */
    public static FeatureSpec defaults(FeatureType type) {
        return new FeatureSpec(type, type.defaults());
    }

    /**
     * Parses one spec: {@code name}, {@code name()} or {@code name(p1,p2,...)}; missing trailing
     * parameters take their defaults.
     *
     * @throws IllegalArgumentException naming the problem and listing the valid specs
     */
    public static FeatureSpec parse(String text) {
        String s = text.strip();
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open)).strip().toLowerCase(java.util.Locale.ROOT);
        FeatureType type = FeatureType.byName(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown feature, spec=" + text.strip() + "; valid specs: " + validSpecs());
        }
        double[] params = type.defaults();
        if (open >= 0) {
            if (!s.endsWith(")")) {
                throw new IllegalArgumentException("missing ')' in feature spec, spec=" + s);
            }
            String inner = s.substring(open + 1, s.length() - 1).strip();
            if (!inner.isEmpty()) {
                String[] parts = inner.split(",", -1);
                if (parts.length > params.length) {
                    throw new IllegalArgumentException(type.specName() + " takes at most " + params.length
                            + " parameters " + type.paramNames() + ", spec=" + s);
                }
                for (int k = 0; k < parts.length; k++) {
                    try {
                        params[k] = Double.parseDouble(parts[k].strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("parameter " + type.paramNames().get(k)
                                + " of " + type.specName() + " is not a number, value='" + parts[k].strip() + "'");
                    }
                }
            }
        }
        return new FeatureSpec(type, params);
    }

    /** Parses a comma-separated list such as {@code rsi(14),momentum(10),volatility}. */
    public static List<FeatureSpec> parseList(String text) {
        List<FeatureSpec> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int k = 0; k <= text.length(); k++) {
            char c = k < text.length() ? text.charAt(k) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String one = text.substring(start, k).strip();
                if (!one.isEmpty()) {
                    out.add(parse(one));
                }
                start = k + 1;
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no features given; valid specs: " + validSpecs());
        }
        return out;
    }

    /** Every feature with its default parameters, e.g. {@code rsi(14), momentum(10), ...}. */
    public static String validSpecs() {
        return Arrays.stream(FeatureType.values())
                .map(t -> t.specName() + (t.paramNames().isEmpty() ? "" : "(" + String.join(",", t.paramNames()) + ")"))
                .collect(Collectors.joining(", "));
    }

    /** Integer parameter {@code k}. */
    public int intParam(int k) {
        return (int) params[k];
    }

    /** Parameter {@code k}. */
    public double param(int k) {
        return params[k];
    }

    @Override
    public double[] params() {
        return params.clone();
    }

    /** Leading NaN bars of this feature over an instrument's own bars. */
    public int lookback() {
        return type.lookback(params);
    }

    /** The canonical spec, e.g. {@code bbands(20,2)} or {@code obv}. */
    public String canonical() {
        if (params.length == 0) {
            return type.specName();
        }
        return type.specName() + Arrays.stream(params).mapToObj(FeatureSpec::format)
                .collect(Collectors.joining(",", "(", ")"));
    }

    /** Output column names: {@code [canonical]} or {@code canonical.part} for each part. */
    public List<String> columnNames() {
        String c = canonical();
        if (type.parts().isEmpty()) {
            return List.of(c);
        }
        return type.parts().stream().map(p -> c + "." + p).toList();
    }

    static String format(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSpec f && f.type == type && Arrays.equals(f.params, params);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(params);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
