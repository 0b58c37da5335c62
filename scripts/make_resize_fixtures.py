#!/usr/bin/env python3
"""Writes the reference outputs that Tests/EngineTests/Resize*Tests.swift and
Preprocessing*Tests.swift compare the Swift resizing against.

Run from the repository root:  python3 scripts/make_resize_fixtures.py
Needs Pillow (and torchvision for the torchvision path; without it the same rule is applied by
hand). Writes raw little-endian files without headers; the tests know their shapes:

  resize-{chelsea,coffee}-seed.u8         224x224x3 uint8: PIL resize((224, 224), BILINEAR)
  resize-{chelsea,coffee}-torchvision.u8  224x224x3 uint8: torchvision Resize(256) + CenterCrop(224)
  resize-chelsea-green-61x40.f32          40x61 float32: chelsea's green channel (mode "F",
                                          so PIL neither rounds nor clips) shrunk 7.4x / 7.5x
  resize-chelsea-green-crop-71x19.f32     19x71 float32: green channel, box (200, 100, 240, 130)
                                          i.e. 40x30 pixels, widened and shrunk
  resize-chelsea-green-crop-97x64.f32     64x97 float32: the same 40x30 crop enlarged both ways
"""
import os
import sys

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "EngineTests", "Fixtures")


def torchvision_like(image):
    """torchvision's Resize(256) + CenterCrop(224) on a PIL image."""
    try:
        from torchvision import transforms
        return transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224)])(image)
    except ImportError:
        w, h = image.size
        short, long = min(w, h), max(w, h)
        new_long = int(256 * long / short)
        nw, nh = (256, new_long) if w <= h else (new_long, 256)
        resized = image.resize((nw, nh), Image.BILINEAR)
        top, left = int(round((nh - 224) / 2.0)), int(round((nw - 224) / 2.0))
        return resized.crop((left, top, left + 224, top + 224))


def write(name, array):
    path = os.path.join(OUT, name)
    array.astype(array.dtype.newbyteorder("<")).tofile(path)
    print(f"{name}: {array.shape} {array.dtype}, {os.path.getsize(path)} bytes")


def main():
    os.makedirs(OUT, exist_ok=True)
    for sample in ("chelsea", "coffee"):
        image = Image.open(os.path.join(ROOT, "samples", f"{sample}.ppm")).convert("RGB")
        write(f"resize-{sample}-seed.u8", np.asarray(image.resize((224, 224), Image.BILINEAR)))
        write(f"resize-{sample}-torchvision.u8", np.asarray(torchvision_like(image)))

    chelsea = Image.open(os.path.join(ROOT, "samples", "chelsea.ppm")).convert("RGB")
    green = Image.fromarray(np.asarray(chelsea)[:, :, 1].astype(np.float32), mode="F")
    write("resize-chelsea-green-61x40.f32", np.asarray(green.resize((61, 40), Image.BILINEAR)))
    crop = green.crop((200, 100, 240, 130))
    write("resize-chelsea-green-crop-71x19.f32", np.asarray(crop.resize((71, 19), Image.BILINEAR)))
    write("resize-chelsea-green-crop-97x64.f32", np.asarray(crop.resize((97, 64), Image.BILINEAR)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
