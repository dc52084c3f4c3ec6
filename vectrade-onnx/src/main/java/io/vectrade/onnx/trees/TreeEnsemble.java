package io.vectrade.onnx.trees;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * A compiled {@code TreeEnsembleRegressor} (one target, SUM or AVERAGE, no post transform, float
 * input) that scores rows exactly as ONNX Runtime 1.23 does, faster.
 *
 * <p><b>What "exactly" means</b> (ONNX Runtime's {@code TreeEnsembleCommon} for float input):
 * features and thresholds are compared as floats with the node's mode (LEQ, LT, GTE, GT); a NaN
 * feature takes the false branch unless the node's {@code nodes_missing_value_tracks_true} is 1;
 * the root of a tree is its first node in the attribute arrays and the trees are summed in the
 * order they appear, in float, starting from 0; a leaf's value is its first target weight (in
 * attribute order), or its {@code nodes_values} entry when it has none; AVERAGE divides the sum by
 * the number of trees (in float); then the base value is added (in float). When ONNX Runtime runs
 * on T &gt; 1 intra-op threads, a run of more than 50 rows sums the trees in T contiguous groups
 * (its {@code PartitionWork}) and adds the group sums in order: {@link #partitions} says how many
 * groups a run of N rows has, and every scoring method takes that number.
 *
 * <p><b>How</b>: nodes are renumbered breadth-first per tree. Each node is put in one form,
 * "x &lt;= t ? first : second" (LT becomes LEQ against the next float down, GT and GTE swap the
 * children, a NaN threshold sends both ways to the false child), exact for every non-NaN feature
 * value (infinities included); a row with a NaN feature is scored again by the node-by-node walk
 * with ONNX Runtime's own rules. When no tree is deeper than {@link #COMPLETE_MAX_DEPTH}, each tree
 * is laid out complete (2^D - 1 slots, slot i's children at 2i + 1 and 2i + 2, shallow leaves padded
 * down), so the walk needs no child pointers: blocks of up to {@link #BLOCK} rows go down every tree
 * for exactly its depth with vector gathers and a compare per level, no data-dependent branch.
 * Deeper ensembles use the linked layout ({@code next[2n + (x <= t ? 0 : 1)]}, one level of a
 * block's rows at a time), also without a branch per node.
 *
 * <p>Immutable and thread-safe; the scratch a call needs comes from {@link #scratch} (one per thread).
 */
public final class TreeEnsemble {
    /** Rows per block of the walk. */
    public static final int BLOCK = 64;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** As many float lanes as int lanes (both the preferred width). */
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    /** Deepest tree for which the complete layout (2^D slots per tree) is built. */
    static final int COMPLETE_MAX_DEPTH = 10;
    /** ONNX Runtime's {@code parallel_N_}: runs of more rows than this split the trees over its threads. */
    static final int PARALLEL_N = 50;

    static final byte LEQ = 0;
    static final byte LT = 1;
    static final byte GTE = 2;
    static final byte GT = 3;
    static final byte LEAF = 4;

    private final int features;
    private final int trees;
    private final boolean average;
    private final float origin;
    private final int maxDepth;
    private final int nodes;
    /** Per tree: its root's index and its depth (internal nodes on the longest path). */
    private final int[] root;
    private final int[] depth;
    /** Per node, ONNX Runtime's form (for rows with a NaN feature). */
    private final byte[] mode;
    private final float[] threshold;
    private final int[] trueChild;
    private final int[] falseChild;
    private final boolean[] missingTrue;
    /** Per node, the select form: feature, threshold, children at 2n (x <= t) and 2n + 1. */
    private final int[] feature;
    private final float[] leqThreshold;
    private final int[] next;
    /** Per node: the leaf's value (0 for an internal node). */
    private final float[] value;
    /**
     * The complete layout (when every tree is at most {@link #COMPLETE_MAX_DEPTH} deep, else null):
     * tree t of depth D has 2^D - 1 slots from {@code slotBase[t]} (feature and select-form
     * threshold), slot i's children at 2i + 1 (x &lt;= t) and 2i + 2; a leaf above the last level is
     * padded with slots that send every non-NaN value to copies of it. Its 2^D leaves' values from
     * {@code leafBase[t]}.
     */
    private final int[] slotFeature;
    private final float[] slotThreshold;
    private final int[] slotBase;
    private final float[] leaves;
    private final int[] leafBase;

    /**
     * Nodes numbered breadth-first per tree ({@link TreeCompiler}); leaves point to themselves.
     * {@code allowComplete}: build the complete layout when no tree is deeper than {@link #COMPLETE_MAX_DEPTH}.
     */
    TreeEnsemble(int features, int trees, boolean average, float origin, int[] root, int[] depth, byte[] mode,
                 float[] threshold, int[] trueChild, int[] falseChild, boolean[] missingTrue, int[] feature,
                 float[] value, boolean allowComplete) {
        this.features = features;
        this.trees = trees;
        this.average = average;
        this.origin = origin;
        this.root = root;
        this.depth = depth;
        this.mode = mode;
        this.threshold = threshold;
        this.trueChild = trueChild;
        this.falseChild = falseChild;
        this.missingTrue = missingTrue;
        this.feature = feature;
        this.value = value;
        this.nodes = mode.length;
        this.maxDepth = Arrays.stream(depth).max().orElse(0);
        this.leqThreshold = new float[nodes];
        this.next = new int[2 * nodes];
        for (int n = 0; n < nodes; n++) {
            selectForm(n);
        }
        if (allowComplete && maxDepth <= COMPLETE_MAX_DEPTH) {
            slotBase = new int[trees + 1];
            leafBase = new int[trees + 1];
            for (int t = 0; t < trees; t++) {
                slotBase[t + 1] = slotBase[t] + (1 << depth[t]) - 1;
                leafBase[t + 1] = leafBase[t] + (1 << depth[t]);
            }
            slotFeature = new int[slotBase[trees]];
            slotThreshold = new float[slotBase[trees]];
            leaves = new float[leafBase[trees]];
            for (int t = 0; t < trees; t++) {
                place(t, root[t], 0, 0);
            }
        } else {
            slotFeature = null;
            slotThreshold = null;
            slotBase = null;
            leaves = null;
            leafBase = null;
        }
    }

    /** Puts node n (select form) at slot i, level {@code level}, of tree t's complete layout, and its subtree below. */
    private void place(int t, int n, int i, int level) {
        int d = depth[t];
        if (level == d) {
            leaves[leafBase[t] + i - ((1 << d) - 1)] = value[n];   // a leaf by then: the walk is exactly d deep
            return;
        }
        if (mode[n] == LEAF) {      // padding: every non-NaN x <= +inf, both sides the same leaf anyway
            slotThreshold[slotBase[t] + i] = Float.POSITIVE_INFINITY;
        } else {
            slotFeature[slotBase[t] + i] = feature[n];
            slotThreshold[slotBase[t] + i] = leqThreshold[n];
        }
        place(t, next[2 * n], 2 * i + 1, level + 1);
        place(t, next[2 * n + 1], 2 * i + 2, level + 1);
    }

    /** Node n as "x <= t ? next[2n] : next[2n + 1]", equal to ONNX Runtime's test for every non-NaN x. */
    private void selectForm(int n) {
        float t = threshold[n];
        int yes = trueChild[n];
        int no = falseChild[n];
        int first;
        int second;
        float leq;
        if (mode[n] == LEAF) {
            first = n;
            second = n;
            leq = 0f;
        } else if (Float.isNaN(t)) {
            first = no;              // every comparison with NaN is false
            second = no;
            leq = 0f;
        } else {
            switch (mode[n]) {
                case LEQ -> {        // x <= t
                    leq = t;
                    first = yes;
                    second = no;
                }
                case GT -> {         // x > t  <=>  !(x <= t)
                    leq = t;
                    first = no;
                    second = yes;
                }
                case LT -> {         // x < t  <=>  x <= nextDown(t); nothing is below -inf
                    leq = Math.nextDown(t);
                    first = t == Float.NEGATIVE_INFINITY ? no : yes;
                    second = no;
                }
                default -> {         // GTE: x >= t  <=>  !(x < t); everything is at least -inf
                    leq = Math.nextDown(t);
                    first = t == Float.NEGATIVE_INFINITY ? yes : no;
                    second = yes;
                }
            }
        }
        leqThreshold[n] = leq;
        next[2 * n] = first;
        next[2 * n + 1] = second;
    }

    /** Input width F. */
    public int features() {
        return features;
    }

    /** Number of trees. */
    public int trees() {
        return trees;
    }

    /** The deepest tree's depth (internal nodes on its longest path). */
    public int maxDepth() {
        return maxDepth;
    }

    /** Number of nodes. */
    public int nodes() {
        return nodes;
    }

    /** Whether the complete layout is used (every tree at most {@link #COMPLETE_MAX_DEPTH} deep). */
    public boolean complete() {
        return slotBase != null;
    }

    /** The same ensemble on the linked layout, which trees deeper than {@link #COMPLETE_MAX_DEPTH} use (for tests). */
    public TreeEnsemble linked() {
        return new TreeEnsemble(features, trees, average, origin, root, depth, mode, threshold, trueChild, falseChild,
                missingTrue, feature, value, false);
    }

    /** The thresholds of the branch nodes as ONNX Runtime compares them (a copy; for tests and tools). */
    public float[] thresholds() {
        float[] t = new float[nodes];
        int k = 0;
        for (int n = 0; n < nodes; n++) {
            if (mode[n] != LEAF) {
                t[k++] = threshold[n];
            }
        }
        return Arrays.copyOf(t, k);
    }

    /** {@code 100 trees, depth <= 6, 12700 nodes, SUM, complete layout}. */
    public String describe() {
        return trees + " trees, depth <= " + maxDepth + ", " + nodes + " nodes, " + (average ? "AVERAGE" : "SUM")
                + (complete() ? ", complete layout" : ", linked layout");
    }

    /**
     * How many contiguous groups of trees ONNX Runtime sums separately in one run of {@code rows}
     * rows on {@code ortThreads} intra-op threads: {@code ortThreads} when rows &gt; 50 and there
     * are more trees than threads, else 1 (its sections C/E; one row, section A/B, sums tree by tree
     * in order as well).
     */
    public int partitions(int rows, int ortThreads) {
        return rows > PARALLEL_N && ortThreads > 1 && trees > ortThreads ? ortThreads : 1;
    }

    /** Per-thread scratch for up to {@code maxPartitions} groups. */
    public Scratch scratch(int maxPartitions) {
        return new Scratch(Math.max(1, maxPartitions));
    }

    /** A thread's working arrays: node indices and group sums of one block. Not thread-safe. */
    public static final class Scratch {
        private final int[] node = new int[BLOCK];
        private final int[] xIndex = new int[BLOCK];
        private final int[] rowOffset = new int[BLOCK];
        private final float[][] sums;

        private Scratch(int partitions) {
            sums = new float[partitions][BLOCK];
        }

        int partitions() {
            return sums.length;
        }
    }

    /**
     * Scores {@code rows} (at most {@link #BLOCK}) row-major rows of {@code x} ({@code x[xFrom + r * F + f]})
     * into {@code out[outFrom + r]}, as one part of an ONNX Runtime run whose trees are summed in
     * {@code partitions} groups. Allocates nothing.
     */
    public void scoreBlock(float[] x, int xFrom, int rows, int partitions, Scratch s, float[] out, int outFrom) {
        if (rows < 0 || rows > BLOCK || partitions < 1 || partitions > s.partitions()) {
            throw new IllegalArgumentException("rows=" + rows + " partitions=" + partitions + " scratch for "
                    + s.partitions());
        }
        if (xFrom < 0 || xFrom + (long) rows * features > x.length || outFrom < 0 || outFrom + rows > out.length) {
            throw new IndexOutOfBoundsException("x=" + x.length + " out=" + out.length + " rows=" + rows);
        }
        for (int p = 0; p < partitions; p++) {
            float[] sum = s.sums[p];
            Arrays.fill(sum, 0, rows, 0f);
            sumTrees(x, xFrom, rows, start(p, partitions), start(p + 1, partitions), s, sum);
        }
        float[] first = s.sums[0];
        for (int r = 0; r < rows; r++) {
            float v = first[r];
            for (int p = 1; p < partitions; p++) {
                v += s.sums[p][r];
            }
            out[outFrom + r] = finish(v);
        }
        for (int r = 0; r < rows; r++) {
            if (hasNaN(x, xFrom + r * features)) {
                out[outFrom + r] = walk(x, xFrom + r * features, partitions);
            }
        }
    }

    /**
     * Scores {@code rows} row-major rows as one ONNX Runtime run on {@code ortThreads} intra-op
     * threads (the partitions of that run), block by block. Allocates nothing.
     */
    public void score(float[] x, int rows, int ortThreads, Scratch s, float[] out) {
        int partitions = partitions(rows, ortThreads);
        for (int r = 0; r < rows; r += BLOCK) {
            int n = Math.min(BLOCK, rows - r);
            scoreBlock(x, r * features, n, partitions, s, out, r);
        }
    }

    /** First tree of group {@code p} of {@code partitions}: ONNX Runtime's {@code PartitionWork}. */
    private int start(int p, int partitions) {
        int per = trees / partitions;
        int extra = trees % partitions;
        return p < extra ? (per + 1) * p : per * p + extra;
    }

    private float finish(float sum) {
        float v = average ? sum / (float) trees : sum;
        return v + origin;
    }

    /** Adds the leaf of trees [fromTree, toTree) to {@code sum[r]} for each row, tree by tree. */
    private void sumTrees(float[] x, int xFrom, int rows, int fromTree, int toTree, Scratch s, float[] sum) {
        if (slotBase != null) {
            sumComplete(x, xFrom, rows, fromTree, toTree, s, sum);
        } else {
            sumLinked(x, xFrom, rows, fromTree, toTree, s.node, sum);
        }
    }

    /**
     * The complete layout, {@code L} rows per vector (the preferred species: 16 with AVX-512): per
     * tree and level, for four vectors of rows at a time (four independent chains for the CPU to
     * overlap), gather each row's slot feature and threshold, gather the row's feature value, compare,
     * and step to slot {@code 2i + 1} or {@code 2i + 2}; at the bottom, gather the leaf values and add
     * them to the row sums (one float add per row and tree, in tree order, as the scalar walk). The
     * slot indices go through {@code Scratch.node} because a gather takes its indices from an array.
     * Rows left over after whole vectors walk one by one.
     */
    private void sumComplete(float[] x, int xFrom, int rows, int fromTree, int toTree, Scratch s, float[] sum) {
        int[] node = s.node;
        int[] xi = s.xIndex;
        int[] rowOff = s.rowOffset;
        int[] sf = slotFeature;
        float[] st = slotThreshold;
        float[] lv = leaves;
        int lanes = INTS.length();
        for (int r = 0; r < rows; r++) {
            rowOff[r] = xFrom + r * features;
        }
        for (int t = fromTree; t < toTree; t++) {
            int d = depth[t];
            int sb = slotBase[t];
            int lb = leafBase[t] - ((1 << d) - 1);
            int r = 0;
            for (; r + 4 * lanes <= rows; r += 4 * lanes) {
                int g0 = r;
                int g1 = r + lanes;
                int g2 = r + 2 * lanes;
                int g3 = r + 3 * lanes;
                IntVector i0 = IntVector.zero(INTS);
                IntVector i1 = IntVector.zero(INTS);
                IntVector i2 = IntVector.zero(INTS);
                IntVector i3 = IntVector.zero(INTS);
                IntVector o0 = IntVector.fromArray(INTS, rowOff, g0);
                IntVector o1 = IntVector.fromArray(INTS, rowOff, g1);
                IntVector o2 = IntVector.fromArray(INTS, rowOff, g2);
                IntVector o3 = IntVector.fromArray(INTS, rowOff, g3);
                for (int level = 0; level < d; level++) {
                    i0.intoArray(node, g0);
                    i1.intoArray(node, g1);
                    i2.intoArray(node, g2);
                    i3.intoArray(node, g3);
                    o0.add(IntVector.fromArray(INTS, sf, sb, node, g0)).intoArray(xi, g0);
                    o1.add(IntVector.fromArray(INTS, sf, sb, node, g1)).intoArray(xi, g1);
                    o2.add(IntVector.fromArray(INTS, sf, sb, node, g2)).intoArray(xi, g2);
                    o3.add(IntVector.fromArray(INTS, sf, sb, node, g3)).intoArray(xi, g3);
                    FloatVector t0 = FloatVector.fromArray(FLOATS, st, sb, node, g0);
                    FloatVector t1 = FloatVector.fromArray(FLOATS, st, sb, node, g1);
                    FloatVector t2 = FloatVector.fromArray(FLOATS, st, sb, node, g2);
                    FloatVector t3 = FloatVector.fromArray(FLOATS, st, sb, node, g3);
                    FloatVector x0 = FloatVector.fromArray(FLOATS, x, 0, xi, g0);
                    FloatVector x1 = FloatVector.fromArray(FLOATS, x, 0, xi, g1);
                    FloatVector x2 = FloatVector.fromArray(FLOATS, x, 0, xi, g2);
                    FloatVector x3 = FloatVector.fromArray(FLOATS, x, 0, xi, g3);
                    // 2i + 1 (x <= t) or 2i + 2 (x > t: the only other case for non-NaN x)
                    i0 = i0.add(i0).add(1).add(1, x0.compare(VectorOperators.GT, t0).cast(INTS));
                    i1 = i1.add(i1).add(1).add(1, x1.compare(VectorOperators.GT, t1).cast(INTS));
                    i2 = i2.add(i2).add(1).add(1, x2.compare(VectorOperators.GT, t2).cast(INTS));
                    i3 = i3.add(i3).add(1).add(1, x3.compare(VectorOperators.GT, t3).cast(INTS));
                }
                i0.intoArray(node, g0);
                i1.intoArray(node, g1);
                i2.intoArray(node, g2);
                i3.intoArray(node, g3);
                addLeaves(sum, g0, lv, lb, node);
                addLeaves(sum, g1, lv, lb, node);
                addLeaves(sum, g2, lv, lb, node);
                addLeaves(sum, g3, lv, lb, node);
            }
            for (; r + lanes <= rows; r += lanes) {
                IntVector i = IntVector.zero(INTS);
                IntVector o = IntVector.fromArray(INTS, rowOff, r);
                for (int level = 0; level < d; level++) {
                    i.intoArray(node, r);
                    o.add(IntVector.fromArray(INTS, sf, sb, node, r)).intoArray(xi, r);
                    FloatVector th = FloatVector.fromArray(FLOATS, st, sb, node, r);
                    FloatVector v = FloatVector.fromArray(FLOATS, x, 0, xi, r);
                    i = i.add(i).add(1).add(1, v.compare(VectorOperators.GT, th).cast(INTS));
                }
                i.intoArray(node, r);
                addLeaves(sum, r, lv, lb, node);
            }
            for (; r < rows; r++) {
                int o = rowOff[r];
                int i = 0;
                for (int level = 0; level < d; level++) {
                    i = 2 * i + (x[o + sf[sb + i]] <= st[sb + i] ? 1 : 2);
                }
                sum[r] += lv[lb + i];
            }
        }
    }

    /** {@code sum[g .. g + L) += leaves[lb + node[g + k]]}, lane by lane. */
    private static void addLeaves(float[] sum, int g, float[] leaves, int lb, int[] node) {
        FloatVector.fromArray(FLOATS, sum, g).add(FloatVector.fromArray(FLOATS, leaves, lb, node, g)).intoArray(sum, g);
    }

    /** The linked layout (deep trees): a block's rows walk one level at a time through {@code next}. */
    private void sumLinked(float[] x, int xFrom, int rows, int fromTree, int toTree, int[] node, float[] sum) {
        int f = features;
        int[] nx = next;
        int[] ft = feature;
        float[] th = leqThreshold;
        float[] val = value;
        for (int t = fromTree; t < toTree; t++) {
            int r0 = root[t];
            int d = depth[t];
            if (d == 0) {
                float v = val[r0];
                for (int r = 0; r < rows; r++) {
                    sum[r] += v;
                }
                continue;
            }
            int f0 = ft[r0];
            float t0 = th[r0];
            int le = nx[2 * r0];
            int gt = nx[2 * r0 + 1];
            for (int r = 0, o = xFrom + f0; r < rows; r++, o += f) {
                node[r] = x[o] <= t0 ? le : gt;
            }
            for (int level = 1; level < d; level++) {
                for (int r = 0, o = xFrom; r < rows; r++, o += f) {
                    int n = node[r];
                    node[r] = nx[2 * n + (x[o + ft[n]] <= th[n] ? 0 : 1)];
                }
            }
            for (int r = 0; r < rows; r++) {
                sum[r] += val[node[r]];
            }
        }
    }

    private boolean hasNaN(float[] x, int from) {
        for (int f = 0; f < features; f++) {
            float v = x[from + f];
            if (v != v) {
                return true;
            }
        }
        return false;
    }

    /** One row, node by node with ONNX Runtime's rules (modes, missing values), in {@code partitions} groups. */
    float walk(float[] x, int from, int partitions) {
        float total = 0f;
        for (int p = 0; p < partitions; p++) {
            float sum = 0f;
            for (int t = start(p, partitions), end = start(p + 1, partitions); t < end; t++) {
                int n = root[t];
                while (mode[n] != LEAF) {
                    float v = x[from + feature[n]];
                    float th = threshold[n];
                    boolean yes = switch (mode[n]) {
                        case LEQ -> v <= th;
                        case LT -> v < th;
                        case GTE -> v >= th;
                        default -> v > th;
                    };
                    n = yes || (missingTrue[n] && v != v) ? trueChild[n] : falseChild[n];
                }
                sum += value[n];
            }
            total = p == 0 ? sum : total + sum;
        }
        return finish(total);
    }
}
