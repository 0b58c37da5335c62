#!/usr/bin/env bash
# Measurement (not a test) of the explorer's peak memory when `G` redraws the random weights:
# runs BINARY (by default this checkout's release build) on chelsea in a tmux pane, walks to fc8
# (every layer computed), presses `G` twice, each time waiting until the layers are recomputed,
# then prints the process's peak resident set (VmHWM) after start-up and after each switch.
# Usage: scripts/measure_init_switch_memory.sh [--model seed|alexnet] [--binary PATH] [--scratch-path DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

model=seed
binary=
scratch=.build
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --scratch-path) scratch=$2; shift 2 ;;
    *) echo "usage: $0 [--model seed|alexnet] [--binary PATH] [--scratch-path DIR]" >&2; exit 64 ;;
  esac
done
command -v tmux >/dev/null || { echo "tmux is required" >&2; exit 1; }
if [ -z "$binary" ]; then
  swift build -c release --product alexnet-tui --scratch-path "$scratch" >/dev/null
  binary=$(swift build -c release --product alexnet-tui --scratch-path "$scratch" --show-bin-path)/alexnet-tui
fi

socket="alexnet-tui-memory-$$"
tmux_() { tmux -L "$socket" -f /dev/null "$@"; }
cleanup() {
  tmux_ kill-server 2>/dev/null || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$socket"
}
trap cleanup EXIT

tmux_ new-session -d -s s -x 160 -y 48 -c "$PWD" \
  env TERM=tmux-256color LANG=C.UTF-8 "$binary" samples/chelsea.ppm --model "$model"

# Waits (up to 120 s) until the pane matches the extended regex PATTERN and no computation is
# under way.
wait_for() {
  for _ in $(seq 1200); do
    screen=$(tmux_ capture-pane -p -t s)
    if grep -qE -- "$1" <<<"$screen" && ! grep -qE "(^|[^e])computing |initialising" <<<"$screen"; then return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for: $1" >&2
  tmux_ capture-pane -p -t s >&2
  exit 1
}
peak() { awk '/VmHWM|VmRSS/ { printf "%s %d MiB  ", $1, $2 / 1024 }' "/proc/$pid/status"; echo; }

wait_for " alexnet-tui "
pid=$(pgrep -f -n "^$binary samples/chelsea.ppm --model $model")
tmux_ send-keys -t s End
wait_for "([0-9]+)/\\1 computed"
echo "after start-up and every layer:  $(peak)"
for round in 1 2; do
  tmux_ send-keys -t s G
  wait_for "weights redrawn"
  tmux_ send-keys -t s End
  wait_for "([0-9]+)/\\1 computed"
  echo "after G number $round:            $(peak)"
done
tmux_ send-keys -t s q
