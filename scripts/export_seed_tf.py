#!/usr/bin/env python3
"""Writes the seed model's TensorFlow variables as a .safetensors file that
`alexnet-tui --model seed --weights FILE` loads as it is.

The seed code keeps its parameters in variables named w1..w8 and b1..b8 (conv [kh, kw, in, out],
dense [in, out]). This reads them from a TensorFlow checkpoint — a TF1 `Saver` checkpoint
(`w1`, or `scope/w1`) or a TF2 `tf.train.Checkpoint` (`w1/.ATTRIBUTES/VARIABLE_VALUE`) — checks
every shape, and writes them under the same names, float32.

  python scripts/export_seed_tf.py --checkpoint path/to/model.ckpt seed.safetensors
  # no trained checkpoint: the original's random init, saved to a checkpoint and read back
  python scripts/export_seed_tf.py --random --seed 0 seed-random.safetensors

`--expected FILE` also writes the input and every layer's output of the model, computed by
TensorFlow on a fixed 224x224 test image (what scripts/check_full_fidelity.py compares against).
"""
import argparse
import os
import pathlib
import sys
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import tensorflow as tf
from safetensors.numpy import save_file

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import make_reference_fixtures as reference  # noqa: E402

SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"


def read_checkpoint(path):
    """{w1: array, ...} from a checkpoint, by the last component of each variable's name."""
    expected = reference.seed_shapes(reference.SEED_FULL)
    try:
        reader = tf.train.load_checkpoint(path)
    except (tf.errors.NotFoundError, tf.errors.DataLossError, ValueError) as error:
        sys.exit(f"export_seed_tf.py: {path}: not a readable TensorFlow checkpoint: {error.__class__.__name__}")
    found = {}
    for key in reader.get_variable_to_shape_map():
        name = key[: -len(SUFFIX)] if key.endswith(SUFFIX) else key
        name = name.split("/")[-1]
        if name not in expected or "optimizer" in key.lower() or "/m/" in key or "/v/" in key:
            continue  # optimizer slots, step counters, other variables
        if name in found:
            sys.exit(f"export_seed_tf.py: {path}: more than one variable named {name}")
        found[name] = reader.get_tensor(key)
    for name, shape in expected.items():
        if name not in found:
            sys.exit(f"export_seed_tf.py: {path}: no variable {name} (expected shape {shape})")
        if list(found[name].shape) != shape:
            sys.exit(f"export_seed_tf.py: {path}: variable {name} has shape {list(found[name].shape)}, expected {shape}")
    return {name: np.ascontiguousarray(found[name], dtype=np.float32) for name in expected}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", help="the .safetensors file to write")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint", help="a TensorFlow checkpoint prefix or directory")
    source.add_argument("--random", action="store_true", help="the original's random init instead")
    parser.add_argument("--seed", type=int, default=0, help="tf.random.set_seed for --random")
    parser.add_argument("--expected", metavar="FILE", help="also write the input and every layer's output")
    args = parser.parse_args()

    if args.random:
        variables = reference.seed_random_variables(reference.SEED_FULL, args.seed)
        with tempfile.TemporaryDirectory() as directory:
            # Through a real checkpoint, so that --random exercises the reading path too.
            prefix = tf.train.Checkpoint(**variables).write(os.path.join(directory, "seed"))
            weights = read_checkpoint(prefix)
    else:
        weights = read_checkpoint(args.checkpoint)

    save_file(weights, args.output, metadata={"source": "seed TensorFlow variables"})
    print(f"wrote {args.output}: {len(weights)} tensors, {sum(w.size for w in weights.values())} parameters")

    if args.expected:
        image = reference.half_exact(reference.random_image(0))
        reference.save_expected(args.expected, image, reference.seed_forward(weights, image))
        print(f"wrote {args.expected}")


if __name__ == "__main__":
    main()
