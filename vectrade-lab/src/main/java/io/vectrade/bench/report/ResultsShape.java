package io.vectrade.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectrade.bench.Messages;

import java.util.Map;

/**
 * The fields of a results file that {@code compare} and the reports rely on, checked on the JSON
 * tree before binding, so that a missing field or a null is one message naming the field
 * ({@code measurements[3].unit: missing}) instead of a NullPointerException later. Stateless.
 */
final class ResultsShape {
    private ResultsShape() {
    }

    /** The first problem, naming the field, or null when the tree has every required field. */
    static String check(JsonNode root) {
        String p;
        if ((p = list(root, "types", true)) != null || (p = list(root, "notes", true)) != null
                || (p = list(root, "series", false)) != null || (p = list(root, "verdicts", false)) != null
                || (p = list(root, "measurements", false)) != null) {
            return p;
        }
        if ((p = text(root, "name", "", false)) != null || (p = text(root, "sink", "", true)) != null) {
            return p;
        }
        JsonNode machine = root.get("machine");
        if (machine == null || !machine.isObject()) {
            return "machine: " + (machine == null || machine.isNull() ? "missing" : "not an object");
        }
        if ((p = list(machine, "jvm_flags", true)) != null) {
            return "machine." + p;
        }
        JsonNode config = root.get("config");
        if (config != null && !config.isNull() && !config.isObject()) {
            return "config: not an object";
        }
        for (String f : new String[]{"series", "verdicts"}) {
            JsonNode a = root.get(f);
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isObject()) {
                    return f + "[" + i + "]: not an object";
                }
            }
        }
        JsonNode ms = root.get("measurements");
        for (int i = 0; i < ms.size(); i++) {
            String bad = measurement(ms.get(i));
            if (bad != null) {
                return "measurements[" + i + "]" + bad;
            }
        }
        return null;
    }

    private static String measurement(JsonNode m) {
        if (!m.isObject()) {
            return ": not an object";
        }
        String p;
        for (String f : new String[]{"key", "type", "workload", "backend", "subject", "unit"}) {
            if ((p = text(m, f, ".", false)) != null) {
                return p;
            }
        }
        if ((p = text(m, "error", ".", true)) != null) {
            return p;
        }
        JsonNode hib = m.get("higher_is_better");
        if (hib == null || !hib.isBoolean()) {
            return ".higher_is_better: " + (hib == null || hib.isNull() ? "missing" : "not true or false");
        }
        JsonNode samples = m.get("samples");
        if (samples == null || !samples.isArray()) {
            return ".samples: " + (samples == null || samples.isNull() ? "missing" : "not an array");
        }
        for (int i = 0; i < samples.size(); i++) {
            if (!samples.get(i).isNumber()) {
                return ".samples[" + i + "]: not a number";
            }
        }
        JsonNode cpu = m.get("cpu_samples");
        if (cpu != null && !cpu.isNull()) {
            if (!cpu.isArray() || (!cpu.isEmpty() && cpu.size() != samples.size())) {
                return ".cpu_samples: " + (cpu.isArray() ? "not as many as samples" : "not an array");
            }
            for (int i = 0; i < cpu.size(); i++) {
                if (!cpu.get(i).isNumber()) {
                    return ".cpu_samples[" + i + "]: not a number";
                }
            }
        }
        boolean failed = m.hasNonNull("error");
        JsonNode summary = m.get("summary");
        if (!failed && (summary == null || !summary.isObject())) {
            return ".summary: " + (summary == null || summary.isNull() ? "missing" : "not an object")
                    + " (required unless the cell has an error)";
        }
        if (!failed && samples.isEmpty()) {
            return ".samples: empty (required unless the cell has an error)";
        }
        JsonNode metrics = m.get("metrics");
        if (metrics != null && !metrics.isNull()) {
            if (!metrics.isObject()) {
                return ".metrics: not an object";
            }
            for (Map.Entry<String, JsonNode> e : metrics.properties()) {
                if (!e.getValue().isNumber()) {
                    return ".metrics." + Messages.clip(e.getKey()) + ": not a number";
                }
            }
        } else {
            return ".metrics: missing";
        }
        return null;
    }

    private static String list(JsonNode o, String field, boolean texts) {
        JsonNode a = o.get(field);
        if (a == null || a.isNull()) {
            return field + ": missing";
        }
        if (!a.isArray()) {
            return field + ": not an array";
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).isNull() || (texts && !a.get(i).isTextual())) {
                return field + "[" + i + "]: " + (a.get(i).isNull() ? "null" : "not a string");
            }
        }
        return null;
    }

    private static String text(JsonNode o, String field, String prefix, boolean nullable) {
        JsonNode t = o.get(field);
        if (t == null || t.isNull()) {
            return nullable ? null : prefix + field + ": missing";
        }
        return t.isTextual() ? null : prefix + field + ": not a string";
    }
}
