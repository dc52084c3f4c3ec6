package io.vectrade.feature;

import io.vectrade.io.Messages;

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
        if (type == FeatureType.MACD && params[0] >= params[1]) {
            // TA-Lib swaps them silently: macd(26,12,9) would be macd(12,26,9) under another name
            throw new IllegalArgumentException("macd(" + format(params[0]) + "," + format(params[1]) + ","
                    + format(params[2]) + "): parameter fast must be less than slow, fast=" + format(params[0])
                    + " slow=" + format(params[1]));
        }
    }

    /** The spec with default parameters, e.g. {@code rsi(14)}. */
    public static FeatureSpec defaults(FeatureType type) {
        return new FeatureSpec(type, type.defaults());
    }

    /**
     * Parses one spec: {@code name}, {@code name()}, {@code name(p1,p2,...)} or with named
     * parameters {@code name(length=14)} (positional ones first, then named ones, as in Python);
     * missing parameters take their defaults. The whole text must be one spec: trailing text or
     * unbalanced parentheses are refused with their position.
     *
     * @throws IllegalArgumentException naming the problem (and its 1-based position)
     */
    public static FeatureSpec parse(String text) {
        SpecScanner sc = new SpecScanner(text);
        FeatureSpec spec = sc.spec();
        sc.end();
        return spec;
    }

    /**
     * Parses a comma-separated list such as {@code rsi(14),momentum(10),volatility}. Every
     * character is consumed: an unclosed or stray parenthesis, a missing comma or an empty item is
     * refused with its 1-based position, never skipped.
     */
    public static List<FeatureSpec> parseList(String text) {
        SpecScanner sc = new SpecScanner(text);
        List<FeatureSpec> out = new ArrayList<>();
        if (sc.atEnd()) {
            throw new IllegalArgumentException("no features given; valid specs: " + validSpecs());
        }
        out.add(sc.spec());
        while (!sc.atEnd()) {
            sc.expect(',', "',' between features");
            out.add(sc.spec());
        }
        return out;
    }

    /** A cursor over spec text; positions in messages are 1-based. */
    private static final class SpecScanner {
        private final String text;
        private int pos;

        SpecScanner(String text) {
            this.text = text;
            skipBlanks();
        }

        boolean atEnd() {
            skipBlanks();
            return pos >= text.length();
        }

        void end() {
            if (!atEnd()) {
                throw error("unexpected text '" + text.substring(pos) + "' after the feature spec");
            }
        }

        private void skipBlanks() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(Messages.cut(problem, 300) + " at position " + (pos + 1)
                    + " of feature list '" + Messages.cut(text, 200) + "'");
        }

        void expect(char c, String what) {
            skipBlanks();
            if (pos >= text.length()) {
                throw error("expected " + what + ", found the end");
            }
            if (text.charAt(pos) != c) {
                throw error("expected " + what + ", found '" + text.charAt(pos) + "'");
            }
            pos++;
        }

        private String identifier() {
            skipBlanks();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return text.substring(start, pos);
        }

        FeatureSpec spec() {
            skipBlanks();
            int at = pos;
            String name = identifier().toLowerCase(java.util.Locale.ROOT);
            if (name.isEmpty()) {
                throw error(pos < text.length() ? "expected a feature name, found '" + text.charAt(pos) + "'"
                        : "expected a feature name, found the end");
            }
            FeatureType type = FeatureType.byName(name);
            if (type == null) {
                pos = at;
                IllegalArgumentException e = error("unknown feature '" + name + "'");
                throw new IllegalArgumentException(e.getMessage() + "; valid specs: " + validSpecs());
            }
            double[] params = type.defaults();
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == '(') {
                int openAt = pos;
                pos++;
                arguments(type, params, openAt);
            }
            return new FeatureSpec(type, params);
        }

        private void arguments(FeatureType type, double[] params, int openAt) {
            List<String> names = type.paramNames();
            boolean[] given = new boolean[params.length];
            int positional = 0;
            boolean namedSeen = false;
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == ')') {
                pos++;
                return;
            }
            while (true) {
                skipBlanks();
                int argAt = pos;
                int k;
                int save = pos;
                String key = identifier();
                skipBlanks();
                if (!key.isEmpty() && pos < text.length() && text.charAt(pos) == '=' && !Character.isDigit(key.charAt(0))) {
                    pos++;
                    k = names.indexOf(canonicalParam(names, key.toLowerCase(java.util.Locale.ROOT)));
                    if (k < 0) {
                        pos = argAt;
                        throw error(type.specName() + " has no parameter '" + key + "'; its parameters: "
                                + (names.isEmpty() ? "none" : String.join(", ", names)));
                    }
                    namedSeen = true;
                } else {
                    pos = save;
                    if (namedSeen) {
                        throw error("positional parameter after a named one in " + type.specName());
                    }
                    k = positional++;
                    if (k >= params.length) {
                        throw error(type.specName() + " takes at most " + params.length + " parameters " + names);
                    }
                }
                if (given[k]) {
                    pos = argAt;
                    throw error("parameter " + names.get(k) + " of " + type.specName() + " given twice");
                }
                given[k] = true;
                params[k] = number(type, names.get(k));
                skipBlanks();
                if (pos >= text.length()) {
                    pos = openAt;
                    throw error("unclosed '(' of " + type.specName());
                }
                char c = text.charAt(pos);
                if (c == ')') {
                    pos++;
                    return;
                }
                if (c != ',') {
                    throw error("expected ',' or ')' in " + type.specName() + ", found '" + c + "'");
                }
                pos++;
            }
        }

        /** {@code length}, {@code period}, {@code timeperiod} and {@code window} name the window {@code n}. */
        private static String canonicalParam(List<String> names, String key) {
            boolean window = key.equals("length") || key.equals("period") || key.equals("timeperiod") || key.equals("window");
            return window && names.contains("n") ? "n" : key;
        }

        private double number(FeatureType type, String param) {
            skipBlanks();
            int start = pos;
            while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String v = text.substring(start, pos);
            try {
                if (v.isEmpty()) {
                    throw new NumberFormatException();
                }
                // -0 is 0: the canonical name writes both as 0, so they must be one spec
                return Double.parseDouble(v) + 0.0;
            } catch (NumberFormatException e) {
                int end = pos;
                while (end < text.length() && ",)".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                pos = start;
                throw error("parameter " + param + " of " + type.specName() + " is not a number, value='"
                        + Messages.cut(text.substring(start, end).strip(), 64) + "'");
            }
        }
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
