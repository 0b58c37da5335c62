#!/usr/bin/env python3
"""Checks the FULL-size presets against their reference frameworks, once, by hand, and with
them the two export scripts.

Runs `export_seed_tf.py --random` (the original's init in TensorFlow, through a checkpoint) and
`export_torchvision_alexnet.py --random` (torchvision's alexnet(), PyTorch's init), each with
`--expected`, writing `<preset>_full_weights.safetensors` (~400 MB / ~250 MB) and
`<preset>_full_expected.safetensors` (input and every layer's output on a fixed 224x224 image)
into DIR. Then runs the opt-in Swift test that loads them as `--weights` files are loaded and
prints each layer's max |engine - reference| / max |reference|. Nothing here is committed.

  python3 scripts/check_full_fidelity.py [--dir DIR] [--scratch-path PATH] [--no-test]
"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "alexnet-tui-full-fidelity"))
    parser.add_argument("--scratch-path", help="passed to swift test")
    parser.add_argument("--no-test", action="store_true", help="only write the reference files")
    args = parser.parse_args()
    directory = pathlib.Path(args.dir)
    directory.mkdir(parents=True, exist_ok=True)
    for preset, script in [("seed", "export_seed_tf.py"), ("alexnet", "export_torchvision_alexnet.py")]:
        subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--random",
                        "--expected", str(directory / f"{preset}_full_expected.safetensors"),
                        str(directory / f"{preset}_full_weights.safetensors")], check=True)
    if args.no_test:
        return
    command = ["swift", "test", "--filter", "fullSizeModelMatchesTheReferenceFramework"]
    if args.scratch_path:
        command += ["--scratch-path", args.scratch_path]
    environment = dict(os.environ, ALEXNET_TUI_FULL_FIDELITY_DIR=str(directory))
    sys.exit(subprocess.run(command, cwd=ROOT, env=environment).returncode)


if __name__ == "__main__":
    main()
