#!/usr/bin/env python3
"""The engine's kernels alone: per-layer medians of both presets on one and on two threads, and
the machine's read bandwidth, from `engine-bench` (synthetic weights, no model file needed).

    swift build -c release --product engine-bench
    python3 scripts/benchmark_kernels.py [--repeat 20] [--write]

With --write the table replaces the section between `<!-- engine-bench:begin -->` and
`<!-- engine-bench:end -->` in BENCHMARKS.md. Needs only the Python standard library.
"""
import argparse
import os
import re
import subprocess
import sys
import time

import host_cpu

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(binary, arguments):
    result = subprocess.run([binary] + arguments, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{binary} {' '.join(arguments)} failed: {result.stdout}{result.stderr}")
    return result.stdout


def layers(text):
    """{layer: (ms, GFLOP/s, GB/s, GFLOP per CPU-second)} and the whole pass's median, from one
    preset's output (engine-bench's columns are fixed-width: name 11, then 9, 9, 7, 9, 12)."""
    rows, whole = {}, None
    for line in text.splitlines():
        if " → " in line and not line.startswith("layer"):
            cells = [line[a:b].strip() for a, b in ((0, 11), (11, 20), (20, 29), (29, 36), (36, 45), (45, 57))]
            name, ms, gflops, gbs, _cpu, per_cpu = cells
            rows[name] = (ms, gflops, gbs, per_cpu)
        found = re.search(r"median whole pass ([0-9.]+) ms", line)
        if found:
            whole = found.group(1)
    return rows, whole


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "engine-bench"))
    parser.add_argument("--write", action="store_true", help="put the tables in BENCHMARKS.md")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: `swift build -c release --product engine-bench`")

    load_before = os.getloadavg()[0]
    sections = []
    for preset in ("seed", "alexnet"):
        one, whole_one = layers(run(args.binary, [preset, "--repeat", str(args.repeat), "--threads", "1"]))
        two, whole_two = layers(run(args.binary, [preset, "--repeat", str(args.repeat), "--threads", "2"]))
        lines = [f"| `{preset}` | 1 thread ms | GFLOP/cpu-s | 2 threads ms | GFLOP/s | GB/s |",
                 "|---|---:|---:|---:|---:|---:|"]
        for name in two:
            if name in ("drop6", "drop7", "avgpool", "flatten"):
                continue
            ms1, _, _, per_cpu = one.get(name, ("", "", "", ""))
            ms2, gflops, gbs, _ = two[name]
            lines.append(f"| {name} | {ms1} | {per_cpu} | {ms2} | {gflops} | {gbs} |")
        lines.append(f"| whole pass (all layers) | {whole_one} | | {whole_two} | | |")
        sections.append("\n".join(lines))
    bandwidth = run(args.binary, ["bandwidth", "--repeat", str(args.repeat)]).strip()
    load_after = os.getloadavg()[0]

    commit = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"], capture_output=True,
                            text=True).stdout.strip()
    text = (f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {host_cpu.sentence()} by "
            f"`scripts/benchmark_kernels.py "
            f"--repeat {args.repeat}` (commit {commit}); load average {load_before:.1f} before, "
            f"{load_after:.1f} after. Dense layers are bound by memory bandwidth; this run's "
            f"{bandwidth.replace('read bandwidth: ', 'read bandwidth (`engine-bench bandwidth`): ')}.\n\n"
            + "\n\n".join(sections))
    print(text)
    if args.write:
        path = os.path.join(ROOT, "BENCHMARKS.md")
        with open(path) as f:
            content = f.read()
        begin, end = "<!-- engine-bench:begin -->", "<!-- engine-bench:end -->"
        if begin not in content or end not in content:
            sys.exit(f"{path} has no {begin} ... {end} section")
        content = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: f"{begin}\n{text}\n{end}", content,
                         flags=re.S)
        with open(path, "w") as f:
            f.write(content)
        print("\nwrote the kernel tables to BENCHMARKS.md")


if __name__ == "__main__":
    main()
