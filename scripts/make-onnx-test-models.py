#!/usr/bin/python3
"""Makes the ONNX test models of vectrade-onnx from known weights (committed; the build needs no Python).

Run with Debian's python and python3-onnx (onnx 1.12: IR 8, opset 17, ai.onnx.ml 3):

    apt-get install -y python3-onnx
    /usr/bin/python3 scripts/make-onnx-test-models.py

Writes vectrade-onnx/src/test/resources/io/vectrade/onnx/models/<name>/ (model.json + model.onnx):

  mlp, mlp-safetensors  the same MLP 4 -> 8 relu -> 8 tanh -> 1 as an ONNX float graph and as vectrade's
                        own model.json + model.safetensors (F32 weights, so both hold the same numbers)
  mlp-f64               the same MLP as a double graph
  trees                 a LightGBM-style TreeEnsembleRegressor (3 small trees, dyadic leaves); the test
                        checks it against values worked out by hand from the trees written below
  classifier            a LinearClassifier (2 classes, softmax) with a label and a probability output;
                        model.json picks column 1 of the probabilities
  bench-mlp             vectrade's benchmark MLP (Models.benchmarkMlp(standard features, seed 42):
                        22 -> 64 relu -> 64 relu -> 1) as a float graph, its weights drawn with the same
                        SplittableRandom (SplitMix64) sequence as the Java code
  bench-trees           100 full trees of depth 6 over the 22 standard features (speed only; the tree fast
                        path is checked bit for bit against ONNX Runtime on it)
  trees-unbalanced      40 unbalanced trees (depth 1..9) with mixed modes (LEQ, LT, GTE, GT), random
                        nodes_missing_value_tracks_true, node ids shuffled (the root is each tree's first
                        node, not node 0), float32 leaf weights that are not dyadic (so the summation order
                        shows), a leaf with two weights, a leaf with none, thresholds of +-inf and NaN
  trees-average         XGBoost-style: BRANCH_LT everywhere, AVERAGE, a base value, missing values to the
                        true side on some nodes
  trees-eq              a BRANCH_EQ node: the fast path does not take it (ONNX Runtime scores it)
  bench-sum             the sum of the 22 standard features (ReduceSum): the cost of moving rows through
                        ONNX Runtime with next to no compute (speed only)
  bad-*                 corrupt and mismatched models for the error paths
"""
import json
import os
import shutil
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                    "vectrade-onnx", "src", "test", "resources", "io", "vectrade", "onnx", "models")
OPSETS = [helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)]
STANDARD = ["rsi(14)", "momentum(10)", "roc(10)", "volatility(20)", "logret(1)", "sma(20)", "ema(20)",
            "macd(12,26,9).line", "macd(12,26,9).signal", "macd(12,26,9).hist", "bbands(20,2).upper",
            "bbands(20,2).middle", "bbands(20,2).lower", "atr(14)", "stoch(14,3,3).k", "stoch(14,3,3).d",
            "willr(14)", "cci(20)", "adx(14)", "obv", "zscore(20)", "vwap(20)"]


def model_dir(name):
    d = os.path.join(ROOT, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def save_graph(d, graph, file="model.onnx"):
    m = helper.make_model(graph, opset_imports=OPSETS, producer_name="vectrade make-onnx-test-models.py")
    m.ir_version = 8
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(d, file))


def save_json(d, obj):
    with open(os.path.join(d, "model.json"), "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def onnx_json(features, mean=None, std=None, **fields):
    o = {"format": "vectrade-model", "format_version": 1, "type": "onnx", "features": features}
    if mean is not None:
        o["normalization"] = {"mean": mean, "std": std}
    o.update(fields)
    return o


def dims(features, batch="N"):
    return [batch, features]


# ---------------------------------------------------------------- MLP (ONNX and safetensors)

MLP_FEATURES = ["logret(5)", "zscore(20)", "rsi(14)", "volatility(20)"]
MLP_MEAN = [0.001, 0.05, 50.0, 0.02]
MLP_STD = [0.05, 1.25, 12.5, 0.01]


def mlp_weights():
    rnd = np.random.RandomState(20261204)
    layers = []
    for (i, o, act) in [(4, 8, "relu"), (8, 8, "tanh"), (8, 1, "identity")]:
        w = rnd.uniform(-1, 1, size=(o, i)).astype(np.float32)   # nn.Linear layout [out, in]
        b = rnd.uniform(-0.2, 0.2, size=(o,)).astype(np.float32)
        layers.append((w, b, act))
    return layers


def dense_graph(layers, features, elem, name, inputs_name="features", output_name="score"):
    npdt = np.float32 if elem == TensorProto.FLOAT else np.float64
    nodes, inits, x = [], [], inputs_name
    for l, (w, b, act) in enumerate(layers):
        inits.append(helper.make_tensor(f"w{l}", elem, w.shape, w.astype(npdt).flatten().tolist()))
        inits.append(helper.make_tensor(f"b{l}", elem, b.shape, b.astype(npdt).flatten().tolist()))
        last = l == len(layers) - 1
        y = output_name if last and act == "identity" else f"h{l}"
        nodes.append(helper.make_node("Gemm", [x, f"w{l}", f"b{l}"], [y], transB=1))
        if act != "identity":
            z = output_name if last else f"a{l}"
            nodes.append(helper.make_node({"relu": "Relu", "tanh": "Tanh", "sigmoid": "Sigmoid"}[act], [y], [z]))
            y = z
        x = y
    return helper.make_graph(nodes, name, [helper.make_tensor_value_info(inputs_name, elem, dims(features))],
                             [helper.make_tensor_value_info(output_name, elem, ["N", 1])], inits)


def write_safetensors(path, tensors):
    header, blobs, off = {}, [], 0
    for name, arr in tensors:
        data = arr.astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [off, off + len(data)]}
        blobs.append(data)
        off += len(data)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def make_mlp():
    layers = mlp_weights()
    d = model_dir("mlp")
    save_graph(d, dense_graph(layers, 4, TensorProto.FLOAT, "mlp"))
    save_json(d, onnx_json(MLP_FEATURES, MLP_MEAN, MLP_STD, graph="model.onnx",
                           metadata={"origin": "scripts/make-onnx-test-models.py mlp (same weights as mlp-safetensors)"}))
    d = model_dir("mlp-f64")
    save_graph(d, dense_graph(layers, 4, TensorProto.DOUBLE, "mlp_f64"))
    save_json(d, onnx_json(MLP_FEATURES, MLP_MEAN, MLP_STD))
    d = model_dir("mlp-safetensors")
    tensors = []
    for l, (w, b, _) in enumerate(layers):
        tensors += [(f"layers.{l}.weight", w), (f"layers.{l}.bias", b)]
    write_safetensors(os.path.join(d, "model.safetensors"), tensors)
    save_json(d, {"format": "vectrade-model", "format_version": 1, "type": "mlp", "features": MLP_FEATURES,
                  "normalization": {"mean": MLP_MEAN, "std": MLP_STD}, "weights": "model.safetensors",
                  "layers": [{"inputs": w.shape[1], "outputs": w.shape[0], "activation": act,
                              "weight": f"layers.{l}.weight", "bias": f"layers.{l}.bias"}
                             for l, (w, b, act) in enumerate(layers)]})
    return layers


# ---------------------------------------------------------------- trees

TREE_FEATURES = ["rsi(14)", "zscore(20)", "logret(5)"]
# (tree, node, feature, threshold, true (<=) child, false child) for branches; (tree, node, value) for leaves.
# tree 0: rsi <= 30 ? +0.25 : (rsi <= 70 ? 0 : -0.25)
# tree 1: zscore <= -1.5 ? +0.5 : (logret <= 0 ? +0.125 : -0.125)
# tree 2: zscore <= 1 ? +0.0625 : -0.375
# base value 0.03125 (LightGBM folds its init score in here)
TREE_BRANCHES = [(0, 0, 0, 30.0, 1, 2), (0, 2, 0, 70.0, 3, 4),
                 (1, 0, 1, -1.5, 1, 2), (1, 2, 2, 0.0, 3, 4),
                 (2, 0, 1, 1.0, 1, 2)]
TREE_LEAVES = [(0, 1, 0.25), (0, 3, 0.0), (0, 4, -0.25),
               (1, 1, 0.5), (1, 3, 0.125), (1, 4, -0.125),
               (2, 1, 0.0625), (2, 2, -0.375)]
TREE_BASE = 0.03125


def tree_ensemble(branches, leaves, base, features, name, input_name="input", output_name="variable"):
    nodes = sorted([(t, n, "BRANCH_LEQ", f, v, tt, ff) for (t, n, f, v, tt, ff) in branches]
                   + [(t, n, "LEAF", 0, 0.0, 0, 0) for (t, n, _) in leaves])
    node = helper.make_node(
        "TreeEnsembleRegressor", [input_name], [output_name], domain="ai.onnx.ml",
        n_targets=1, aggregate_function="SUM", post_transform="NONE", base_values=[base],
        nodes_treeids=[x[0] for x in nodes], nodes_nodeids=[x[1] for x in nodes],
        nodes_modes=[x[2] for x in nodes], nodes_featureids=[x[3] for x in nodes],
        nodes_values=[x[4] for x in nodes], nodes_truenodeids=[x[5] for x in nodes],
        nodes_falsenodeids=[x[6] for x in nodes],
        target_treeids=[l[0] for l in leaves], target_nodeids=[l[1] for l in leaves],
        target_ids=[0] * len(leaves), target_weights=[l[2] for l in leaves])
    return helper.make_graph([node], name,
                             [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, dims(features))],
                             [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, ["N", 1])])


def make_trees():
    d = model_dir("trees")
    save_graph(d, tree_ensemble(TREE_BRANCHES, TREE_LEAVES, TREE_BASE, 3, "lightgbm_style_trees"))
    save_json(d, onnx_json(TREE_FEATURES, metadata={"origin": "scripts/make-onnx-test-models.py trees"}))


def make_bench_trees(trees=100, depth=6):
    rnd = np.random.RandomState(6100)
    f = len(STANDARD)
    branches, leaves = [], []
    for t in range(trees):
        internal = 2 ** depth - 1
        for n in range(internal):
            branches.append((t, n, int(rnd.randint(f)), float(np.float32(rnd.normal())), 2 * n + 1, 2 * n + 2))
        for n in range(internal, 2 * internal + 1):
            leaves.append((t, n, float(rnd.randint(-1024, 1025)) / 1024.0))
    d = model_dir("bench-trees")
    save_graph(d, tree_ensemble(branches, leaves, 0.0, f, "bench_trees"))
    save_json(d, onnx_json(STANDARD, [0.0] * f, [1.0] * f, metadata={
        "origin": f"scripts/make-onnx-test-models.py bench-trees: {trees} full trees of depth {depth}, "
                  "random features and thresholds (speed only)"}))


def tree_ensemble_nodes(nodes, targets, features, name, aggregate="SUM", base=None):
    """nodes: (tree, node, mode, feature, threshold, true id, false id, missing_true) in the order given;
    targets: (tree, node, weight) in the order given."""
    attrs = dict(n_targets=1, aggregate_function=aggregate, post_transform="NONE",
                 nodes_treeids=[x[0] for x in nodes], nodes_nodeids=[x[1] for x in nodes],
                 nodes_modes=[x[2] for x in nodes], nodes_featureids=[x[3] for x in nodes],
                 nodes_values=[x[4] for x in nodes], nodes_truenodeids=[x[5] for x in nodes],
                 nodes_falsenodeids=[x[6] for x in nodes],
                 nodes_missing_value_tracks_true=[x[7] for x in nodes],
                 target_treeids=[t[0] for t in targets], target_nodeids=[t[1] for t in targets],
                 target_ids=[0] * len(targets), target_weights=[t[2] for t in targets])
    if base is not None:
        attrs["base_values"] = [base]
    node = helper.make_node("TreeEnsembleRegressor", ["input"], ["variable"], domain="ai.onnx.ml", **attrs)
    return helper.make_graph([node], name, [helper.make_tensor_value_info("input", TensorProto.FLOAT, dims(features))],
                             [helper.make_tensor_value_info("variable", TensorProto.FLOAT, ["N", 1])])


def random_trees(rnd, trees, max_depth, features, modes, leaf_at):
    """Unbalanced random trees: a node at depth d becomes a leaf with probability leaf_at(d). Node ids are a
    random permutation per tree; each tree lists its root first, then its other nodes shuffled."""
    nodes, targets = [], []
    for t in range(trees):
        local = []            # (key, mode, feature, threshold, true key, false key, missing)
        leaves = []           # (key, weight)
        def grow(depth):
            key = len(local) + len(leaves) + 1000 * depth + 100000 * rnd.randint(1 << 20)
            if depth == max_depth or (depth > 0 and rnd.rand() < leaf_at(depth)):
                leaves.append((key, float(np.float32(rnd.normal() * 0.1))))
                local.append((key, "LEAF", 0, 0.0, 0, 0, 0))
                return key
            slot = len(local)
            local.append(None)
            yes = grow(depth + 1)
            no = grow(depth + 1)
            local[slot] = (key, modes[rnd.randint(len(modes))], int(rnd.randint(features)),
                           float(np.float32(rnd.normal())), yes, no, int(rnd.rand() < 0.3))
            return key
        grow(0)
        keys = [x[0] for x in local]
        ids = dict(zip(keys, rnd.permutation(len(keys)).tolist()))
        order = [local[0]] + [local[i] for i in rnd.permutation(range(1, len(local)))]
        for (k, mode, f, v, yes, no, miss) in order:
            nodes.append([t, ids[k], mode, f, v, ids[yes] if mode != "LEAF" else 0, ids[no] if mode != "LEAF" else 0,
                          miss if mode != "LEAF" else 0])
        for (k, w) in leaves:
            targets.append([t, ids[k], w])
    return nodes, targets


def make_trees_unbalanced():
    rnd = np.random.RandomState(4242)
    f = 6
    nodes, targets = random_trees(rnd, 40, 9, f, ["BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT"],
                                  lambda d: 0.12 * d)
    branches = [n for n in nodes if n[2] != "LEAF"]
    # thresholds at the edges: +inf, -inf and NaN on a few branches of each mode
    for i, v in enumerate([np.inf, -np.inf, np.nan] * 4):
        branches[7 * i + 3][4] = float(v)
    # a leaf with two weights (ONNX Runtime uses the first one listed) and a leaf with none (its nodes_values)
    targets.append(list(targets[5][:2]) + [0.75])
    gone = targets.pop(11)
    for n in nodes:
        if n[0] == gone[0] and n[1] == gone[1]:
            n[4] = float(np.float32(0.3))
    rnd.shuffle(targets)
    d = model_dir("trees-unbalanced")
    save_graph(d, tree_ensemble_nodes(nodes, targets, f, "trees_unbalanced", base=float(np.float32(-0.1))))
    save_json(d, onnx_json(["rsi(14)", "zscore(20)", "logret(5)", "volatility(20)", "momentum(10)", "roc(10)"],
                           [50.0, 0.0, 0.0, 0.02, 0.0, 0.0], [10.0, 1.0, 0.02, 0.01, 2.0, 3.0], metadata={
        "origin": "scripts/make-onnx-test-models.py trees-unbalanced (random, for the fast path's exactness)"}))


def make_trees_average():
    rnd = np.random.RandomState(777)
    f = 4
    nodes, targets = random_trees(rnd, 20, 7, f, ["BRANCH_LT"], lambda d: 0.1 * d)
    d = model_dir("trees-average")
    save_graph(d, tree_ensemble_nodes(nodes, targets, f, "trees_average", aggregate="AVERAGE",
                                      base=float(np.float32(0.25))))
    save_json(d, onnx_json(["rsi(14)", "zscore(20)", "logret(5)", "volatility(20)"], metadata={
        "origin": "scripts/make-onnx-test-models.py trees-average (XGBoost-style BRANCH_LT, AVERAGE)"}))


def make_trees_eq():
    rnd = np.random.RandomState(31)
    nodes, targets = random_trees(rnd, 3, 3, 2, ["BRANCH_LEQ"], lambda d: 0.0)
    nodes[0][2] = "BRANCH_EQ"
    d = model_dir("trees-eq")
    save_graph(d, tree_ensemble_nodes(nodes, targets, 2, "trees_eq"))
    save_json(d, onnx_json(["rsi(14)", "zscore(20)"]))


# ---------------------------------------------------------------- classifier

CLS_FEATURES = ["zscore(20)", "rsi(14)"]
CLS_COEF = [[0.5, -0.25], [-0.75, 1.5]]   # per class: weight of each normalised feature
CLS_INTERCEPT = [0.125, -0.0625]


def classifier_graph(zipmap=False):
    node = helper.make_node("LinearClassifier", ["x"], ["label", "probabilities"], domain="ai.onnx.ml",
                            coefficients=[c for row in CLS_COEF for c in row], intercepts=CLS_INTERCEPT,
                            classlabels_ints=[0, 1], multi_class=0, post_transform="SOFTMAX")
    nodes = [node]
    outputs = [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"])]
    if zipmap:
        nodes.append(helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain="ai.onnx.ml",
                                      classlabels_int64s=[0, 1]))
        map_type = onnx.TypeProto()
        map_type.map_type.key_type = TensorProto.INT64
        map_type.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(TensorProto.FLOAT, []))
        outputs.append(helper.make_value_info("output_probability", helper.make_sequence_type_proto(map_type)))
    else:
        outputs.append(helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2]))
    return helper.make_graph(nodes, "classifier", [helper.make_tensor_value_info("x", TensorProto.FLOAT, dims(2))],
                             outputs)


def make_classifier():
    d = model_dir("classifier")
    save_graph(d, classifier_graph())
    save_json(d, onnx_json(CLS_FEATURES, [0.0, 50.0], [1.0, 10.0], output="probabilities", output_column=1))


# ---------------------------------------------------------------- the benchmark MLP (SplittableRandom)

M64 = (1 << 64) - 1


class SplittableRandom:
    """java.util.SplittableRandom(seed): SplitMix64, nextDouble(origin, bound) as in JDK 17+."""

    def __init__(self, seed):
        self.seed = seed & M64
        self.gamma = 0x9e3779b97f4a7c15

    def next_long(self):
        self.seed = (self.seed + self.gamma) & M64
        z = self.seed
        z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64
        z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64
        return z ^ (z >> 31)

    def next_double(self, origin, bound):
        r = (self.next_long() >> 11) * (2.0 ** -53)
        r = r * (bound - origin) + origin
        return r if r < bound else np.nextafter(bound, -np.inf)


def make_bench_mlp():
    rnd = SplittableRandom(42)
    layers, n_in = [], len(STANDARD)
    for out, act in [(64, "relu"), (64, "relu"), (1, "identity")]:
        limit = (6.0 / n_in) ** 0.5
        w = np.array([rnd.next_double(-limit, limit) for _ in range(n_in * out)]).reshape(out, n_in)
        b = np.array([rnd.next_double(-0.1, 0.1) for _ in range(out)])
        layers.append((w, b, act))
        n_in = out
    d = model_dir("bench-mlp")
    save_graph(d, dense_graph(layers, len(STANDARD), TensorProto.FLOAT, "bench_mlp"))
    save_json(d, onnx_json(STANDARD, metadata={
        "origin": "scripts/make-onnx-test-models.py bench-mlp: Models.benchmarkMlp(standard, 42) in float32"}))


def make_bench_sum():
    f = len(STANDARD)
    axes = helper.make_tensor("axes", TensorProto.INT64, [1], [1])
    node = helper.make_node("ReduceSum", ["features", "axes"], ["score"], keepdims=1)
    g = helper.make_graph([node], "bench_sum", [helper.make_tensor_value_info("features", TensorProto.FLOAT, dims(f))],
                          [helper.make_tensor_value_info("score", TensorProto.FLOAT, ["N", 1])], [axes])
    d = model_dir("bench-sum")
    save_graph(d, g)
    save_json(d, onnx_json(STANDARD, metadata={"origin": "scripts/make-onnx-test-models.py bench-sum (speed only)"}))


# ---------------------------------------------------------------- bad models

def make_bad(mlp_layers):
    mlp_onnx = os.path.join(ROOT, "mlp", "model.onnx")
    d = model_dir("bad-corrupt")                 # a graph cut short and then garbage
    with open(mlp_onnx, "rb") as f:
        good = f.read()
    with open(os.path.join(d, "model.onnx"), "wb") as f:
        f.write(good[: len(good) // 3] + bytes(range(256)) * 4)
    save_json(d, onnx_json(MLP_FEATURES, MLP_MEAN, MLP_STD))

    d = model_dir("bad-width")                   # model.json names 3 features, the graph takes 4
    shutil.copy(mlp_onnx, os.path.join(d, "model.onnx"))
    save_json(d, onnx_json(MLP_FEATURES[:3], MLP_MEAN[:3], MLP_STD[:3]))

    d = model_dir("bad-output")                  # an output the graph does not have
    shutil.copy(mlp_onnx, os.path.join(d, "model.onnx"))
    save_json(d, onnx_json(MLP_FEATURES, MLP_MEAN, MLP_STD, output="prediction"))

    d = model_dir("bad-missing-graph")           # model.json only
    save_json(d, onnx_json(MLP_FEATURES, MLP_MEAN, MLP_STD))

    d = model_dir("bad-dtype")                   # int64 input
    g = dense_graph(mlp_layers, 4, TensorProto.FLOAT, "int_input", inputs_name="cast")
    g.node.insert(0, helper.make_node("Cast", ["features"], ["cast"], to=TensorProto.FLOAT))
    del g.input[:]
    g.input.append(helper.make_tensor_value_info("features", TensorProto.INT64, dims(4)))
    save_graph(d, g)
    save_json(d, onnx_json(MLP_FEATURES, MLP_MEAN, MLP_STD))

    d = model_dir("bad-fixed-batch")             # input [1, 4]
    g = dense_graph(mlp_layers, 4, TensorProto.FLOAT, "fixed_batch")
    del g.input[:]
    g.input.append(helper.make_tensor_value_info("features", TensorProto.FLOAT, [1, 4]))
    save_graph(d, g)
    save_json(d, onnx_json(MLP_FEATURES, MLP_MEAN, MLP_STD))

    d = model_dir("bad-label-output")            # the classifier's int64 label as the score
    save_graph(d, classifier_graph())
    save_json(d, onnx_json(CLS_FEATURES, [0.0, 50.0], [1.0, 10.0], output="label"))

    d = model_dir("bad-no-column")               # [N, 2] probabilities without output_column
    save_graph(d, classifier_graph())
    save_json(d, onnx_json(CLS_FEATURES, [0.0, 50.0], [1.0, 10.0], output="probabilities"))

    d = model_dir("bad-column")                  # output_column out of range
    save_graph(d, classifier_graph())
    save_json(d, onnx_json(CLS_FEATURES, [0.0, 50.0], [1.0, 10.0], output="probabilities", output_column=2))

    d = model_dir("bad-zipmap")                  # skl2onnx's default ZipMap: a sequence of maps
    save_graph(d, classifier_graph(zipmap=True))
    save_json(d, onnx_json(CLS_FEATURES, [0.0, 50.0], [1.0, 10.0], output="output_probability"))


def main():
    os.makedirs(ROOT, exist_ok=True)
    layers = make_mlp()
    make_trees()
    make_classifier()
    make_bench_mlp()
    make_bench_trees()
    make_trees_unbalanced()
    make_trees_average()
    make_trees_eq()
    make_bench_sum()
    make_bad(layers)
    for name in sorted(os.listdir(ROOT)):
        size = sum(os.path.getsize(os.path.join(ROOT, name, f)) for f in os.listdir(os.path.join(ROOT, name)))
        print(f"{name:20s} {size:8d} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
