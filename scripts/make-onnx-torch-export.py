#!/usr/bin/python3
"""Runs the PyTorch export snippet of docs/models.md with Debian's python3-torch and keeps what it wrote
as a test model of vectrade-onnx (a graph written by torch.onnx, not by onnx.helper), with rows and
torch's own scores for them as the reference:

    apt-get install -y python3-torch
    /usr/bin/python3 scripts/make-onnx-torch-export.py

Writes vectrade-onnx/src/test/resources/io/vectrade/onnx/models/torch-export/ (model.json, model.onnx,
inputs.csv: raw feature rows, reference.csv: torch's score per row). OnnxModelTest checks vectrade's
scores against reference.csv. The snippet between the markers is the one in docs/models.md.
"""
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "vectrade-onnx", "src", "test", "resources", "io", "vectrade", "onnx", "models", "torch-export")
os.makedirs(OUT, exist_ok=True)
os.chdir(OUT)
os.makedirs("mymodel", exist_ok=True)
torch.manual_seed(0)
# --- snippet (docs/models.md) ---
features = ["logret(20)", "zscore(20)", "rsi(14)", "volatility(20)"]   # training frame's column order
net = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1)).eval()
torch.onnx.export(net, torch.zeros(1, len(features)), "mymodel/model.onnx",
                  input_names=["features"], output_names=["score"],
                  dynamic_axes={"features": {0: "rows"}, "score": {0: "rows"}}, opset_version=17)
# --- end of snippet ---
os.replace("mymodel/model.onnx", "model.onnx")
os.rmdir("mymodel")
mean, std = [0.0, 0.0, 50.0, 0.02], [0.05, 1.0, 10.0, 0.01]
with open("model.json", "w") as f:
    json.dump({"format": "vectrade-model", "format_version": 1, "type": "onnx", "features": features,
               "normalization": {"mean": mean, "std": std},
               "metadata": {"origin": "scripts/make-onnx-torch-export.py: torch " + torch.__version__
                                      + " torch.onnx.export, the snippet of docs/models.md"}}, f, indent=2)
    f.write("\n")
rnd = np.random.RandomState(1)
raw = rnd.normal(size=(200, 4)) * np.array(std) + np.array(mean)
x = ((raw - np.array(mean)) / np.array(std)).astype(np.float32)   # as vectrade feeds a float graph
with torch.no_grad():
    ref = net(torch.tensor(x)).numpy()[:, 0]
np.savetxt("inputs.csv", raw, delimiter=",", fmt="%.17g")
np.savetxt("reference.csv", ref, fmt="%.9g")
print("torch", torch.__version__, "wrote", OUT)
