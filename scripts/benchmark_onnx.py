#!/usr/bin/env python3
"""Side-by-side benchmark of alexnet-tui's engine and ONNX Runtime on the same weights and image.

For a preset it
  1. draws random weights with the preset's own distributions and writes them as .safetensors
     under the preset's key names and layouts (seed: w1..w8/b1..b8, TensorFlow [kh,kw,in,out] and
     [in,out]; alexnet: torchvision state_dict names, PyTorch layouts);
  2. builds the equivalent ONNX graph from the same arrays (seed: TensorFlow semantics - SAME
     padding with the odd pixel at the bottom/right, LRN over 2r+1 channels, pool5 reading conv4
     while conv5 is still computed, flatten in HWC order, tanh FCs);
  3. runs ONNX Runtime with two intra-op threads: a plain session for the total, a profiling
     session for per-node times;
  4. runs `alexnet-tui --report json --repeat N --model M --weights FILE IMAGE` on the same image;
  5. measures the machine's read bandwidth (`engine-bench bandwidth`: both cores streaming a
     512 MiB buffer), the yardstick for the dense layers, which read each weight once;
  6. prints per-layer and total medians side by side with their ratio, checks the logits agree,
     checks each of issue 12's targets (met / NOT met), and (with --write) puts the table in
     BENCHMARKS.md, in the section of this host kind (CPU and kernel variant: a Zen 4 host's
     AVX-512 figures do not replace a Zen 3 host's AVX2 ones).

The image is a 224x224 centre crop of the given picture, written as a PPM next to the weights, so
that both sides see exactly the same input without any resizing.

    python3 scripts/benchmark_onnx.py --model seed --repeat 50 --write [--kernels avx2]

`--alone conv1` instead times one convolution alone on both sides, run after run with warm
caches: ONNX Runtime on the sub-graph from the layer's input to its ReLU, the engine through
`engine-bench --only conv1` (synthetic weights of the same shapes). Set beside the whole pass's
figures, it tells a kernel's own speed from the cost of the caches the layers before it left cold.

Needs numpy, onnx, onnxruntime and safetensors (see BENCHMARKS.md); the engine and engine-bench
built with `swift build -c release`.
"""
import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from safetensors.numpy import save_file

import host_cpu

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ----------------------------------------------------------------------------------------------
# Weights: the presets' key names, layouts and random distributions.

def truncated_normal(rng, shape, std):
    """TensorFlow's truncated_normal: values beyond two standard deviations are redrawn."""
    values = rng.standard_normal(shape, dtype=np.float32)
    while True:
        outside = np.abs(values) > 2
        count = int(outside.sum())
        if count == 0:
            return values * np.float32(std)
        values[outside] = rng.standard_normal(count, dtype=np.float32)


SEED_CONVS = [  # name, key index, kernel, in, out, stride
    ("conv1", 1, 11, 3, 96, 4), ("conv2", 2, 5, 96, 256, 1), ("conv3", 3, 3, 256, 384, 1),
    ("conv4", 4, 3, 384, 384, 1), ("conv5", 5, 3, 384, 384, 1)]
SEED_DENSE = [("fc6", 6, 18816, 4096), ("fc7", 7, 4096, 4096), ("fc8", 8, 4096, 17)]
SEED_BIASES = {1: 0.0, 2: 1.0, 3: 0.0, 4: 1.0, 5: 0.0, 6: 1.0, 7: 1.0, 8: 1.0}

ALEXNET_CONVS = [  # name, state_dict index, kernel, in, out, stride, padding
    ("conv1", 0, 11, 3, 64, 4, 2), ("conv2", 3, 5, 64, 192, 1, 2), ("conv3", 6, 3, 192, 384, 1, 1),
    ("conv4", 8, 3, 384, 256, 1, 1), ("conv5", 10, 3, 256, 256, 1, 1)]
ALEXNET_DENSE = [("fc6", 1, 9216, 4096), ("fc7", 4, 4096, 4096), ("fc8", 6, 4096, 1000)]


def seed_weights(rng):
    weights = {}
    for _, i, k, cin, cout, _ in SEED_CONVS:
        weights[f"w{i}"] = truncated_normal(rng, (k, k, cin, cout), 0.1)          # [kh, kw, in, out]
    for _, i, n_in, n_out in SEED_DENSE:
        weights[f"w{i}"] = truncated_normal(rng, (n_in, n_out), 0.1)              # [in, out]
    sizes = {i: cout for _, i, _, _, cout, _ in SEED_CONVS} | {i: n_out for _, i, _, n_out in SEED_DENSE}
    for i, value in SEED_BIASES.items():
        weights[f"b{i}"] = np.full((sizes[i],), value, dtype=np.float32)
    return weights


def alexnet_weights(rng):
    """PyTorch's default init: uniform in +-1/sqrt(fan_in) for weights and biases."""
    weights = {}
    for _, i, k, cin, cout, _, _ in ALEXNET_CONVS:
        bound = 1 / np.sqrt(cin * k * k)
        weights[f"features.{i}.weight"] = rng.uniform(-bound, bound, (cout, cin, k, k)).astype(np.float32)
        weights[f"features.{i}.bias"] = rng.uniform(-bound, bound, (cout,)).astype(np.float32)
    for _, i, n_in, n_out in ALEXNET_DENSE:
        bound = 1 / np.sqrt(n_in)
        weights[f"classifier.{i}.weight"] = rng.uniform(-bound, bound, (n_out, n_in)).astype(np.float32)
        weights[f"classifier.{i}.bias"] = rng.uniform(-bound, bound, (n_out,)).astype(np.float32)
    return weights


# ----------------------------------------------------------------------------------------------
# ONNX graphs. Node names start with the engine's layer name ("conv1", "conv1/relu") so that the
# profile can be attributed to layers.

def same_pads(size, kernel, stride):
    """TensorFlow SAME: ceil(size / stride) outputs; the odd pixel of padding goes after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2, out


class GraphBuilder:
    def __init__(self):
        self.nodes, self.initializers = [], []

    def const(self, name, array):
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(self, op, inputs, name, **attributes):
        self.nodes.append(helper.make_node(op, inputs, [name], name=name, **attributes))
        return name

    def model(self, input_name, outputs):
        """`outputs`: (name, shape) pairs, the logits first."""
        graph = helper.make_graph(
            self.nodes, "benchmark",
            [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, [1, 3, 224, 224])],
            [helper.make_tensor_value_info(o, TensorProto.FLOAT, shape) for o, shape in outputs],
            self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
        model.ir_version = 8
        onnx.checker.check_model(model)
        return model


def seed_graph(w):
    """The seed preset in NCHW ONNX with TensorFlow semantics."""
    g = GraphBuilder()
    size = 224
    x = "input"
    lrn = dict(size=11, alpha=1.0 * 11, beta=0.5, bias=1.0)  # ONNX divides alpha by size; TF does not

    def conv(name, x, i, k, stride, size):
        before, after, out = same_pads(size, k, stride)
        weight = g.const(f"w{i}", w[f"w{i}"].transpose(3, 2, 0, 1))  # HWIO -> OIHW
        y = g.node("Conv", [x, weight, g.const(f"b{i}", w[f"b{i}"])], name, kernel_shape=[k, k],
                   strides=[stride, stride], pads=[before, before, after, after])
        return g.node("Relu", [y], f"{name}/relu"), out

    def pool(name, x, size):
        before, after, out = same_pads(size, 3, 2)
        return g.node("MaxPool", [x], name, kernel_shape=[3, 3], strides=[2, 2],
                      pads=[before, before, after, after]), out

    x, size = conv("conv1", x, 1, 11, 4, size)
    x, size = pool("pool1", x, size)
    x = g.node("LRN", [x], "norm1", **lrn)
    x, size = conv("conv2", x, 2, 5, 1, size)
    x, size = pool("pool2", x, size)
    x = g.node("LRN", [x], "norm2", **lrn)
    x, size = conv("conv3", x, 3, 3, 1, size)
    conv4, size = conv("conv4", x, 4, 3, 1, size)
    conv5, _ = conv("conv5", conv4, 5, 3, 1, size)          # computed, feeds nothing (a graph output)
    x, size = pool("pool5", conv4, size)                   # the original pools conv4
    x = g.node("LRN", [x], "norm5", **lrn)
    x = g.node("Transpose", [x], "flatten", perm=[0, 2, 3, 1])   # flatten in HWC order
    x = g.node("Reshape", [x, g.const("flat_shape", np.array([1, -1], dtype=np.int64))], "flatten/reshape")
    for name, i, _, _ in SEED_DENSE:
        x = g.node("Gemm", [x, g.const(f"w{i}", w[f"w{i}"]), g.const(f"b{i}", w[f"b{i}"])], name)  # [in, out]
        if name != "fc8":
            x = g.node("Tanh", [x], f"{name}/tanh")
    return g.model("input", [(x, [1, 17]), (conv5, [1, 384, 14, 14])])


def alexnet_graph(w):
    """torchvision's AlexNet at inference (dropout is the identity; for a 224x224 input the
    adaptive average pool to 6x6 is the identity too, so neither appears)."""
    g = GraphBuilder()
    x = "input"
    for name, i, k, _, _, stride, pad in ALEXNET_CONVS:
        x = g.node("Conv", [x, g.const(f"features.{i}.weight", w[f"features.{i}.weight"]),
                            g.const(f"features.{i}.bias", w[f"features.{i}.bias"])], name,
                   kernel_shape=[k, k], strides=[stride, stride], pads=[pad] * 4)
        x = g.node("Relu", [x], f"{name}/relu")
        if name in ("conv1", "conv2", "conv5"):
            x = g.node("MaxPool", [x], {"conv1": "pool1", "conv2": "pool2", "conv5": "pool5"}[name],
                       kernel_shape=[3, 3], strides=[2, 2])
    x = g.node("Flatten", [x], "flatten", axis=1)  # CHW order
    for name, i, _, _ in ALEXNET_DENSE:
        x = g.node("Gemm", [x, g.const(f"classifier.{i}.weight", w[f"classifier.{i}.weight"]),
                            g.const(f"classifier.{i}.bias", w[f"classifier.{i}.bias"])], name, transB=1)
        if name != "fc8":
            x = g.node("Relu", [x], f"{name}/relu")
    return g.model("input", [(x, [1, 1000])])


# ----------------------------------------------------------------------------------------------
# Image: a 224x224 centre crop as binary PPM, and the presets' preprocessing of it.

def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    tokens, position = [], 0
    while len(tokens) < 4:
        while data[position:position + 1].isspace():
            position += 1
        if data[position:position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        tokens.append(data[position:end])
        position = end
    magic, width, height, maxval = tokens[0], int(tokens[1]), int(tokens[2]), int(tokens[3])
    if magic != b"P6" or maxval > 255:
        sys.exit(f"{path}: only 8-bit binary PPM (P6) is supported here")
    pixels = np.frombuffer(data, dtype=np.uint8, count=width * height * 3, offset=position + 1)
    return pixels.reshape(height, width, 3)


def centre_crop(image, size=224):
    height, width, _ = image.shape
    if height < size or width < size:
        sys.exit(f"image is {width}x{height}; at least {size}x{size} is needed for the crop")
    top, left = (height - size) // 2, (width - size) // 2
    return np.ascontiguousarray(image[top:top + size, left:left + size])


def write_ppm(path, image):
    with open(path, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (image.shape[1], image.shape[0]))
        f.write(image.tobytes())


def preprocess(image, model):
    x = image.astype(np.float32) / 255
    if model == "alexnet":
        x = (x - np.array([0.485, 0.456, 0.406], np.float32)) / np.array([0.229, 0.224, 0.225], np.float32)
    return np.ascontiguousarray(x.transpose(2, 0, 1)[None])  # NCHW


# ----------------------------------------------------------------------------------------------
# ONNX Runtime

def session(model_path, threads, profile_prefix=None):
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if profile_prefix:
        options.enable_profiling = True
        options.profile_file_prefix = profile_prefix
    return ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])


class OnnxRuntimeSide:
    """A warmed-up session for totals; a fresh profiling session per round for per-node times."""

    def __init__(self, model_path, x, threads, warmup, workdir, input_name="input"):
        self.model_path, self.threads, self.warmup, self.workdir = model_path, threads, warmup, workdir
        self.feed = {input_name: x}
        self.plain = session(model_path, threads)
        for _ in range(warmup):
            outputs = self.plain.run(None, self.feed)
        self.logits = outputs[0].reshape(-1)

    def total(self, repeats):
        """Median ms of unprofiled runs."""
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            self.plain.run(None, self.feed)
            times.append((time.perf_counter() - start) * 1e3)
        return statistics.median(times)

    def layers(self, repeats, layer_names):
        """Median ms per engine layer from ONNX Runtime's profiler."""
        profiled = session(self.model_path, self.threads, os.path.join(self.workdir, "ort_profile"))
        for _ in range(self.warmup + repeats):
            profiled.run(None, self.feed)
        profile_path = profiled.end_profiling()
        with open(profile_path) as f:
            events = json.load(f)
        os.remove(profile_path)
        per_node = {}
        for event in events:
            if event.get("cat") == "Node" and event["name"].endswith("_kernel_time"):
                per_node.setdefault(event["name"][:-len("_kernel_time")], []).append(event["dur"] / 1e3)
        # Attribute each node to the engine layer named in it: ORT renames what it rewrites
        # ("conv1/relu_nchwc", "fused fc6"); the layout reorders it inserts go to "other".
        layers = {}
        for node, durations in per_node.items():
            owner = max((n for n in layer_names if re.search(rf"(^|[ /]){re.escape(n)}($|[ /_])", node)),
                        key=len, default="other")
            layers[owner] = layers.get(owner, 0) + statistics.median(durations[-repeats:])
        return layers


def median_by_key(rounds):
    """{key: median over the rounds that have it} for a list of {key: value} dicts."""
    keys = {k for r in rounds for k in r}
    return {k: statistics.median([r[k] for r in rounds if r.get(k) is not None])
            for k in keys if any(r.get(k) is not None for r in rounds)}


# ----------------------------------------------------------------------------------------------
# The engine

# NOTE: a child's ru_maxrss counts the memory of the process it was forked from (the kernel
# records the old address space's peak at exec), and this script holds hundreds of MB of weights
# and ONNX Runtime. A small Python trampoline starts the engine instead, so the peak reported is
# the engine's own.
TRAMPOLINE = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(result.returncode)
"""


def run_engine(binary, model, weights_path, image_path, repeats, workdir, kernels="auto"):
    """One `--report json` run: with `weights_path` None, the preset's own random init."""
    command = [binary, "--report", "json", "--repeat", str(repeats), "--model", model, "--kernels", kernels]
    command += ["--weights", weights_path] if weights_path else []
    command += [image_path]
    peak_path = os.path.join(workdir, "engine_peak_kib")
    result = subprocess.run([sys.executable, "-c", TRAMPOLINE, peak_path] + command,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
    report = json.loads(result.stdout)
    with open(peak_path) as f:
        peak = int(f.read()) * 1024
    layers = {layer["name"]: layer.get("ms") for layer in report["layers"]}
    # The whole pass's median (totals.run_ms.median), else the sum of the layer medians.
    totals = report.get("totals", {})
    total = (totals.get("run_ms") or {}).get("median") or totals.get("ms") or report.get("total_ms")
    if total is None:
        total = sum(ms for ms in layers.values() if ms is not None)
    run_engine.kernels = report.get("kernels", "unknown")
    return total, layers, np.array(report.get("logits", []), dtype=np.float64), peak, " ".join(command)


def measure_bandwidth(binary, repeats):
    """The machine's read bandwidth in bytes/s (median pass of `engine-bench bandwidth`), or None."""
    if not os.path.exists(binary):
        return None
    result = subprocess.run([binary, "bandwidth", "--repeat", str(repeats)], capture_output=True, text=True)
    found = re.search(r"median ([0-9.]+) GB/s", result.stdout)
    return float(found.group(1)) * 1e9 if result.returncode == 0 and found else None


def conv_alone(graph, layer):
    """The sub-graph of `graph` from convolution `layer`'s input to its ReLU, and that input's
    name and shape."""
    conv = next((n for n in graph.graph.node if n.name == layer and n.op_type == "Conv"), None)
    if conv is None:
        sys.exit(f"--alone {layer}: not a convolution of this model")
    # The Extractor needs every tensor's shape, which only inference fills in.
    inferred = onnx.shape_inference.infer_shapes(graph)
    sub = onnx.utils.Extractor(inferred).extract_model([conv.input[0]], [f"{layer}/relu"])
    shape = [d.dim_value for d in sub.graph.input[0].type.tensor_type.shape.dim]
    return sub, conv.input[0], shape


def engine_alone(binary, model, layer, repeats, kernels, threads):
    """`engine-bench MODEL --only LAYER`: the layer's median ms and the kernel variant it ran."""
    command = [binary, model, "--only", layer, "--repeat", str(repeats), "--threads", str(threads)]
    command += ["--kernels", kernels] if kernels != "auto" else []
    result = subprocess.run(command, capture_output=True, text=True)
    found = re.search(rf"^{re.escape(layer)} +([0-9.]+)", result.stdout, re.MULTILINE)
    variant = re.search(r"(\w+) kernels$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not found or not variant:
        sys.exit(f"{binary}: {result.stdout.strip() or result.stderr.strip()}")
    return float(found.group(1)), variant.group(1)


def compare_alone(args, weights, workdir):
    """`--alone LAYER`: the layer alone on both sides, in alternating rounds; prints the medians."""
    graph = seed_graph(weights) if args.model == "seed" else alexnet_graph(weights)
    sub, input_name, shape = conv_alone(graph, args.alone)
    path = os.path.join(workdir, f"{args.model}-{args.alone}.onnx")
    onnx.save(sub, path)
    x = np.random.default_rng(args.seed).random(shape, dtype=np.float32)
    onnxruntime = OnnxRuntimeSide(path, x, args.threads, args.warmup, workdir, input_name=input_name)
    rounds, variant = [], args.kernels
    for _ in range(args.rounds):
        ort_ms = onnxruntime.layers(args.repeat, [args.alone])[args.alone]
        engine_ms, variant = engine_alone(args.bench_binary, args.model, args.alone, args.repeat, args.kernels,
                                          args.threads)
        rounds.append((engine_ms, ort_ms))
    title, _ = host_kind(variant)
    print(f"{args.model} {args.alone} alone, warm, on {title} ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"median of {args.repeat} runs a round, {args.threads} threads on each side, ONNX Runtime {ort.__version__})")
    print("round  engine ms  ONNX Runtime ms  ratio")
    for number, (engine_ms, ort_ms) in enumerate(rounds, 1):
        print(f"{number:5}  {engine_ms:9.3f}  {ort_ms:15.3f}  {engine_ms / ort_ms:5.2f}")
    ratios = sorted(e / o for e, o in rounds)
    print(f"median {statistics.median(e for e, _ in rounds):9.3f}  {statistics.median(o for _, o in rounds):15.3f}  "
          f"{statistics.median(ratios):5.2f} (per round {ratios[0]:.2f}-{ratios[-1]:.2f})")


# ----------------------------------------------------------------------------------------------

def host_kind(kernels):
    """`AMD EPYC (Zen 4), avx512 kernels` and its marker key `amd-epyc-zen-4-avx512`."""
    name, _, _, kind = host_cpu.describe()
    title = f"{name} ({kind}), {kernels} kernels"
    return title, re.sub(r"[^a-z0-9]+", "-", f"{name} {kind} {kernels}".lower()).strip("-")


def machine():
    return (f"{host_cpu.sentence()}, {os.cpu_count()} cores; Linux {platform.release()}; "
            f"onnxruntime {ort.__version__}, numpy {np.__version__}")


def table(model, engine, random_init, onnxruntime, engine_total, random_total, ort_total, layer_names):
    """Per-layer medians: the engine with the weights file, with random init, ONNX Runtime."""
    lines = [f"| `{model}` layer | engine ms | engine ms, random init | ONNX Runtime ms | ratio |",
             "|---|---:|---:|---:|---:|"]

    def cell(value):
        return "—" if value is None else f"{value:.3f}"

    def ratio(a, b):
        return "—" if a is None or not b else f"{a / b:.2f}"

    for name in layer_names + (["other"] if "other" in onnxruntime else []):
        e, o = engine.get(name), onnxruntime.get(name)
        if e is None and o is None:
            continue
        label = "other (ORT layout reorders)" if name == "other" else name
        lines.append(f"| {label} | {cell(e)} | {cell(random_init.get(name))} | {cell(o)} | {ratio(e, o)} |")

    def total(values):
        return sum(v for v in values.values() if v)
    lines.append(f"| **sum of layer medians** | {total(engine):.3f} | {total(random_init):.3f} | "
                 f"{total(onnxruntime):.3f} | {ratio(total(engine), total(onnxruntime))} |")
    lines.append(f"| **total (median pass)** | {cell(engine_total)} | {cell(random_total)} | {cell(ort_total)} | "
                 f"{ratio(engine_total, ort_total)} |")
    return "\n".join(lines)


def targets(model, engine, onnxruntime, engine_total, ort_total, dense_bytes, bandwidth):
    """Issue 12's targets, each as a line ending in met / NOT met."""
    def verdict(ok):
        return "met" if ok else "**NOT met**"

    lines = []
    if engine_total and ort_total:
        limit = 0.8 if model == "seed" else 0.9
        ratio = engine_total / ort_total
        lines.append(f"Total: {ratio:.2f} x ONNX Runtime (target <= {limit}): {verdict(ratio <= limit)}.")
    convs = [(n, engine[n] / onnxruntime[n]) for n in sorted(engine)
             if n.startswith("conv") and engine.get(n) and onnxruntime.get(n)]
    if convs:
        worst = max(convs, key=lambda c: c[1])
        lines.append(f"Convolutions: {', '.join(f'{n} {r:.2f}' for n, r in convs)} x ONNX Runtime "
                     f"(target <= 1.0 each): {verdict(worst[1] <= 1.0)}.")
    if bandwidth:
        parts, ok = [], True
        for name in ("fc6", "fc7"):
            if engine.get(name):
                read_ms = dense_bytes[name] / bandwidth * 1e3
                ratio = engine[name] / read_ms
                ok = ok and ratio <= 1.2
                parts.append(f"{name} {engine[name]:.2f} ms = {ratio:.2f} x reading its "
                             f"{dense_bytes[name] / 1e6:.0f} MB ({read_ms:.2f} ms)")
        lines.append(f"Dense layers against the read bandwidth measured in the same run, "
                     f"{bandwidth / 1e9:.1f} GB/s (`engine-bench bandwidth`, median of the rounds): "
                     f"{'; '.join(parts)} (target <= 1.2): {verdict(ok)}.")
    return lines


def write_section(path, model, host, title, text):
    """Replaces the table of `model` on `host` (a host kind's key), or adds it with `title`."""
    begin, end = f"<!-- benchmark:{model}:{host}:begin -->", f"<!-- benchmark:{model}:{host}:end -->"
    with open(path) as f:
        content = f.read()
    block = f"{begin}\n### `{model}` on {title}\n\n{text}\n{end}"
    if begin in content and end in content:
        content = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, content, flags=re.S)
    else:
        content = content.rstrip() + "\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=["seed", "alexnet"], default="seed")
    parser.add_argument("--image", default=os.path.join(ROOT, "samples", "chelsea.ppm"))
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per side (median)")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="alternations of the two sides (median)")
    parser.add_argument("--threads", type=int, default=2, help="ONNX Runtime intra-op threads")
    parser.add_argument("--seed", type=int, default=0, help="random weights seed")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "alexnet-tui"))
    parser.add_argument("--bench-binary", default=os.path.join(ROOT, ".build", "release", "engine-bench"),
                        help="engine-bench, for the read bandwidth")
    parser.add_argument("--workdir", help="where weights, model and image go (default: a temp dir)")
    parser.add_argument("--skip-engine", action="store_true", help="ONNX Runtime side only")
    parser.add_argument("--kernels", default="auto", help="the engine's kernel variant (alexnet-tui --kernels)")
    parser.add_argument("--write", action="store_true", help="put the table in BENCHMARKS.md")
    parser.add_argument("--alone", metavar="LAYER", help="time one convolution alone on both sides (warm)")
    args = parser.parse_args()

    workdir = args.workdir or tempfile.mkdtemp(prefix="alexnet-bench-")
    os.makedirs(workdir, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    weights = seed_weights(rng) if args.model == "seed" else alexnet_weights(rng)
    if args.alone:
        compare_alone(args, weights, workdir)
        return
    weights_path = os.path.join(workdir, f"{args.model}.safetensors")
    save_file(weights, weights_path)
    weight_bytes = sum(a.nbytes for a in weights.values())
    model_path = os.path.join(workdir, f"{args.model}.onnx")
    onnx.save(seed_graph(weights) if args.model == "seed" else alexnet_graph(weights), model_path,
              save_as_external_data=True, location=f"{args.model}.onnx.data")
    image = centre_crop(read_ppm(args.image))
    image_path = os.path.join(workdir, "input224.ppm")
    write_ppm(image_path, image)

    layer_names = (["conv1", "pool1", "norm1", "conv2", "pool2", "norm2", "conv3", "conv4", "conv5",
                    "pool5", "norm5", "flatten", "fc6", "drop6", "fc7", "drop7", "fc8"]
                   if args.model == "seed" else
                   ["conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5", "pool5", "avgpool",
                    "flatten", "drop6", "fc6", "drop7", "fc7", "fc8"])

    load_before = os.getloadavg()[0]
    onnxruntime = OnnxRuntimeSide(model_path, preprocess(image, args.model), args.threads, args.warmup, workdir)
    if not args.skip_engine and not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: build it with `swift build -c release` (or pass --binary)")
    # Rounds alternate the two sides so that a change in the machine's load hits both alike.
    ort_totals, ort_rounds, engine_totals, engine_rounds, peaks, bandwidths = [], [], [], [], [], []
    random_totals, random_rounds = [], []
    engine_logits, command = None, None
    for _ in range(args.rounds):
        ort_totals.append(onnxruntime.total(args.repeat))
        ort_rounds.append(onnxruntime.layers(args.repeat, layer_names))
        if not args.skip_engine:
            total, layers, engine_logits, peak, command = run_engine(
                args.binary, args.model, weights_path, image_path, args.repeat, workdir, args.kernels)
            engine_totals.append(total)
            engine_rounds.append(layers)
            peaks.append(peak)
            # The same pass on the preset's random init: the speed must not depend on where the
            # weights came from (a mapped file's page-cache pages or freshly drawn memory).
            total, layers, _, _, _ = run_engine(args.binary, args.model, None, image_path, args.repeat, workdir,
                                                args.kernels)
            random_totals.append(total)
            random_rounds.append(layers)
            bandwidth = measure_bandwidth(args.bench_binary, 10)
            if bandwidth:
                bandwidths.append(bandwidth)
    ort_total, ort_layers, ort_logits = statistics.median(ort_totals), median_by_key(ort_rounds), onnxruntime.logits
    engine_total = statistics.median(engine_totals) if engine_totals else None
    engine_layers = median_by_key(engine_rounds)
    random_total = statistics.median(random_totals) if random_totals else None
    random_layers = median_by_key(random_rounds)
    peak = max(peaks) if peaks else None
    bandwidth = statistics.median(bandwidths) if bandwidths else None
    dense_bytes = {name: 4 * (inputs * outputs + outputs)
                   for name, _, inputs, outputs in (SEED_DENSE if args.model == "seed" else ALEXNET_DENSE)}
    layer_names += [n for r in engine_rounds for n in r if n not in layer_names]

    text = table(args.model, engine_layers, random_layers, ort_layers, engine_total, random_total, ort_total,
                 layer_names)
    title, host = host_kind(getattr(run_engine, "kernels", args.kernels))
    notes = [f"Machine: {machine()}.",
             f"Run: `scripts/benchmark_onnx.py --model {args.model} --repeat {args.repeat} --warmup {args.warmup} "
             f"--rounds {args.rounds} --kernels {args.kernels}` "
             f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}); ONNX Runtime with "
             f"{args.threads} intra-op threads, per-layer times from its profiler, total from unprofiled runs; "
             f"each figure is the median over {args.rounds} alternating rounds of the median of {args.repeat} runs."]
    notes.append(f"Load average (1 min) {load_before:.1f} before and {os.getloadavg()[0]:.1f} after the run: "
                 "above about 1, other processes share the two cores and the figures are not the machine's best.")
    if command:
        notes.append(f"Engine: `{os.path.relpath(command.split()[0], ROOT)} {' '.join(command.split()[1:6])} ...`.")
    if engine_logits is not None and engine_logits.size == ort_logits.size:
        scale = max(np.abs(ort_logits).max(), 1e-30)
        notes.append(f"Logits agree to a max relative error of {np.abs(engine_logits - ort_logits).max() / scale:.1e} "
                     f"(relative to the largest logit).")
    if peak:
        limit = weight_bytes + 64 * 2**20
        notes.append(f"Engine peak resident memory {peak / 2**20:.0f} MiB; target weights + 64 MiB = "
                     f"{limit / 2**20:.0f} MiB ({'met' if peak <= limit else '**NOT met**'}).")
    if not args.skip_engine:
        notes += targets(args.model, engine_layers, ort_layers, engine_total, ort_total, dense_bytes, bandwidth)
        if engine_total and random_total:
            # Paired by round: the two runs of a round are seconds apart, so the machine's
            # bandwidth (which swings by 10-30% within minutes here) is about the same for both.
            paired = sorted(w / r for w, r in zip(engine_totals, random_totals))
            ratio = statistics.median(paired)
            same = abs(ratio - 1) <= 0.05
            notes.append(f"Weights file vs random init: total {engine_total:.2f} vs {random_total:.2f} ms; "
                         f"per round {ratio:.2f} x (median; {paired[0]:.2f}-{paired[-1]:.2f} over {len(paired)} "
                         f"rounds; target: the same within 5%): {'met' if same else '**NOT met**'}.")
        if not bandwidth:
            notes.append(f"No read bandwidth: {os.path.relpath(args.bench_binary, ROOT)} not found "
                         "(`swift build -c release` builds it).")
    section = text + "\n\n" + "\n".join(f"- {n}" for n in notes)
    print(f"{args.model} on {title}\n\n{section}")
    if args.write:
        write_section(os.path.join(ROOT, "BENCHMARKS.md"), args.model, host, title, section)
        print(f"\nwrote the {args.model} table to BENCHMARKS.md")


if __name__ == "__main__":
    main()
