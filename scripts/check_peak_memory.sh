#!/usr/bin/env bash
# Peak memory while loading the largest accepted image (16384x16384) stays under twice its raw size
# plus 64 MB (issue 7), in the binary form (P6) and in the forms decoded differently: plain colour
# (P3), plain grey (P2) and bitmap (P4); JPEG in colour (4:2:0) and grey (written by libjpeg-turbo's
# `cjpeg`) and PNG in colour and grey (written by the Python standard library). Progressive JPEG and
# interlaced PNG of this size are refused (README: over the decoders' 64 MB). "Raw size" is one byte per sample, as in P5/P6 with
# maxval 255: the decoded samples take two bytes each, so the limit leaves 64 MB for everything
# else, including the pages of the file being decoded. Each image is written to a temporary file
# (up to 1.6 GB, removed before the next), and `alexnet-tui --report json` runs on it under
# /usr/bin/time.
#
#   scripts/check_peak_memory.sh [BINARY]      (default .build/release/alexnet-tui)
set -euo pipefail
binary=${1:-.build/release/alexnet-tui}
side=16384
pixels=$((side * side))

image=$(mktemp)
stats=$(mktemp)
trap 'rm -f "$image" "$stats"' EXIT

failed=0
# check FORM CHANNELS: measures the image already written to $image.
check() {
  local form=$1 channels=$2
  local raw=$((pixels * channels))
  local limit_kib=$(((2 * raw + 64 * 1024 * 1024) / 1024))
  /usr/bin/time -f %M -o "$stats" "$binary" --report json "$image" >/dev/null
  local peak_kib
  peak_kib=$(tail -1 "$stats")
  echo "peak memory: $peak_kib KiB for a ${side}x${side} $form ($(($(stat -c %s "$image") / 1024)) KiB file," \
    "$((raw / 1024)) KiB raw); limit $limit_kib KiB"
  [ "$peak_kib" -le "$limit_kib" ] || failed=1
}

{ printf 'P6\n%d %d\n255\n' $side $side; head -c $((pixels * 3)) /dev/zero; } >"$image"
check P6 3
# Plain formats: one pixel a line (`yes` ends by SIGPIPE, which is no failure here).
{ printf 'P3\n%d %d\n255\n' $side $side; { yes '1 2 3' || true; } | head -n $pixels; } >"$image"
check P3 3
{ printf 'P2\n%d %d\n255\n' $side $side; { yes 128 || true; } | head -n $pixels; } >"$image"
check P2 1
{ printf 'P4\n%d %d\n' $side $side; head -c $((pixels / 8)) /dev/zero; } >"$image"
check P4 1
{ printf 'P6\n%d %d\n255\n' $side $side; head -c $((pixels * 3)) /dev/zero; } | cjpeg -quality 90 >"$image"
check "JPEG (4:2:0)" 3
{ printf 'P5\n%d %d\n255\n' $side $side; head -c $pixels /dev/zero; } | cjpeg -quality 90 >"$image"
check "grey JPEG" 1
# png SIDE COLOR_TYPE CHANNELS: a PNG of zeros, compressed a row at a time.
png() {
  python3 - "$@" <<'PYTHON'
import struct, sys, zlib
side, color_type, channels = map(int, sys.argv[1:])
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
deflate, row = zlib.compressobj(6), bytes(1 + side * channels)
idat = b"".join(deflate.compress(row) for _ in range(side)) + deflate.flush()
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, color_type, 0, 0, 0))
                        + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
PYTHON
}
png $side 2 3 >"$image"
check PNG 3
png $side 0 1 >"$image"
check "grey PNG" 1
exit $failed
