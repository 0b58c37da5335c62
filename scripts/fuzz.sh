#!/usr/bin/env bash
# Builds the libFuzzer harnesses in fuzz/ (address sanitizer included) and runs each for SECONDS
# (default 60), starting from its committed seed corpus after replaying its committed regression
# inputs. Prints the executions of each harness; exits non-zero if any harness crashed, leaving the
# crashing input in the scratch directory (path printed) to be committed under fuzz/regressions/.
#
#   scripts/fuzz.sh [SECONDS]          FUZZ_SCRATCH=dir  (default .build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
harnesses=(netpbm jpeg png safetensors labels lesson)
# Folders of other modules a harness compiles beside it (parts that need only the engine).
declare -A harness_sources=([lesson]=Sources/Explorer/LessonFormat)
mkdir -p "$scratch"

flags=(-O -sanitize=fuzzer,address -parse-as-library -Xcc -march=native -Xcc -fno-math-errno)
# The engine once, as a module the harnesses import (testable: the safetensors harness also calls
# the header parser directly).
echo "fuzz: building the engine with the fuzzer and address sanitizer" >&2
mapfile -t engine < <(find Sources/Engine -name '*.swift' | sort)
# The linker's warnings about sanitizer symbols are noise: compiler output goes to a log, shown on
# failure.
build() {
  if ! "$@" >"$scratch/build.log" 2>&1; then cat "$scratch/build.log" >&2; exit 2; fi
}
# The engine's C shim for libjpeg-turbo and libpng, instrumented too (the system libraries
# themselves are not: their crashes are caught, their coverage does not guide the fuzzer).
shim=Sources/CImageDecoders
shim_objects=()
for source in "$shim"/*.c; do
  object="$scratch/$(basename "$source" .c).o"
  build clang -O1 -g -fsanitize=fuzzer-no-link,address -I "$shim/include" -c "$source" -o "$object"
  shim_objects+=("$object")
done
# What the engine imports: CPUID and the cache control of the kernels and calibration (C targets:
# SwiftPM makes their module maps, so this script writes them), the types the kernels share, and the generic kernels
# (the one variant any CPU runs; the engine's table of variants holds the others only where they
# were built).
# A module map for C target $1, whose header is $2, in "$scratch/$1".
write_module_map() {
  mkdir -p "$scratch/$1"
  printf 'module %s {\n  header "%s"\n  export *\n}\n' "$1" "$PWD/$2" > "$scratch/$1/module.modulemap"
}
write_module_map CPUFeatures Sources/CPUFeatures/include/cpu_features.h
write_module_map KernelIntrinsics Sources/KernelIntrinsics/include/kernel_intrinsics.h
for target in CPUFeatures/cpu_features KernelIntrinsics/kernel_intrinsics; do
  build clang -O1 -g -fsanitize=fuzzer-no-link,address -I "Sources/$(dirname "$target")/include" \
    -c "Sources/$target.c" -o "$scratch/$(basename "$target").o"
  shim_objects+=("$scratch/$(basename "$target").o")
done
build swiftc "${flags[@]}" -wmo -module-name KernelSupport -emit-module -emit-module-path "$scratch/KernelSupport.swiftmodule" \
  -c Sources/KernelSupport/*.swift -o "$scratch/KernelSupport.o"
build swiftc "${flags[@]}" -wmo -module-name KernelsGeneric -I "$scratch" -I "$scratch/KernelIntrinsics" -emit-module \
  -emit-module-path "$scratch/KernelsGeneric.swiftmodule" -c Sources/Kernels/Generic/*.swift -o "$scratch/KernelsGeneric.o"
shim_objects+=("$scratch/KernelSupport.o" "$scratch/KernelsGeneric.o")
build swiftc "${flags[@]}" -enable-testing -wmo -module-name Engine -emit-module -I "$shim/include" -I "$scratch" \
  -I "$scratch/CPUFeatures" -I "$scratch/KernelIntrinsics" -emit-module-path "$scratch/Engine.swiftmodule" \
  -c "${engine[@]}" -o "$scratch/Engine.o"
# Swift's own crash backtracer would run inside the sanitizer and report itself; libFuzzer's
# report is the one wanted.
export SWIFT_BACKTRACE=enable=no

failed=0
summary=()
for name in "${harnesses[@]}"; do
  source_file=$(ls fuzz/*Harness.swift | grep -i "/${name}Harness.swift")
  binary="$scratch/fuzz-$name"
  echo "fuzz: building $binary" >&2
  mapfile -t extra < <([ -n "${harness_sources[$name]:-}" ] && find "${harness_sources[$name]}" -name '*.swift' | sort)
  # Each harness with the helpers in fuzz/Support.
  build swiftc "${flags[@]}" -I "$scratch" -I "$shim/include" -module-name "Fuzz$name" fuzz/Support/*.swift \
    "$source_file" "${extra[@]}" "$scratch/Engine.o" "${shim_objects[@]}" -ljpeg -lpng16 -o "$binary"

  # Inputs that once crashed must now pass, each run once.
  regressions=(fuzz/regressions/"$name"/*)
  if [ -e "${regressions[0]}" ]; then
    if ! "$binary" "${regressions[@]}" >"$scratch/regressions-$name.log" 2>&1; then
      echo "fuzz: $name: a committed regression input fails again; see $scratch/regressions-$name.log" >&2
      failed=1
      continue
    fi
  fi

  # New inputs go to a scratch corpus so the committed seeds stay as they are.
  corpus="$scratch/corpus-$name"
  mkdir -p "$corpus" "$scratch/crashes"
  log="$scratch/fuzz-$name.log"
  status=0
  timeout $((seconds + 120)) "$binary" "$corpus" "fuzz/corpus/$name" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$scratch/crashes/$name-" >"$log" 2>&1 || status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$status" -ne 0 ]; then
    crash=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
    echo "fuzz: $name CRASHED (status $status) after ${executions:-?} executions; input: ${crash:-none saved}; log: $log" >&2
    tail -40 "$log" >&2
    failed=1
  fi
  summary+=("$name: ${executions:-?} executions in ${seconds} s, $( [ $status -eq 0 ] && echo 'no crash' || echo CRASH )")
done

for line in "${summary[@]}"; do echo "fuzz: $line"; done
exit $failed
