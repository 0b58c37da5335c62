#!/usr/bin/env python3
"""Derives the matrices of Winograd's F(2x2, 3x3), F(2x2, 5x5) and F(4x4, 3x3) that the engine
uses, and measures what float32 costs each of them in accuracy.

For F(m, r) with n = m + r - 1 interpolation points (n - 1 finite ones and infinity), Toom-Cook
gives A^T (m x n, a Vandermonde matrix of the points, the last column for infinity) and G (n x r,
the filter evaluated at each point divided by the product of the point's distances to the others).
B^T (n x n) is then the one matrix with A^T [(G g) * (B^T d)] = the correlation of d with g for
every d and g: a linear system this script solves exactly, in rationals. The 2-D algorithm nests
the 1-D one: Y = A^T [(G g G^T) * (B^T d B)] A.

The engine's constants (Sources/Engine/Ops/Winograd.swift for G, and
Sources/Kernels/Shared/WinogradTransforms.swift for B^T and A^T) are these matrices; F(2x2, 3x3)
there has signs flipped in pairs that cancel: G's and B^T's first rows, and B^T's last row with
A^T's last column.

Accuracy: for random normal 2-D blocks d and filters g, each matrix rounded to float32 and every
step computed in float32, the largest error of a tile's outputs relative to its largest output,
against float64 (median and maximum over 2000 tiles).

    python3 scripts/winograd_matrices.py     (needs sympy and numpy)
"""
import numpy as np
import sympy as sp


def toom_cook(points, m, r):
    n = m + r - 1
    p = [sp.Rational(x) for x in points]
    at = sp.zeros(m, n)
    for i in range(m):
        for j in range(n - 1):
            at[i, j] = p[j] ** i
    at[m - 1, n - 1] = 1
    g = sp.zeros(n, r)
    for j in range(n - 1):
        distance = sp.prod([p[j] - p[l] for l in range(n - 1) if l != j])
        for k in range(r):
            g[j, k] = p[j] ** k / distance
    g[n - 1, r - 1] = 1
    bt = sp.Matrix(n, n, lambda a, b: sp.Symbol(f"b{a}_{b}"))
    equations = [sum(at[i, j] * g[j, k] * bt[j, e] for j in range(n)) - (1 if e == i + k else 0)
                 for i in range(m) for k in range(r) for e in range(n)]
    solution = sp.solve(equations, list(bt), dict=True)
    assert solution, "no B^T for these points"
    bt = bt.subs(solution[0])
    bt = bt.subs({symbol: 0 for symbol in bt.free_symbols})
    return at, g, bt


def float32_error(at, g, bt, m, r, tiles=2000, seed=0):
    n = m + r - 1
    rng = np.random.default_rng(seed)
    at32, g32, bt32 = (np.array(x, dtype=np.float64).astype(np.float32) for x in (at, g, bt))
    errors = []
    for _ in range(tiles):
        d = rng.standard_normal((n, n)).astype(np.float32)
        f = rng.standard_normal((r, r)).astype(np.float32)
        reference = np.array([[(f.astype(np.float64) * d[i:i + r, j:j + r]).sum() for j in range(m)]
                              for i in range(m)])
        u = g32 @ f @ g32.T
        v = bt32 @ d @ bt32.T
        y = at32 @ (u * v) @ at32.T
        errors.append(np.abs(y - reference).max() / np.abs(reference).max())
    return float(np.median(errors)), float(np.max(errors))


def main():
    for name, points, m, r in [("F(2x2, 3x3)", (0, 1, -1), 2, 3), ("F(2x2, 5x5)", (0, 1, -1, 2, -2), 2, 5),
                               ("F(4x4, 3x3)", (0, 1, -1, 2, -2), 4, 3)]:
        at, g, bt = toom_cook(points, m, r)
        print(f"{name}, points {', '.join(map(str, points))} and infinity")
        for label, matrix in (("A^T", at), ("G", g), ("B^T", bt)):
            print(f"  {label}:")
            for row in matrix.tolist():
                print("    [" + "  ".join(f"{str(x):>5}" for x in row) + "]")
        median, worst = float32_error(at, g, bt, m, r)
        print(f"  float32 error relative to a tile's largest output: median {median:.1e}, max {worst:.1e}\n")


if __name__ == "__main__":
    main()
