#!/usr/bin/env python3
"""Writes the reference fixtures the engine tests compare against (Tests/EngineTests/Fixtures/).

  dtypes   safetensors_dtypes.safetensors: F32, F16, BF16 and I64 tensors written by the
           safetensors library itself, with their exact float32 values, for the loader's tests.

Run with the project's venv: /work/venv/bin/python scripts/make_reference_fixtures.py [PART ...]
(no PART: all). Outputs are deterministic (fixed seeds).
"""
import pathlib
import sys

import numpy as np
import torch
from safetensors.torch import save_file

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests/EngineTests/Fixtures"


def make_dtypes():
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
    save_file(tensors, str(FIXTURES / "safetensors_dtypes.safetensors"))


PARTS = {"dtypes": make_dtypes}

if __name__ == "__main__":
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for part in sys.argv[1:] or list(PARTS):
        PARTS[part]()
        print(f"made {part}")
