#!/usr/bin/env python3
"""Runs one report natively and under QEMU as older x86-64 CPUs, and compares the logits.

    scripts/check_emulated_cpus.py .build/release/alexnet-tui [--model seed] [--image samples/chelsea.ppm]

The release binary is built for any x86-64 and picks its kernels from CPUID at start-up: under
`qemu-x86_64 -cpu Nehalem` (SSE4.2, no AVX) it must choose the generic kernels, under `-cpu Haswell`
(AVX2 + FMA, no AVX-512) the AVX2 ones, and both must give the native run's logits within a
relative 1e-5 (of the largest logit). A binary that reaches for an instruction the CPU lacks dies
with SIGILL there. Needs `qemu-user` (Debian/Ubuntu: `apt-get install qemu-user`).
"""
import argparse
import json
import subprocess
import sys
import time

EMULATED = [("Nehalem", "generic"), ("Haswell", "avx2")]


def report(command):
    start = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)}: exit status {result.returncode}: {result.stderr.strip()}")
    return json.loads(result.stdout), seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--model", default="seed")
    parser.add_argument("--image", default="samples/chelsea.ppm")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()
    arguments = [args.binary, "--model", args.model, "--report", "json", args.image]

    native, seconds = report(arguments)
    expected = native["logits"]
    scale = max(abs(value) for value in expected)
    print(f"native: {native['kernels']} kernels, {seconds:.1f} s")
    failed = False
    for cpu, kernels in EMULATED:
        emulated, seconds = report(["qemu-x86_64", "-cpu", cpu] + arguments)
        worst = max(abs(a - b) for a, b in zip(emulated["logits"], expected)) / scale
        ok = emulated["kernels"] == kernels and len(emulated["logits"]) == len(expected) and worst <= args.tolerance
        failed |= not ok
        print(f"{cpu}: {emulated['kernels']} kernels (expected {kernels}), largest logit difference "
              f"{worst:.1e} of the largest logit (tolerance {args.tolerance:.0e}), {seconds:.1f} s"
              + ("" if ok else "  FAILED"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
