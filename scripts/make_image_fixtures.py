#!/usr/bin/env python3
"""Writes the JPEG and PNG fixtures of the image readers' tests, and what Pillow decodes them to.

Into Tests/EngineTests/Fixtures/Images/: small crops of samples/chelsea.ppm (odd sizes, so that
chroma subsampling and Adam7 passes have ragged edges) saved as

  jpeg-420, jpeg-422, jpeg-444, jpeg-grey, jpeg-progressive, jpeg-cmyk   (.jpg, written by Pillow)
  png-rgb, png-palette (4-bit), png-palette-trns (8-bit, with tRNS), png-grey-alpha,
  png-grey16, png-rgb16, png-grey-alpha16, png-grey2, png-interlaced (RGB), png-interlaced-rgba16

(.png; Pillow cannot write 16-bit colour, 2-bit grey or interlaced PNG, so those come from the small
writer below), each beside `<name>.pil.ppm`: Pillow's `Image.open(file).convert("RGB")`, the pixels
the readers must reproduce exactly; and `bad-*` files, damaged each in one way, that the readers
refuse (see make_bad_files).

It also writes the samples samples/chelsea.jpg and samples/chelsea.png from samples/chelsea.ppm.

  python3 scripts/make_image_fixtures.py

With torch and torchvision importable, also writes `alexnet_jpeg_expected.safetensors`: for the
4:2:0, 4:4:4, grey and progressive JPEGs, every layer's output (`<layer>-<name>`, [H, W, C] or [N])
of the reduced alexnet of `make_reference_fixtures.py`, with its committed weights, on
torchvision's evaluation transform of Pillow's decoding (resized as a float tensor, see there).
"""
import pathlib
import struct
import sys
import zlib

import numpy as np
from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/EngineTests/Fixtures/Images"


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png_rows(samples, bit_depth):
    """Rows of `samples` [h, w, c] as PNG packs them, each behind filter byte 0."""
    rows = []
    for row in samples:
        if bit_depth == 16:
            data = row.astype(">u2").tobytes()
        elif bit_depth == 8:
            data = row.astype(np.uint8).tobytes()
        else:
            values = row.reshape(-1).astype(np.uint8)
            bits = (values[:, None] >> np.arange(bit_depth - 1, -1, -1)) & 1
            data = np.packbits(bits.reshape(-1)).tobytes()
        rows.append(b"\0" + data)
    return b"".join(rows)


def png_file(width, height, color_type, bit_depth, idat, interlace=False, palette=b""):
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, int(interlace))
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + (png_chunk(b"PLTE", palette) if palette else b"")
            + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b""))


def write_png(path, samples, color_type, bit_depth, interlace=False, palette=b""):
    """A PNG of `samples` [h, w, c] (values already in the bit depth's range)."""
    height, width = samples.shape[:2]
    if interlace:
        raw = b"".join(png_rows(samples[y::dy, x::dx], bit_depth)
                       for x, y, dx, dy in ADAM7 if samples[y::dy, x::dx].size)
    else:
        raw = png_rows(samples, bit_depth)
    path.write_bytes(png_file(width, height, color_type, bit_depth, zlib.compress(raw, 9), interlace, palette))


def patched(data, offset, new):
    return data[:offset] + new + data[offset + len(new):]


def scan_damaged(jpeg, damage):
    """`jpeg` with the entropy-coded data of its (only) scan, between the SOS header and the end
    marker, passed through `damage`."""
    sos = jpeg.index(b"\xff\xda")
    start = sos + 2 + struct.unpack(">H", jpeg[sos + 2:sos + 4])[0]
    end = len(jpeg) - 2
    return jpeg[:start] + damage(jpeg[start:end]) + jpeg[end:]


def scrambled(scan):
    return bytes(byte ^ 0x55 if index % 7 == 0 else byte for index, byte in enumerate(scan))


def make_bad_files():
    """Damaged files, each refused with one line (the tests name the line); read from the good
    fixtures just written."""
    jpeg = (OUT / "jpeg-420.jpg").read_bytes()
    jpeg444 = (OUT / "jpeg-444.jpg").read_bytes()
    progressive = (OUT / "jpeg-progressive.jpg").read_bytes()
    png = (OUT / "png-rgb.png").read_bytes()
    sof = jpeg.index(b"\xff\xc0") + 5          # SOF0: length, precision, then height, width
    sof2 = progressive.index(b"\xff\xc2") + 5
    dht = jpeg.index(b"\xff\xc4") + 5          # DHT: length, class/id, then 16 code counts
    idat = png.index(b"IDAT")
    idat_crc = idat + 4 + struct.unpack(">I", png[idat - 4:idat])[0]
    bad = {
        "bad-jpeg-truncated.jpg": jpeg[: len(jpeg) // 2],
        "bad-jpeg-huffman.jpg": patched(jpeg, dht, bytes([255] * 16)),
        "bad-jpeg-huge.jpg": patched(jpeg, sof, struct.pack(">HH", 29, 20000)),
        "bad-jpeg-zero-height.jpg": patched(jpeg, sof, struct.pack(">H", 0)),
        # 8000x8000 progressive 4:2:0: 192 MB of coefficients.
        "bad-jpeg-progressive-memory.jpg": patched(progressive, sof2, struct.pack(">HH", 8000, 8000)),
        # Damaged scan data, which libjpeg only warns about ("Corrupt JPEG data: ...", djpeg exits 2)
        # and Pillow decodes to guessed pixels: every 7th byte XORed with 0x55 (a bad Huffman code),
        # the middle third zeroed (stray bytes before the end marker), an end marker mid-scan.
        "bad-jpeg-scrambled.jpg": scan_damaged(jpeg444, scrambled),
        "bad-jpeg-zeroed.jpg": scan_damaged(jpeg, lambda scan: patched(scan, len(scan) // 3, bytes(len(scan) // 3))),
        "bad-jpeg-end-mid-scan.jpg": scan_damaged(jpeg, lambda scan: patched(scan, len(scan) // 2, b"\xff\xd9")),
        "bad-png-truncated.png": png[: len(png) // 2],
        # The CRC of IDAT changed (the data intact).
        "bad-png-crc.png": patched(png, idat_crc, bytes([png[idat_crc] ^ 0x40])),
        "bad-png-huge.png": png_file(100000, 29, 2, 8, zlib.compress(b"")),
        "bad-png-zero-width.png": png_file(0, 29, 2, 8, zlib.compress(b"")),
        # 16384 x 2048 interlaced RGB: 96 MB of rows, decoded whole.
        "bad-png-interlaced-memory.png": png_file(16384, 2048, 2, 8, zlib.compress(b""), interlace=True),
    }
    # A two-colour palette whose pixels use index 5.
    indices = np.zeros((4, 6, 1), np.uint8)
    indices[2, 3] = 5
    write_png(OUT / "bad-png-palette-index.png", indices, 3, 8, palette=bytes([0, 0, 0, 255, 255, 255]))
    # A decompression bomb: 64x64 RGB followed by 1 GiB of zeros in one zlib stream (~1 MB).
    deflate = zlib.compressobj(9)
    zeros = bytes(1 << 24)
    idat = b"".join(deflate.compress(zeros) for _ in range(64)) + deflate.flush()
    bad["bad-png-idat-bomb.png"] = png_file(64, 64, 2, 8, idat)
    for name, data in bad.items():
        (OUT / name).write_bytes(data)


def make_images():
    OUT.mkdir(parents=True, exist_ok=True)
    photo = Image.open(ROOT / "samples/chelsea.ppm").convert("RGB")
    rgb = photo.crop((190, 70, 227, 99))            # 37x29
    tall = photo.crop((120, 40, 141, 93))           # 21x53
    rng = np.random.default_rng(13)
    written = []

    def save(name, image, **options):
        path = OUT / f"{name}.jpg"
        image.save(path, "JPEG", **options)
        written.append(path)

    save("jpeg-420", rgb, quality=90, subsampling=2)
    save("jpeg-422", tall, quality=85, subsampling=1)
    save("jpeg-444", rgb, quality=95, subsampling=0)
    save("jpeg-grey", tall.convert("L"), quality=90)
    save("jpeg-progressive", rgb, quality=80, progressive=True)
    save("jpeg-cmyk", rgb.convert("CMYK"), quality=90)

    def save_png(name, image, **options):
        path = OUT / f"{name}.png"
        image.save(path, "PNG", **options)
        written.append(path)

    save_png("png-rgb", rgb)
    save_png("png-palette", rgb.quantize(colors=16))                 # Pillow writes 4 bits
    save_png("png-palette-trns", tall.quantize(colors=200), transparency=3)
    grey_alpha = Image.merge("LA", (rgb.convert("L"), Image.fromarray(rng.integers(0, 256, (29, 37), np.uint8))))
    save_png("png-grey-alpha", grey_alpha)
    # 16-bit grey spanning 0...1023: Pillow clips it to 255 when converting to RGB.
    grey16 = (np.asarray(tall.convert("L"), dtype=np.uint16) * 4 + rng.integers(0, 4, (53, 21))).astype(np.uint16)
    save_png("png-grey16", Image.fromarray(grey16))

    def write(name, samples, color_type, bit_depth, interlace=False):
        path = OUT / f"{name}.png"
        write_png(path, samples, color_type, bit_depth, interlace)
        written.append(path)

    wide = np.asarray(rgb, dtype=np.uint16) * 257 + rng.integers(0, 257, (29, 37, 3)).astype(np.uint16)
    write("png-rgb16", wide, 2, 16)
    write("png-grey-alpha16", np.stack([wide[..., 1], wide[..., 2]], axis=-1), 4, 16)
    write("png-grey2", (np.asarray(tall.convert("L")) >> 6)[..., None], 0, 2)
    write("png-interlaced", np.asarray(rgb), 2, 8, interlace=True)
    alpha = rng.integers(0, 65536, (53, 21, 1)).astype(np.uint16)
    write("png-interlaced-rgba16", np.concatenate([np.asarray(tall, dtype=np.uint16) * 257, alpha], axis=-1),
          6, 16, interlace=True)

    for path in written:
        Image.open(path).convert("RGB").save(path.with_suffix(".pil.ppm"))
    return [OUT / f"jpeg-{kind}.jpg" for kind in ("420", "444", "grey", "progressive")]


def make_samples():
    """samples/chelsea.jpg and samples/chelsea.png: the bundled PPM photo as a camera or a web
    page would give it (JPEG quality 90, 4:2:0; PNG as Pillow writes it)."""
    photo = Image.open(ROOT / "samples/chelsea.ppm")
    photo.save(ROOT / "samples/chelsea.jpg", "JPEG", quality=90, subsampling=2)
    photo.save(ROOT / "samples/chelsea.png", "PNG", optimize=True)


def make_alexnet_expected(jpegs):
    """The reduced alexnet on each JPEG fixture as torchvision sees it, if torch is importable."""
    try:
        import torch
        import torchvision.transforms as transforms
    except ImportError:
        print("torch/torchvision not importable: alexnet_jpeg_expected.safetensors not written")
        return
    from safetensors.numpy import save_file
    from safetensors.torch import load_file

    sys.path.insert(0, str(ROOT / "scripts"))
    import make_reference_fixtures as reference

    model = reference.reduced_alexnet(reference.ALEXNET_REDUCED)
    model.load_state_dict(load_file(str(reference.FIXTURES / "alexnet_reduced_weights.safetensors")))
    # torchvision's evaluation transform, resizing the decoded picture as a float tensor (with
    # antialiasing: PIL's filter) rather than as a PIL image, which would round the resized
    # pixels to 8 bits; the engine resamples in float32 (README: under one 8-bit level apart).
    transform = transforms.Compose([
        transforms.ToTensor(), transforms.Resize(256, antialias=True), transforms.CenterCrop(224),
        transforms.Normalize(mean=reference.IMAGENET_MEAN.tolist(), std=reference.IMAGENET_STD.tolist()),
    ])
    tensors = {}
    for path in jpegs:
        name = path.stem
        image = transform(Image.open(path).convert("RGB")).permute(1, 2, 0).contiguous().numpy()
        for layer, output in reference.alexnet_forward(model, image).items():
            tensors[f"{layer}-{name}"] = np.ascontiguousarray(output, dtype=np.float32)
    save_file(tensors, str(OUT / "alexnet_jpeg_expected.safetensors"))


if __name__ == "__main__":
    jpegs = make_images()
    make_bad_files()
    make_samples()
    make_alexnet_expected(jpegs)
    print(f"wrote {OUT.relative_to(ROOT)}")
