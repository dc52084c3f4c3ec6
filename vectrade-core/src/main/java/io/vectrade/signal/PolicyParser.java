package io.vectrade.signal;

import io.vectrade.io.Messages;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Parsing of stage text ({@code name(key=value,...)}) and number formatting; see {@link SignalChain#parse}. */
final class PolicyParser {
    static final String HELP = "threshold(long,exit,short,cover,size), rank(top,bottom | quantile), "
            + "voltarget(target,periods), caps(max,gross,net)";

    private PolicyParser() {
    }

    /** Shortest text of a number; infinities as {@code inf} / {@code none}-free {@code -inf}. */
    static String num(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static List<SignalPolicy> parseChain(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty signal policy; valid stages: " + HELP);
        }
        List<SignalPolicy> out = new ArrayList<>();
        int offset = 0;
        for (String part : text.split("\\|", -1)) {
            checkShape(part, offset, text);
            out.add(parseStage(part.strip(), text.strip()));
            offset += part.length() + 1;
        }
        return out;
    }

    /**
     * Refuses a stage that the key=value parsing would not consume entirely: a name with blanks
     * inside, an unclosed or stray parenthesis, text after the closing one. Positions are 1-based
     * in the whole policy text.
     */
    private static void checkShape(String part, int offset, String whole) {
        int open = -1;
        int close = -1;
        for (int k = 0; k < part.length(); k++) {
            char c = part.charAt(k);
            if (c == '(') {
                if (open >= 0) {
                    throw positioned("unexpected '(' (one parameter list per stage)", offset + k, whole);
                }
                open = k;
            } else if (c == ')') {
                if (open < 0 || close >= 0) {
                    throw positioned("unexpected ')' without a matching '('", offset + k, whole);
                }
                close = k;
            } else if (close >= 0 && !Character.isWhitespace(c)) {
                throw positioned("unexpected text '" + part.substring(k).strip() + "' after the stage's ')'", offset + k, whole);
            }
        }
        if (open >= 0 && close < 0) {
            throw positioned("unclosed '('", offset + open, whole);
        }
        String name = (open < 0 ? part : part.substring(0, open)).strip();
        for (int k = 0; k < name.length(); k++) {
            if (!Character.isLetter(name.charAt(k))) {
                throw positioned("unexpected '" + name.charAt(k) + "' in the stage name '" + name + "'",
                        offset + part.indexOf(name) + k, whole);
            }
        }
    }

    private static IllegalArgumentException positioned(String problem, int index, String whole) {
        return new IllegalArgumentException(Messages.cut(problem, 300) + " at position " + (index + 1)
                + " of signal policy '" + Messages.cut(whole, 200)
                + "'; valid stages: " + HELP);
    }

    private static SignalPolicy parseStage(String s, String whole) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty stage in signal policy, policy=" + Messages.cut(whole, 200));
        }
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open)).strip().toLowerCase(Locale.ROOT);
        if (!Set.of("threshold", "rank", "voltarget", "caps").contains(name)) {
            throw new IllegalArgumentException("unknown signal stage, stage=" + Messages.cut(name, 80) + "; valid stages: " + HELP);
        }
        Map<String, Double> p = new LinkedHashMap<>();
        if (open >= 0) {
            if (!s.endsWith(")")) {
                throw new IllegalArgumentException("missing ')' in signal stage, stage=" + Messages.cut(s, 80));
            }
            String inner = s.substring(open + 1, s.length() - 1).strip();
            if (!inner.isEmpty()) {
                for (String kv : inner.split(",", -1)) {
                    int eq = kv.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("signal parameter must be key=value, stage=" + Messages.cut(s, 80) + " parameter='"
                                + Messages.cut(kv.strip(), 80) + "'");
                    }
                    String key = kv.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    String value = kv.substring(eq + 1).strip();
                    if (p.put(key, value(name, key, value)) != null) {
                        throw new IllegalArgumentException("duplicate signal parameter, stage=" + Messages.cut(s, 80)
                                + " parameter=" + Messages.cut(key, 40));
                    }
                }
            }
        }
        return switch (name) {
            case "threshold" -> {
                allow(name, p, Set.of("long", "exit", "short", "cover", "size"));
                yield new ThresholdPolicy(p.getOrDefault("long", 0.55), p.getOrDefault("exit", 0.5),
                        p.getOrDefault("short", 0.45), p.getOrDefault("cover", 0.5), p.getOrDefault("size", 1.0));
            }
            case "rank" -> {
                allow(name, p, Set.of("top", "bottom", "quantile"));
                if (p.containsKey("quantile")) {
                    if (p.containsKey("top") || p.containsKey("bottom")) {
                        throw new IllegalArgumentException("rank takes either top/bottom or quantile, stage=" + Messages.cut(s, 80));
                    }
                    yield new RankPolicy(0, 0, p.get("quantile"));
                }
                if (p.isEmpty()) {
                    yield new RankPolicy(0, 0, 0.1);
                }
                yield new RankPolicy(count(name, "top", p), count(name, "bottom", p), Double.NaN);
            }
            case "voltarget" -> {
                allow(name, p, Set.of("target", "periods"));
                yield new VolTargetPolicy(p.getOrDefault("target", 0.1), p.getOrDefault("periods", 252.0));
            }
            case "caps" -> {
                allow(name, p, Set.of("max", "gross", "net"));
                double inf = Double.POSITIVE_INFINITY;
                yield new CapsPolicy(p.getOrDefault("max", inf), p.getOrDefault("gross", inf), p.getOrDefault("net", inf));
            }
            default -> throw new IllegalArgumentException("unknown signal stage, stage=" + Messages.cut(name, 80) + "; valid stages: " + HELP);
        };
    }

    private static double value(String stage, String key, String v) {
        String k = v.toLowerCase(Locale.ROOT);
        if (k.equals("inf") || k.equals("+inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (k.equals("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (k.equals("none")) {
            // "no threshold": shorts off for threshold, no cap for caps
            return key.equals("short") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("signal parameter is not a number, stage=" + stage
                    + " parameter=" + Messages.cut(key, 40)
                    + " value='" + Messages.cut(v, 64) + "'");
        }
    }

    private static void allow(String stage, Map<String, Double> p, Set<String> keys) {
        for (String k : p.keySet()) {
            if (!keys.contains(k)) {
                throw new IllegalArgumentException("unknown signal parameter, stage=" + stage
                        + " parameter=" + Messages.cut(k, 40)
                        + "; valid: " + keys.stream().sorted().toList());
            }
        }
    }

    private static int count(String stage, String key, Map<String, Double> p) {
        double v = p.getOrDefault(key, 0.0);
        if (v != Math.rint(v) || v < 0 || v > 1_000_000) {
            throw new IllegalArgumentException("signal parameter must be a whole number >= 0, stage=" + stage
                    + " parameter=" + Messages.cut(key, 40) + " value=" + num(v));
        }
        return (int) v;
    }
}
