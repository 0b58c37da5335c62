#!/usr/bin/env python3
"""Writes the reference fixtures the engine tests compare against (Tests/EngineTests/Fixtures/).

  dtypes   safetensors_dtypes.safetensors: F32, F16, BF16 and I64 tensors written by the
           safetensors library itself, with their exact float32 values, for the loader's tests.
  seed     seed_reduced_{weights,expected}.safetensors: the seed architecture at reduced width, run
           in TensorFlow (tf.nn.conv2d NHWC SAME, tf.nn.max_pool, tf.nn.local_response_normalization
           with its defaults, tanh dense layers).
  alexnet  alexnet_reduced_{weights,expected}.safetensors: torchvision's AlexNet module with its
           layers swapped for reduced-width ones (same forward(), same state_dict names), in PyTorch.

A `_weights` file holds exactly the preset's keys in its layouts (TensorFlow HWIO / [in, out] for
seed; torchvision's state_dict for alexnet), so the engine loads it as it would a user's file.
An `_expected` file holds `input` [224, 224, 3] (F16: the values are chosen to be exact in half
precision, which halves the fixture) and every layer's output under the layer's name, [H, W, C]
for feature maps and [N] for vectors.

Run with a python3 that has the packages imported below: python3 scripts/make_reference_fixtures.py [PART ...]
(no PART: all). Outputs are deterministic (fixed seeds).
"""
import os
import pathlib
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
from safetensors.numpy import save_file as save_numpy

# torch and tensorflow are imported where used: the export scripts import this module, and the
# two frameworks abort when loaded into one process (both register the same LLVM options).

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests/EngineTests/Fixtures"

# The reduced widths the tests build with Preset.Widths(...): same structure, few channels.
SEED_REDUCED = dict(conv1=8, conv2=16, conv3=24, conv4=16, conv5=8, fc6=32, fc7=24, classes=17)
ALEXNET_REDUCED = dict(conv1=8, conv2=16, conv3=24, conv4=16, conv5=12, fc6=32, fc7=24, classes=10)
SEED_FULL = dict(conv1=96, conv2=256, conv3=384, conv4=384, conv5=384, fc6=4096, fc7=4096, classes=17)
ALEXNET_FULL = dict(conv1=64, conv2=192, conv3=384, conv4=256, conv5=256, fc6=4096, fc7=4096, classes=1000)

IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def half_exact(values):
    """float32 values that survive a round trip through float16 unchanged."""
    return values.astype(np.float16).astype(np.float32)


def random_image(seed):
    """A [224, 224, 3] image in [0, 1]: smooth gradients plus noise, like a photo's statistics."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:224, 0:224].astype(np.float32) / 223
    base = np.stack([x, y, 1 - (x + y) / 2], axis=-1)
    return np.clip(0.6 * base + 0.4 * rng.random((224, 224, 3), dtype=np.float32), 0, 1)


def seed_shapes(widths):
    """The seed model's variables and their TensorFlow shapes (conv HWIO, dense [in, out])."""
    w = widths
    shapes = {
        "w1": [11, 11, 3, w["conv1"]], "w2": [5, 5, w["conv1"], w["conv2"]],
        "w3": [3, 3, w["conv2"], w["conv3"]], "w4": [3, 3, w["conv3"], w["conv4"]],
        "w5": [3, 3, w["conv4"], w["conv5"]], "w6": [7 * 7 * w["conv4"], w["fc6"]],
        "w7": [w["fc6"], w["fc7"]], "w8": [w["fc7"], w["classes"]],
    }
    shapes.update({f"b{n}": [shapes[f"w{n}"][-1]] for n in range(1, 9)})
    return shapes


def seed_random_variables(widths, seed=0):
    """The original's initialisation: truncated normal weights (stddev 0.1), constant biases."""
    import tensorflow as tf

    tf.random.set_seed(seed)
    bias_values = {"b1": 0, "b2": 1, "b3": 0, "b4": 1, "b5": 0, "b6": 1, "b7": 1, "b8": 1}
    return {
        name: tf.Variable(tf.fill(shape, float(bias_values[name])) if name in bias_values
                          else tf.random.truncated_normal(shape, stddev=0.1), name=name)
        for name, shape in seed_shapes(widths).items()
    }


def seed_forward(weights, image):
    """The seed model in TensorFlow on one [224, 224, 3] image; every layer's output, batch dropped."""
    import tensorflow as tf

    x = tf.constant(image[None])
    out = {}

    def conv(name, inputs, n, stride=1):
        y = tf.nn.conv2d(inputs, weights[f"w{n}"], strides=[1, stride, stride, 1], padding="SAME")
        out[name] = tf.nn.relu(tf.nn.bias_add(y, weights[f"b{n}"]))
        return out[name]

    def pool(name, inputs):
        out[name] = tf.nn.max_pool(inputs, ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding="SAME")
        return out[name]

    def norm(name, inputs):
        out[name] = tf.nn.local_response_normalization(inputs)  # depth_radius=5, bias=1, alpha=1, beta=0.5
        return out[name]

    norm("norm1", pool("pool1", conv("conv1", x, 1, stride=4)))
    norm("norm2", pool("pool2", conv("conv2", out["norm1"], 2)))
    conv("conv5", conv("conv4", conv("conv3", out["norm2"], 3), 4), 5)
    norm("norm5", pool("pool5", out["conv4"]))  # the original pools conv4; conv5 feeds nothing
    out["flatten"] = tf.reshape(out["norm5"], [1, -1])
    out["fc6"] = tf.tanh(tf.matmul(out["flatten"], weights["w6"]) + weights["b6"])
    out["drop6"] = out["fc6"]  # dropout is the identity at inference
    out["fc7"] = tf.tanh(tf.matmul(out["drop6"], weights["w7"]) + weights["b7"])
    out["drop7"] = out["fc7"]
    out["fc8"] = tf.matmul(out["drop7"], weights["w8"]) + weights["b8"]
    return {k: v.numpy()[0] for k, v in out.items()}


def seed_reference(widths, seed=0):
    """Weights (TF layouts, keys w1..w8/b1..b8), input and per-layer outputs of the seed model."""
    weights = {k: v.numpy() for k, v in seed_random_variables(widths, seed).items()}
    image = half_exact(random_image(seed))
    return weights, image, seed_forward(weights, image)


def reduced_alexnet(widths):
    """torchvision's AlexNet with its layers swapped for ones of `widths`: the same module
    indices, so forward() and the state_dict names are torchvision's own."""
    import torchvision
    from torch import nn

    w = widths
    model = torchvision.models.AlexNet(num_classes=w["classes"])
    model.features[0] = nn.Conv2d(3, w["conv1"], kernel_size=11, stride=4, padding=2)
    model.features[3] = nn.Conv2d(w["conv1"], w["conv2"], kernel_size=5, padding=2)
    model.features[6] = nn.Conv2d(w["conv2"], w["conv3"], kernel_size=3, padding=1)
    model.features[8] = nn.Conv2d(w["conv3"], w["conv4"], kernel_size=3, padding=1)
    model.features[10] = nn.Conv2d(w["conv4"], w["conv5"], kernel_size=3, padding=1)
    model.classifier[1] = nn.Linear(w["conv5"] * 6 * 6, w["fc6"])
    model.classifier[4] = nn.Linear(w["fc6"], w["fc7"])
    model.classifier[6] = nn.Linear(w["fc7"], w["classes"])
    return model.eval()


def alexnet_forward(model, image):
    """A torchvision AlexNet module on one [224, 224, 3] image; every layer's output as the
    engine names it, feature maps as [H, W, C]."""
    import torch

    outputs = {}
    names = {
        model.features[1]: "conv1", model.features[2]: "pool1", model.features[4]: "conv2",
        model.features[5]: "pool2", model.features[7]: "conv3", model.features[9]: "conv4",
        model.features[11]: "conv5", model.features[12]: "pool5", model.avgpool: "avgpool",
        model.classifier[0]: "drop6", model.classifier[2]: "fc6", model.classifier[3]: "drop7",
        model.classifier[5]: "fc7", model.classifier[6]: "fc8",
    }

    def record(module, inputs, output):
        value = output.detach().clone()[0]
        outputs[names[module]] = value.permute(1, 2, 0) if value.dim() == 3 else value  # CHW -> HWC

    hooks = [module.register_forward_hook(record) for module in names]
    with torch.no_grad():
        logits = model.eval()(torch.from_numpy(image).permute(2, 0, 1)[None].contiguous())
    for hook in hooks:
        hook.remove()
    outputs["flatten"] = torch.flatten(outputs["avgpool"].permute(2, 0, 1))  # PyTorch's CHW order
    assert torch.equal(logits[0], outputs["fc8"])
    return {k: v.contiguous().numpy() for k, v in outputs.items()}


def alexnet_input(seed=0):
    """The test image after torchvision's normalisation, HWC."""
    return half_exact((random_image(seed) - IMAGENET_MEAN) / IMAGENET_STD)


def alexnet_reference(widths, seed=0):
    """torchvision's AlexNet at `widths` with PyTorch's default init: state_dict, input, outputs."""
    import torch

    torch.manual_seed(seed)
    model = reduced_alexnet(widths)
    image = alexnet_input(seed)
    state = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    return state, image, alexnet_forward(model, image)


def save_expected(path, image, outputs):
    tensors = {"input": image.astype(np.float16)}
    tensors.update({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in outputs.items()})
    save_numpy(tensors, str(path))


def make_dtypes():
    import torch
    from safetensors.torch import save_file as save_torch

    generator = torch.Generator().manual_seed(1)
    f16 = (torch.randn(5, 7, generator=generator) * 100).to(torch.float16)
    # Infinity, the largest half, a subnormal and negative zero exercise the conversion's edges.
    f16.view(-1)[:4] = torch.tensor([float("inf"), 65504.0, 2.0**-20, -0.0], dtype=torch.float16)
    bf16 = (torch.randn(37, generator=generator) * 1e-3).to(torch.bfloat16)
    bf16[0] = float("-inf")
    f32 = torch.randn(2, 3, generator=generator)
    tensors = {
        "f32": f32,
        "f16": f16,
        "bf16": bf16,
        "i64": torch.arange(4, dtype=torch.int64),
        "expected_f16": f16.to(torch.float32),
        "expected_bf16": bf16.to(torch.float32),
    }
    save_torch(tensors, str(FIXTURES / "safetensors_dtypes.safetensors"))


def make_seed():
    weights, image, outputs = seed_reference(SEED_REDUCED)
    save_numpy(weights, str(FIXTURES / "seed_reduced_weights.safetensors"))
    save_expected(FIXTURES / "seed_reduced_expected.safetensors", image, outputs)


def make_alexnet():
    from safetensors.torch import save_file as save_torch

    state, image, outputs = alexnet_reference(ALEXNET_REDUCED)
    save_torch(state, str(FIXTURES / "alexnet_reduced_weights.safetensors"))
    save_expected(FIXTURES / "alexnet_reduced_expected.safetensors", image, outputs)


PARTS = {"dtypes": make_dtypes, "seed": make_seed, "alexnet": make_alexnet}

if __name__ == "__main__":
    FIXTURES.mkdir(parents=True, exist_ok=True)
    parts = sys.argv[1:] or list(PARTS)
    if len(parts) == 1:
        PARTS[parts[0]]()
        print(f"made {parts[0]}")
    else:
        # One process per part: TensorFlow and torchvision cannot share one.
        import subprocess

        for part in parts:
            subprocess.run([sys.executable, __file__, part], check=True)
