#!/usr/bin/env bash
# Peak memory while loading the largest accepted image (16384x16384 P6, 8-bit) stays under twice
# its raw size plus 64 MB (issue 7). Writes that image to a temporary file (805 MB, removed at exit),
# runs `alexnet-tui --report json` on it under /usr/bin/time, and compares the peak resident size.
#
#   scripts/check_peak_memory.sh [BINARY]      (default .build/release/alexnet-tui)
set -euo pipefail
binary=${1:-.build/release/alexnet-tui}
side=16384
raw=$((side * side * 3))
limit_kib=$(((2 * raw + 64 * 1024 * 1024) / 1024))

image=$(mktemp --suffix=.ppm)
stats=$(mktemp)
trap 'rm -f "$image" "$stats"' EXIT
{ printf 'P6\n%d %d\n255\n' "$side" "$side"; head -c "$raw" /dev/zero; } >"$image"

/usr/bin/time -f %M -o "$stats" "$binary" --report json "$image" >/dev/null
peak_kib=$(tail -1 "$stats")
echo "peak memory: $peak_kib KiB for a ${side}x${side} P6 ($((raw / 1024)) KiB raw); limit $limit_kib KiB"
[ "$peak_kib" -le "$limit_kib" ]
