#!/usr/bin/env python3
"""The kernel variants against each other on this host, interleaved: `engine-bench PRESET --kernels V`
for each variant in turn, for several rounds, and per layer the median ratio of each variant's
time to the first one's (round by round, so that a change in the machine's load hits both alike).

    swift build -c release --product engine-bench
    python3 scripts/benchmark_variants.py [--variants avx512,avx2] [--threads 1] [--rounds 5] [--repeat 10]

With `--threads 1` (the default) the times are the main thread's CPU time, which other processes
competing for the cores do not inflate: the speed of the kernels per core. Needs only the Python
standard library.
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchmark_kernels import ROOT, layers, run  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", default="avx512,avx2", help="comma-separated; ratios are to the first")
    parser.add_argument("--presets", default="seed,alexnet")
    parser.add_argument("--threads", type=int, default=1, choices=[1, 2])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "engine-bench"))
    args = parser.parse_args()
    variants = args.variants.split(",")
    load_before = os.getloadavg()[0]
    for preset in args.presets.split(","):
        # times[variant][layer] = per-round times (CPU ms with one thread, else wall ms)
        times = {v: {} for v in variants}
        for _ in range(args.rounds):
            for variant in variants:
                text = run(args.binary, [preset, "--repeat", str(args.repeat), "--threads", str(args.threads),
                                         "--kernels", variant])
                rows, whole = layers(text)
                for name, (ms, _gflops, _gbs, _per_cpu) in rows.items():
                    cpu = cpu_ms(text, name) if args.threads == 1 else float(ms)
                    times[variant].setdefault(name, []).append(cpu)
                times[variant].setdefault("whole pass", []).append(float(whole))
        base = variants[0]
        unit = "CPU ms (1 thread)" if args.threads == 1 else "ms (2 threads)"
        print(f"| `{preset}` | " + " | ".join(f"{v} {unit}" for v in variants)
              + " | " + " | ".join(f"{v} / {base}" for v in variants[1:]) + " |")
        print("|---|" + "---:|" * (2 * len(variants) - 1))
        for name in times[base]:
            if not (name.startswith("conv") or name.startswith("fc") or name == "whole pass"):
                continue
            medians = [statistics.median(times[v][name]) for v in variants]
            ratios = [statistics.median(a / b for a, b in zip(times[v][name], times[base][name]) if b > 0)
                      for v in variants[1:]]
            print(f"| {name} | " + " | ".join(f"{m:.3f}" for m in medians) + " | "
                  + " | ".join(f"{r:.2f}" for r in ratios) + " |")
        print()
    print(f"{args.rounds} interleaved rounds of `engine-bench --repeat {args.repeat} --threads {args.threads}`; "
          f"load average (1 min) {load_before:.1f} before, {os.getloadavg()[0]:.1f} after. "
          "The whole pass is wall time.")


def cpu_ms(text, name):
    """The `cpu ms` column of layer `name` (columns 36-45 of engine-bench's fixed-width rows)."""
    for line in text.splitlines():
        if line.startswith(name + " ") and " → " in line:
            return float(line[36:45])
    return float("nan")


if __name__ == "__main__":
    main()
