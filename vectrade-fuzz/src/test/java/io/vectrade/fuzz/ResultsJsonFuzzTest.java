package io.vectrade.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vectrade.bench.RunResult;
import io.vectrade.bench.compare.Comparison;
import io.vectrade.bench.report.ResultsJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code compare}'s reader, {@link ResultsJson#parse}: results that {@link Comparison#of} can
 * compare (with themselves and with the unmutated file), or an {@link IllegalArgumentException}.
 *
 * <p>Structure-aware: Jackson's parser is a jar Jazzer does not instrument, so raw text mutated
 * at random rarely got past it (23 edges in 4 minutes). Most inputs therefore start from a real
 * raw-results file (the lab's golden {@code golden_raw.json}, written by {@link ResultsJson#write})
 * and apply up to 8 edits chosen by the fuzzer: a field removed, set to null, to another type, to
 * an extreme number or a fuzzed string; an array emptied or an element duplicated; a field added.
 * The first input byte picks this or the raw mode (the remaining bytes parsed as they are), so the
 * raw seed files still replay.
 */
class ResultsJsonFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] GOLDEN = golden();
    private static final RunResult GOLDEN_RESULT = ResultsJson.parse(GOLDEN, "golden_raw.json");

    private static byte[] golden() {
        try (InputStream in = ResultsJsonFuzzTest.class.getResourceAsStream("results-golden_raw.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void parse(FuzzedDataProvider data) throws IOException {
        byte[] bytes;
        if (data.remainingBytes() > 0 && data.consumeByte() < 0) {
            bytes = data.consumeRemainingAsBytes(); // raw mode
        } else {
            JsonNode root = MAPPER.readTree(GOLDEN);
            int edits = data.consumeInt(1, 8);
            for (int k = 0; k < edits && data.remainingBytes() > 0; k++) {
                edit(root, data);
            }
            bytes = MAPPER.writeValueAsBytes(root);
        }
        RunResult r;
        try {
            r = ResultsJson.parse(bytes, "fuzz_raw.json");
        } catch (IllegalArgumentException expected) {
            Outcomes.checkMessage(expected);
            return;
        }
        Comparison.of(r, r, 0.02, 100, 1);
        Comparison.of(GOLDEN_RESULT, r, 0.02, 100, 1);
        Comparison.of(r, GOLDEN_RESULT, 0.02, 100, 1);
    }

    /** One edit at a node the fuzzer walks to from the root. */
    private static void edit(JsonNode root, FuzzedDataProvider data) {
        JsonNode parent = root;
        JsonNode node = root;
        String field = null;
        int index = -1;
        int depth = data.consumeInt(0, 5);
        for (int d = 0; d < depth && node.isContainerNode() && node.size() > 0; d++) {
            parent = node;
            if (node.isObject()) {
                List<String> names = new ArrayList<>();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    names.add(e.getKey());
                }
                field = data.pickValue(names);
                index = -1;
                node = node.get(field);
            } else {
                index = data.consumeInt(0, node.size() - 1);
                field = null;
                node = node.get(index);
            }
        }
        if (parent == node) {
            return; // the root itself: only its fields are edited
        }
        int op = data.consumeInt(0, 9);
        switch (op) {
            case 0 -> remove(parent, field, index);
            case 1 -> set(parent, field, index, NODES.nullNode());
            case 2 -> set(parent, field, index, NODES.textNode(data.consumeString(40)));
            case 3 -> set(parent, field, index, NODES.numberNode(data.pickValue(EXTREMES)));
            case 4 -> set(parent, field, index, NODES.numberNode(data.consumeLong()));
            case 5 -> set(parent, field, index, NODES.booleanNode(data.consumeBoolean()));
            case 6 -> set(parent, field, index, NODES.arrayNode());
            case 7 -> set(parent, field, index, NODES.objectNode());
            case 8 -> {
                if (node instanceof ArrayNode a && !a.isEmpty()) {
                    a.add(a.get(data.consumeInt(0, a.size() - 1)).deepCopy());
                } else if (node instanceof ObjectNode o) {
                    o.put(data.consumeString(20), data.consumeDouble());
                }
            }
            default -> {
                if (node instanceof ArrayNode a) {
                    a.removeAll();
                } else if (node instanceof ObjectNode o && !o.isEmpty()) {
                    o.remove(o.properties().iterator().next().getKey());
                } else {
                    set(parent, field, index, NODES.numberNode(data.consumeDouble()));
                }
            }
        }
    }

    private static final Double[] EXTREMES = {0.0, -0.0, -1.0, 1e-300, 1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.MIN_VALUE, 0.5, 2.0};

    private static void remove(JsonNode parent, String field, int index) {
        if (parent instanceof ObjectNode o) {
            o.remove(field);
        } else if (parent instanceof ArrayNode a) {
            a.remove(index);
        }
    }

    private static void set(JsonNode parent, String field, int index, JsonNode value) {
        if (parent instanceof ObjectNode o) {
            o.set(field, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(index, value);
        }
    }
}
