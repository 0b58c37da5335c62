#!/usr/bin/env bash
# Peak memory of a `--compare` report stays within the weights + 64 MB + the second run's
# activations (issue 16): the second input adds its own layer outputs and nothing else (it shares
# the weights and the scratch workspace). The weights and activation sizes are read from the
# report itself (`totals.weight_bytes`, each layer's `output`, float32); the peak from
# /usr/bin/time. Random weights are drawn into memory, so they count in full.
#
#   scripts/check_compare_memory.sh [BINARY]      (default .build/release/alexnet-tui)
set -euo pipefail
binary=${1:-.build/release/alexnet-tui}
stats=$(mktemp)
report=$(mktemp)
trap 'rm -f "$stats" "$report"' EXIT

failed=0
for model in seed alexnet; do
  for compare in flip samples/coffee.ppm; do
    /usr/bin/time -f %M -o "$stats" "$binary" --model "$model" --report json --compare "$compare" \
      samples/chelsea.ppm >"$report"
    peak_kib=$(tail -1 "$stats")
    read -r weights activations < <(python3 -c '
import json, math, sys
d = json.load(open(sys.argv[1]))
print(d["totals"]["weight_bytes"], sum(4 * math.prod(l["output"]) for l in d["layers"]))' "$report")
    limit_kib=$(((weights + 64 * 1024 * 1024 + activations) / 1024))
    echo "$model --compare $compare: peak $peak_kib KiB; weights $((weights / 1024)) KiB +" \
      "64 MiB + second run's activations $((activations / 1024)) KiB = limit $limit_kib KiB"
    [ "$peak_kib" -le "$limit_kib" ] || failed=1
  done
done
exit $failed
