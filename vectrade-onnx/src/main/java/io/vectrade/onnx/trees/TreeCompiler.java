package io.vectrade.onnx.trees;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.vectrade.onnx.trees.TreeEnsemble.GT;
import static io.vectrade.onnx.trees.TreeEnsemble.GTE;
import static io.vectrade.onnx.trees.TreeEnsemble.LEAF;
import static io.vectrade.onnx.trees.TreeEnsemble.LEQ;
import static io.vectrade.onnx.trees.TreeEnsemble.LT;

/**
 * Turns a TreeEnsembleRegressor's attributes into a {@link TreeEnsemble} the way ONNX Runtime 1.23
 * builds its trees (roots, leaf values, modes), or says why the fast path does not take them.
 * Stateless.
 */
final class TreeCompiler {
    private TreeCompiler() {
    }


    /**
     * Compiles a TreeEnsembleRegressor's attributes (as {@link TreeEnsembleReader} read them) for
     * input width {@code features}; {@link TreeEnsembleReader.Unsupported} for anything the fast path
     * does not reproduce exactly.
     */
    static TreeEnsembleReader.Result compile(Map<String, long[]> ints, Map<String, float[]> floats,
                                             Map<String, List<String>> strings, int features) {
        long nTargets = scalar(ints, "n_targets", 0);
        if (nTargets != 1) {
            return unsupported("n_targets=" + nTargets + " (the fast path takes one target)");
        }
        String aggregate = text(strings, "aggregate_function", "SUM");
        if (!aggregate.equals("SUM") && !aggregate.equals("AVERAGE")) {
            return unsupported("aggregate_function " + aggregate);
        }
        String post = text(strings, "post_transform", "NONE");
        if (!post.equals("NONE")) {
            return unsupported("post_transform " + post);
        }
        float[] base = floats.getOrDefault("base_values", new float[0]);
        if (base.length > 1) {
            return unsupported(base.length + " base_values for one target");
        }
        long[] treeIds = ints.getOrDefault("nodes_treeids", new long[0]);
        long[] nodeIds = ints.getOrDefault("nodes_nodeids", new long[0]);
        long[] featureIds = ints.getOrDefault("nodes_featureids", new long[0]);
        long[] trueIds = ints.getOrDefault("nodes_truenodeids", new long[0]);
        long[] falseIds = ints.getOrDefault("nodes_falsenodeids", new long[0]);
        long[] missing = ints.getOrDefault("nodes_missing_value_tracks_true", new long[0]);
        float[] values = floats.getOrDefault("nodes_values", new float[0]);
        List<String> modes = strings.getOrDefault("nodes_modes", List.of());
        int n = treeIds.length;
        if (n == 0 || nodeIds.length != n || featureIds.length != n || trueIds.length != n || falseIds.length != n
                || values.length != n || modes.size() != n || missing.length > n) {
            return unsupported("node attributes of different lengths");
        }
        long[] tTree = ints.getOrDefault("target_treeids", new long[0]);
        long[] tNode = ints.getOrDefault("target_nodeids", new long[0]);
        float[] tWeight = floats.getOrDefault("target_weights", new float[0]);
        if (tNode.length != tTree.length || tWeight.length != tTree.length
                || ints.getOrDefault("target_ids", new long[0]).length != tTree.length) {
            return unsupported("target attributes of different lengths");
        }
        byte[] srcMode = new byte[n];
        for (int i = 0; i < n; i++) {
            switch (modes.get(i)) {
                case "BRANCH_LEQ" -> srcMode[i] = LEQ;
                case "BRANCH_LT" -> srcMode[i] = LT;
                case "BRANCH_GTE" -> srcMode[i] = GTE;
                case "BRANCH_GT" -> srcMode[i] = GT;
                case "LEAF" -> srcMode[i] = LEAF;
                default -> {
                    return unsupported("node mode " + modes.get(i));
                }
            }
            if (srcMode[i] != LEAF && (featureIds[i] < 0 || featureIds[i] >= features)) {
                return unsupported("feature id " + featureIds[i] + " outside [0, " + features + ")");
            }
        }
        // trees: contiguous runs of one tree id, rooted at the run's first node (as ONNX Runtime builds them)
        Map<Long, Integer> runOfTree = new HashMap<>();
        Map<Long, Integer> index = new HashMap<>();   // (tree, node) -> source index
        int[] runStart = new int[n + 1];
        int runs = 0;
        for (int i = 0; i < n; i++) {
            if (treeIds[i] != (int) treeIds[i] || nodeIds[i] != (int) nodeIds[i]) {
                return unsupported("ids beyond 32 bits");
            }
            if (i == 0 || treeIds[i] != treeIds[i - 1]) {
                if (runOfTree.putIfAbsent(treeIds[i], runs) != null) {
                    return unsupported("the nodes of tree " + treeIds[i] + " are not contiguous");
                }
                runStart[runs++] = i;
            }
            if (index.put(key(treeIds[i], nodeIds[i]), i) != null) {
                return unsupported("node " + nodeIds[i] + " of tree " + treeIds[i] + " twice");
            }
        }
        int[] srcTrue = new int[n];
        int[] srcFalse = new int[n];
        for (int i = 0; i < n; i++) {
            if (srcMode[i] == LEAF) {
                continue;
            }
            Integer yes = index.get(key(treeIds[i], trueIds[i]));
            Integer no = index.get(key(treeIds[i], falseIds[i]));
            if (yes == null || no == null || yes == i || no == i) {
                return unsupported("a child of node " + nodeIds[i] + " of tree " + treeIds[i] + " is missing or itself");
            }
            srcTrue[i] = yes;
            srcFalse[i] = no;
        }
        // leaf values: the first target weight in attribute order, else the leaf's nodes_values entry
        float[] srcValue = new float[n];
        boolean[] weighted = new boolean[n];
        for (int k = 0; k < tTree.length; k++) {
            Integer i = index.get(key(tTree[k], tNode[k]));
            if (i == null) {
                return unsupported("a target weight names no node");
            }
            if (srcMode[i] == LEAF && !weighted[i]) {
                srcValue[i] = tWeight[k];
                weighted[i] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            if (srcMode[i] == LEAF && !weighted[i]) {
                srcValue[i] = values[i];
            }
        }
        // breadth-first renumbering per tree, and each tree's depth
        int[] newIndex = new int[n];
        Arrays.fill(newIndex, -1);
        int[] order = new int[n];
        int placed = 0;
        int[] root = new int[runs];
        int[] depth = new int[runs];
        int[] height = new int[n];
        Arrays.fill(height, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int t = 0; t < runs; t++) {
            int r = runStart[t];
            root[t] = placed;
            newIndex[r] = placed;
            order[placed++] = r;
            queue.add(r);
            while (!queue.isEmpty()) {
                int i = queue.poll();
                if (srcMode[i] == LEAF) {
                    continue;
                }
                for (int c : new int[] {srcTrue[i], srcFalse[i]}) {
                    if (newIndex[c] < 0) {
                        newIndex[c] = placed;
                        order[placed++] = c;
                        queue.add(c);
                    }
                }
            }
            int h = height(r, srcMode, srcTrue, srcFalse, height);
            if (h < 0) {
                return unsupported("tree " + treeIds[r] + " has a cycle");
            }
            depth[t] = h;
        }
        if (placed != n) {
            return unsupported((n - placed) + " nodes are reachable from no root");
        }
        byte[] mode = new byte[n];
        float[] threshold = new float[n];
        int[] trueChild = new int[n];
        int[] falseChild = new int[n];
        boolean[] missingTrue = new boolean[n];
        int[] feature = new int[n];
        float[] value = new float[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            mode[k] = srcMode[i];
            missingTrue[k] = i < missing.length && missing[i] == 1;
            if (srcMode[i] == LEAF) {
                trueChild[k] = k;
                falseChild[k] = k;
                value[k] = srcValue[i];
            } else {
                threshold[k] = values[i];
                feature[k] = (int) featureIds[i];
                trueChild[k] = newIndex[srcTrue[i]];
                falseChild[k] = newIndex[srcFalse[i]];
            }
        }
        return new TreeEnsembleReader.Supported(new TreeEnsemble(features, runs, aggregate.equals("AVERAGE"),
                base.length == 1 ? base[0] : 0f, root, depth, mode, threshold, trueChild, falseChild, missingTrue,
                feature, value, true));
    }

    /**
     * Internal nodes on the longest path below node i; -1 on a cycle. Memoised ({@code memo}: -1 not
     * seen, -2 on the current path), so shared subtrees cost once.
     */
    private static int height(int i, byte[] mode, int[] yes, int[] no, int[] memo) {
        if (mode[i] == LEAF) {
            return 0;
        }
        if (memo[i] >= 0) {
            return memo[i];
        }
        if (memo[i] == -2) {
            return -1;
        }
        memo[i] = -2;
        int a = height(yes[i], mode, yes, no, memo);
        int b = height(no[i], mode, yes, no, memo);
        if (a < 0 || b < 0) {
            return -1;
        }
        memo[i] = 1 + Math.max(a, b);
        return memo[i];
    }

    private static Long key(long tree, long node) {
        return tree << 32 | (node & 0xffffffffL);
    }

    private static long scalar(Map<String, long[]> ints, String name, long otherwise) {
        long[] v = ints.get(name);
        return v == null || v.length == 0 ? otherwise : v[0];
    }

    private static String text(Map<String, List<String>> strings, String name, String otherwise) {
        List<String> v = strings.get(name);
        return v == null || v.isEmpty() ? otherwise : v.get(0);
    }

    private static TreeEnsembleReader.Result unsupported(String reason) {
        return new TreeEnsembleReader.Unsupported(reason, true);
    }
}
