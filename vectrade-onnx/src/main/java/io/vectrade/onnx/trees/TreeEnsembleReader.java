package io.vectrade.onnx.trees;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the one {@code ai.onnx.ml TreeEnsembleRegressor} of an ONNX model file (the {@code ModelProto}
 * bytes) and compiles it ({@code TreeCompiler}). Only a graph made of that single node,
 * fed by the graph input and writing the graph output vectrade reads, is taken; anything else is
 * {@link Unsupported} with the reason (the caller then keeps ONNX Runtime). Stateless.
 */
public final class TreeEnsembleReader {
    /** What the fast path makes of a graph. */
    public sealed interface Result permits Supported, Unsupported {
    }

    /** The graph is a tree ensemble the fast path scores exactly. */
    public record Supported(TreeEnsemble ensemble) implements Result {
    }

    /**
     * The fast path does not take this graph; {@code reason} says why, in a few words.
     * {@code treeGraph}: the graph has a tree ensemble node (so a user may have expected the fast path).
     */
    public record Unsupported(String reason, boolean treeGraph) implements Result {
    }

    /** The attributes ONNX Runtime's TreeEnsembleRegressor reads (the rest: hitrates, are ignored by it too). */
    private static final Set<String> KNOWN = Set.of("aggregate_function", "base_values", "n_targets",
            "nodes_falsenodeids", "nodes_featureids", "nodes_hitrates", "nodes_missing_value_tracks_true", "nodes_modes",
            "nodes_nodeids", "nodes_treeids", "nodes_truenodeids", "nodes_values", "post_transform", "target_ids",
            "target_nodeids", "target_treeids", "target_weights");

    private TreeEnsembleReader() {
    }

    /**
     * @param model      the {@code .onnx} file's bytes (already opened by ONNX Runtime, so well-formed)
     * @param input      the graph input vectrade feeds
     * @param floatInput whether that input is float (the fast path takes float graphs only)
     * @param output     the graph output vectrade reads
     * @param features   the input width F
     */
    public static Result read(byte[] model, String input, boolean floatInput, String output, int features) {
        try {
            return parse(model, input, floatInput, output, features);
        } catch (IllegalArgumentException e) {
            return new Unsupported("cannot read the graph's attributes: " + e.getMessage(), true);
        }
    }

    private static Result parse(byte[] model, String input, boolean floatInput, String output, int features) {
        Protobuf m = new Protobuf(model);
        Protobuf graph = null;
        while (m.next()) {
            if (m.field() == 7 && m.wireType() == Protobuf.LENGTH) {   // ModelProto.graph
                graph = m.message();
            } else {
                m.skip();
            }
        }
        if (graph == null) {
            return new Unsupported("no graph", false);
        }
        List<Protobuf> nodes = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        int initializers = 0;
        while (graph.next()) {
            switch (graph.field()) {
                case 1 -> nodes.add(graph.message());                   // GraphProto.node
                case 5, 15 -> {                                         // initializer, sparse_initializer
                    initializers++;
                    graph.skip();
                }
                case 11 -> inputs.add(valueInfoName(graph.message()));  // GraphProto.input
                case 12 -> outputs.add(valueInfoName(graph.message())); // GraphProto.output
                default -> graph.skip();
            }
        }
        List<Node> parsed = new ArrayList<>();
        boolean trees = false;
        for (Protobuf p : nodes) {
            Node n = node(p);
            parsed.add(n);
            trees |= n.opType.startsWith("TreeEnsemble");
        }
        if (parsed.size() != 1) {
            return new Unsupported("the graph has " + parsed.size() + " nodes, the fast path takes one"
                    + " TreeEnsembleRegressor", trees);
        }
        Node node = parsed.get(0);
        if (!"TreeEnsembleRegressor".equals(node.opType) || !"ai.onnx.ml".equals(node.domain)) {
            return new Unsupported("the node is " + (node.domain.isEmpty() ? "" : node.domain + ".") + node.opType
                    + ", not ai.onnx.ml.TreeEnsembleRegressor", trees);
        }
        if (!floatInput) {
            return new Unsupported("double input (the fast path compares in float only)", true);
        }
        if (initializers != 0 || inputs.size() != 1 || !inputs.get(0).equals(input) || node.inputs.size() != 1
                || !node.inputs.get(0).equals(input) || node.outputs.size() != 1 || !node.outputs.get(0).equals(output)
                || !outputs.contains(output)) {
            return new Unsupported("the node is not wired graph input -> TreeEnsembleRegressor -> graph output", true);
        }
        for (String name : node.other) {
            return new Unsupported("attribute " + name + (name.endsWith("_as_tensor") ? " (double attributes)" : "")
                    + " is not handled", true);
        }
        for (String name : node.names) {
            if (!KNOWN.contains(name)) {
                return new Unsupported("attribute " + name + " is not handled", true);
            }
        }
        return TreeCompiler.compile(node.ints, node.floats, node.strings, features);
    }

    private static String valueInfoName(Protobuf v) {
        String name = "";
        while (v.next()) {
            if (v.field() == 1) {
                name = v.string();
            } else {
                v.skip();
            }
        }
        return name;
    }

    /** A NodeProto's fields the reader needs; attributes by name and kind. */
    private static final class Node {
        String opType = "";
        String domain = "";
        final List<String> inputs = new ArrayList<>();
        final List<String> outputs = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        /** Attributes of a kind the fast path does not read (tensors, graphs). */
        final List<String> other = new ArrayList<>();
        final Map<String, long[]> ints = new HashMap<>();
        final Map<String, float[]> floats = new HashMap<>();
        final Map<String, List<String>> strings = new HashMap<>();
    }

    private static Node node(Protobuf p) {
        Node n = new Node();
        while (p.next()) {
            switch (p.field()) {
                case 1 -> n.inputs.add(p.string());
                case 2 -> n.outputs.add(p.string());
                case 4 -> n.opType = p.string();
                case 5 -> attribute(p.message(), n);
                case 7 -> n.domain = p.string();
                default -> p.skip();
            }
        }
        return n;
    }

    /** One AttributeProto: scalars are stored as one-element arrays / lists under the attribute's name. */
    private static void attribute(Protobuf a, Node n) {
        String name = null;
        long[] ints = new long[8];
        int nInts = 0;
        float[] floats = new float[8];
        int nFloats = 0;
        List<String> strings = new ArrayList<>();
        boolean other = false;
        while (a.next()) {
            switch (a.field()) {
                case 1 -> name = a.string();
                case 2, 7 -> {                                   // f, floats (packed or not)
                    if (a.wireType() == Protobuf.LENGTH) {
                        Protobuf packed = a.message();
                        while (!packed.atEnd()) {
                            floats = grow(floats, nFloats);
                            floats[nFloats++] = Float.intBitsToFloat(packed.fixed32());
                        }
                    } else {
                        floats = grow(floats, nFloats);
                        floats[nFloats++] = Float.intBitsToFloat(a.fixed32());
                    }
                }
                case 3, 8 -> {                                   // i, ints (packed or not)
                    if (a.wireType() == Protobuf.LENGTH) {
                        Protobuf packed = a.message();
                        while (!packed.atEnd()) {
                            ints = grow(ints, nInts);
                            ints[nInts++] = packed.varint();
                        }
                    } else {
                        ints = grow(ints, nInts);
                        ints[nInts++] = a.varint();
                    }
                }
                case 4, 9 -> strings.add(a.string());            // s, strings
                case 5, 6, 10, 11, 22, 23 -> {                   // tensors, graphs, sparse tensors, type protos
                    other = true;
                    a.skip();
                }
                default -> a.skip();                             // type, doc_string, ref_attr_name
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("an attribute without a name");
        }
        n.names.add(name);
        if (other) {
            n.other.add(name);
        }
        if (nInts > 0) {
            n.ints.put(name, Arrays.copyOf(ints, nInts));
        }
        if (nFloats > 0) {
            n.floats.put(name, Arrays.copyOf(floats, nFloats));
        }
        if (!strings.isEmpty()) {
            n.strings.put(name, strings);
        }
    }

    private static long[] grow(long[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, 2 * a.length);
    }

    private static float[] grow(float[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, 2 * a.length);
    }
}
