#!/usr/bin/env python3
"""The roofline's ceilings checked against loops that share no code with the engine: a C
program (compiled here by `cc -O2 -march=native -fopenmp`) times FMAs on registers and a
streaming sum on two threads, and `engine-bench bandwidth` times its own sum. Each side is run
in alternating rounds; the medians are compared with the ceilings `alexnet-tui --report json`
measured, and fc6's and fc7's roofline shares with their weights' GB/s over engine-bench's.

    swift build -c release --product alexnet-tui --product engine-bench
    python3 scripts/check_ceilings.py [--rounds 5] [--model seed]

Needs a C compiler with OpenMP (gcc) and only the Python standard library.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# 10 chains of 16-float FMAs per thread (vector extensions; -march=native makes them zmm FMAs on
# AVX-512, pairs of ymm on AVX2), best of 40 short passes (~1.5 ms each on a quiet machine, as
# the engine's are: on a loaded one, short passes are the ones that find both cores free); and a
# 4-accumulator sum of 512 MiB, best of 10 passes.
C_SOURCE = r"""
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
typedef float v16 __attribute__((vector_size(64)));
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main(void) {
    const long steps = 1L << 19; double best = 1e9; float sink = 0;
    for (int pass = 0; pass < 41; pass++) {
        double start = now(); float total = 0;
        #pragma omp parallel reduction(+:total)
        {
            v16 x = {0}, y = {0};
            for (int l = 0; l < 16; l++) { x[l] = 1e-3f * (l + 1) + omp_get_thread_num() * 1e-6f; y[l] = 0.9999f; }
            v16 a0 = x, a1 = 2 * x, a2 = 3 * x, a3 = 4 * x, a4 = 5 * x, a5 = 6 * x, a6 = 7 * x, a7 = 8 * x, a8 = 9 * x, a9 = 10 * x;
            for (long s = 0; s < steps; s++) {  /* a = a * y + x: one FMA per chain and step */
                a0 = a0 * y + x; a1 = a1 * y + x; a2 = a2 * y + x; a3 = a3 * y + x; a4 = a4 * y + x;
                a5 = a5 * y + x; a6 = a6 * y + x; a7 = a7 * y + x; a8 = a8 * y + x; a9 = a9 * y + x;
            }
            v16 a = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9;
            for (int l = 0; l < 16; l++) total += a[l];
        }
        double t = now() - start; if (pass > 0 && t < best) best = t; sink += total;
    }
    printf("fma_gflops %.2f\n", 2.0 * steps * 10 * 16 * omp_get_max_threads() / best / 1e9);
    const long floats = 128L << 20;
    float *data = aligned_alloc(1 << 21, floats * sizeof(float));
    for (long i = 0; i < floats; i++) data[i] = 1;
    best = 1e9;
    for (int pass = 0; pass < 11; pass++) {
        double start = now(); float total = 0;
        #pragma omp parallel for reduction(+:total) schedule(dynamic, 1)
        for (long chunk = 0; chunk < floats / (1 << 20); chunk++) {
            v16 s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
            const v16 *p = (const v16 *)(data + chunk * (1 << 20));
            for (long i = 0; i < (1 << 20) / 16; i += 4) { s0 += p[i]; s1 += p[i + 1]; s2 += p[i + 2]; s3 += p[i + 3]; }
            v16 s = (s0 + s1) + (s2 + s3);
            for (int l = 0; l < 16; l++) total += s[l];
        }
        double t = now() - start; if (pass > 0 && t < best) best = t; sink += total;
    }
    printf("read_gb %.2f\n", floats * 4.0 / best / 1e9);
    fprintf(stderr, "checksum %g\n", sink);
    return 0;
}
"""


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {result.stdout}{result.stderr}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--model", default="seed")
    parser.add_argument("--image", default=os.path.join(ROOT, "samples", "chelsea.ppm"))
    parser.add_argument("--build", default=os.path.join(ROOT, ".build", "release"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        source, binary = os.path.join(work, "ceilings.c"), os.path.join(work, "ceilings")
        with open(source, "w") as file:
            file.write(C_SOURCE)
        run(["cc", "-O2", "-march=native", "-ffp-contract=fast", "-fopenmp", source, "-o", binary])
        os.environ["OMP_NUM_THREADS"] = "2"
        rows = []
        for _ in range(args.rounds):
            c = dict(line.split() for line in run([binary]).splitlines())
            bench = re.search(r"median ([0-9.]+) GB/s", run([os.path.join(args.build, "engine-bench"), "bandwidth",
                                                              "--repeat", "10"])).group(1)
            report = json.loads(run([os.path.join(args.build, "alexnet-tui"), "--model", args.model, "--report",
                                     "json", "--repeat", "10", args.image]))
            layers = {layer["name"]: layer for layer in report["layers"]}
            rows.append({
                "c_fma": float(c["fma_gflops"]), "c_read": float(c["read_gb"]), "bench_read": float(bench),
                "fma": report["ceilings"]["fma_gflops_per_s"], "read": report["ceilings"]["read_gb_per_s"],
                **{f"{name}_roof": layers[name]["roofline"] for name in ("fc6", "fc7")},
                **{f"{name}_gbs": layers[name]["bytes"] / layers[name]["ms"] / 1e6 for name in ("fc6", "fc7")},
            })
    median = {key: statistics.median(row[key] for row in rows) for key in rows[0]}
    print(f"load average {os.getloadavg()[0]:.1f}; medians of {args.rounds} rounds")
    print(f"FMA peak: alexnet-tui {median['fma']:.1f} GFLOP/s, C loop {median['c_fma']:.1f} "
          f"(ratio {median['fma'] / median['c_fma']:.3f})")
    print(f"read bandwidth: alexnet-tui {median['read']:.2f} GB/s, C loop {median['c_read']:.2f} "
          f"(ratio {median['read'] / median['c_read']:.3f}), engine-bench bandwidth median {median['bench_read']:.2f} "
          f"(ratio {median['read'] / median['bench_read']:.3f})")
    for name in ("fc6", "fc7"):
        print(f"{name}: roofline {100 * median[f'{name}_roof']:.1f}% of the report's read ceiling; "
              f"{median[f'{name}_gbs']:.2f} GB/s moved = {100 * median[f'{name}_gbs'] / median['bench_read']:.1f}% "
              f"of engine-bench bandwidth")


if __name__ == "__main__":
    main()
