#!/usr/bin/env python3
"""Writes the dropout masks that Tests/EngineTests/DropoutModeTests.swift compares the seed
preset's `--dropout original` run against, computed here from the rule alone (no Swift code):

  a dropout layer at position `index` of the network, under the run's `--seed`, has the mask seed
      mask_seed = splitmix64(seed + index)
  and keeps element i (then doubles it, rate 0.5) when
      splitmix64(mask_seed + i * 0x9E3779B97F4A7C15) >> 40  <  round(0.5 * 2**24)
  where splitmix64 is SplitMix64's output function (add the golden gamma, then two
  xor-shift-multiply rounds and a final xor-shift), all arithmetic modulo 2**64.

Run from the repository root:  python3 scripts/make_dropout_masks.py
Writes Tests/EngineTests/Fixtures/dropout-masks.txt, one mask a line:
  seed index count hex      (hex: bit i of the mask is bit (i % 4) of hex digit i // 4, 1 = kept)
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "EngineTests", "Fixtures", "dropout-masks.txt")
MASK64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def splitmix64(state):
    z = (state + GOLDEN) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def mask(seed, index, count, keep=0.5):
    mask_seed = splitmix64((seed + index) & MASK64)
    threshold = round(keep * (1 << 24))
    return [splitmix64((mask_seed + i * GOLDEN) & MASK64) >> 40 < threshold for i in range(count)]


def to_hex(bits):
    digits = []
    for start in range(0, len(bits), 4):
        digits.append("%x" % sum(1 << k for k, bit in enumerate(bits[start:start + 4]) if bit))
    return "".join(digits)


def main():
    # The seed preset: drop6 is layer 13, drop7 layer 15, each 4096 wide.
    lines = []
    for seed in (0, 7):
        for index in (13, 15):
            lines.append("%d %d %d %s" % (seed, index, 4096, to_hex(mask(seed, index, 4096))))
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    main()
