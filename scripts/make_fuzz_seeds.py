#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora under fuzz/corpus/: a handful of tiny valid files of each
format the harnesses read, and a few invalid ones (each named bad-*) near the checks that reject
them, and the JPEG and PNG fixtures of the image tests. Standard library only. Run from the
repository root: scripts/make_fuzz_seeds.py"""
import json
import struct
from pathlib import Path

root = Path('fuzz/corpus')


def write(relative, content):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode('latin-1'))


# Netpbm, valid: each format, plain and raw, 8- and 16-bit, PAM with and without TUPLTYPE.
write('netpbm/p1-plain-bits.pbm', 'P1\n# a comment\n4 2\n0110\n1 0 0 1\n')
write('netpbm/p2-plain-grey.pgm', 'P2\n3 2\n15\n0 5 15\n7 3 1\n')
write('netpbm/p3-plain-rgb.ppm', 'P3\n2 2\n255\n255 0 0  0 255 0\n0 0 255  9 9 9\n')
write('netpbm/p4-raw-bits.pbm', b'P4\n10 2\n' + bytes([0b10101010, 0b11000000, 0xff, 0x00]))
write('netpbm/p5-raw-grey.pgm', b'P5 3 2 200\n' + bytes([0, 100, 200, 50, 150, 199]))
write('netpbm/p5-16bit.pgm', b'P5\n2 1\n65535\n' + bytes([0x12, 0x34, 0xff, 0xff]))
write('netpbm/p6-raw-rgb.ppm', b'P6\n2 2\n255\n' + bytes(range(12)))
write('netpbm/p6-16bit-rgb.ppm', b'P6\n1 2\n1000\n' + bytes([0, 1, 3, 0xe8, 0, 9, 1, 2, 3, 4, 0, 0]))
write('netpbm/p7-rgb-alpha.pam',
      b'P7\nWIDTH 2\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n' + bytes(range(8)))
write('netpbm/p7-grey-no-tupltype.pam', b'P7\nWIDTH 1\nHEIGHT 2\nDEPTH 1\nMAXVAL 15\nENDHDR\n' + bytes([3, 15]))
# Netpbm, invalid.
write('netpbm/bad-truncated-raster.ppm', b'P6\n4 4\n255\n' + bytes(10))
write('netpbm/bad-huge-dimensions.ppm', b'P6\n16385 16384\n255\n\x00')
write('netpbm/bad-sample-above-maxval.pgm', b'P5\n2 1\n7\n\x03\x09')
write('netpbm/bad-pam-keyword.pam', b'P7\nWIDTH 1\nHEIGHT 1\nCOLOURS 3\nENDHDR\n')
write('netpbm/bad-magic.ppm', b'P9\n1 1\n255\n\x00')


def safetensors(header, data=b'', pad=True):
    text = header if isinstance(header, bytes) else json.dumps(header, separators=(',', ':')).encode()
    if pad:
        text += b' ' * ((8 - len(text) % 8) % 8)
    return struct.pack('<Q', len(text)) + text + data


def f32(name, shape, begin, end):
    return {name: {'dtype': 'F32', 'shape': shape, 'data_offsets': [begin, end]}}


# safetensors, valid: F32 (with NaN and Inf), F16, BF16, unaligned F32, scalar, empty, a non-float
# dtype, escaped names with a surrogate pair.
write('safetensors/f32-two-tensors.safetensors',
      safetensors({**f32('w', [2, 3], 0, 24), **f32('b', [2], 24, 32), '__metadata__': {'format': 'pt'}},
                  struct.pack('<8f', 1, -2, 3.5, float('nan'), float('inf'), 0, 0.5, 1)))
write('safetensors/f16-bf16.safetensors',
      safetensors({'h': {'dtype': 'F16', 'shape': [3], 'data_offsets': [0, 6]},
                   'g': {'dtype': 'BF16', 'shape': [1, 2], 'data_offsets': [6, 10]}},
                  struct.pack('<3e', 1, -0.5, 65504) + bytes([0x80, 0x3f, 0xc0, 0x7f])))
write('safetensors/f32-unaligned.safetensors', safetensors(f32('u', [2], 0, 8), struct.pack('<2f', 1, 2), pad=False))
write('safetensors/scalar-and-empty.safetensors',
      safetensors({**f32('s', [], 0, 4), **f32('e', [0, 5], 4, 4),
                   'i': {'dtype': 'I8', 'shape': [2], 'data_offsets': [4, 6]}},
                  struct.pack('<f', 7) + b'\x01\x02'))
write('safetensors/escaped-names.safetensors',
      safetensors(b'{"\\u00e9\\ud83d\\ude00\\n":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}',
                  struct.pack('<f', 1)))
# safetensors, invalid.
write('safetensors/bad-overlap.safetensors', safetensors({**f32('a', [2], 0, 8), **f32('b', [2], 4, 12)}, bytes(12)))
write('safetensors/bad-byte-count.safetensors', safetensors(f32('a', [3], 0, 8), bytes(8)))
write('safetensors/bad-past-end.safetensors', safetensors(f32('a', [4], 0, 16), bytes(8)))
write('safetensors/bad-header-length.safetensors', struct.pack('<Q', 100_000_001) + b'{}')
write('safetensors/bad-json.safetensors', struct.pack('<Q', 14) + b'{"a":[1,2,3.5')

# Labels files.
write('labels/three-lines.txt', 'cat\ndog\nbird\n')
write('labels/crlf-no-final-newline.txt', 'tabby, tabby cat\r\nEgyptian cat\r\nlynx')
write('labels/bom-utf8.txt', '\ufeffcafé\nnaïve\n\n'.encode('utf-8'))
write('labels/empty.txt', b'')
write('labels/bad-not-utf8.txt', b'ok\n\xff\xfe bad\n')

# Lesson files: the built-in lesson, a small one with every setting, and near-misses.
write('lesson/tour.lesson', Path('Sources/Explorer/Lessons/tour.lesson').read_bytes())
write('lesson/every-setting.lesson',
      '# T\n% c\n## Step {layer.shape}\nlayer: conv1\nview: map\nchannel: 2\ncursor: 3, 4\nmodel: seed alexnet\n\n'
      'Text {conv1.kernel} {{x}} {top1.p}\n- item {model.time}\n\nNext {slowest.share}.\n'
      '## Two\r\nlayer: fc8\r\nview: top-k\r\n\r\n{fc8.outputs}\r\n')
write('lesson/bad-unclosed.lesson', '## A\nlayer: conv1\nview: map\n\n{layer.zeros\n')
write('lesson/bad-view.lesson', '## A\nlayer: fc6\nview: map\n')

# JPEG and PNG: the image readers' test fixtures (scripts/make_image_fixtures.py), each layout and
# each damaged file, but the decompression bomb (1 MB; the fuzzer's inputs stay small).
fixtures = Path('Tests/EngineTests/Fixtures/Images')
for source in sorted(fixtures.glob('*.jpg')):
    write('jpeg/' + source.name, source.read_bytes())
for source in sorted(fixtures.glob('*.png')):
    if source.stat().st_size <= 64 * 1024:
        write('png/' + source.name, source.read_bytes())
