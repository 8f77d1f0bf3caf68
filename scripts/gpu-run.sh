#!/usr/bin/env bash
# The one prepared GPU run (issue 14, docs/gpu.md): on a lent GPU machine (nvcc, CMake, ninja; no
# SystemC, nothing installable) it builds tilesim-gpu alone, runs the wrap/saturate probe and
# the fixed shape set, checks every output against the golden models on the machine's CPUs and
# writes the JSON to commit under results/gpu/. Sized for ~5 minutes of device time.
#   scripts/gpu-run.sh [OUT_DIR]        (default: $OUT if set, else results/gpu)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-${OUT:-$root/results/gpu}}"
mkdir -p "$out"
export PATH="/usr/local/cuda/bin:$PATH"
build="${TILESIM_GPU_BUILD:-$root/build-gpu}"
gen=(); command -v ninja >/dev/null && gen=(-G Ninja)
cmake -S "$root/workloads/cuda" -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >"$out/build.log" 2>&1
cmake --build "$build" -j "$(nproc)" >>"$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 70; }
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,power.limit,driver_version --format=csv >"$out/nvidia-smi.csv" 2>&1 || true
stamp=$(date -u +%Y%m%dT%H%M%SZ)
cases=(
  gemm:int8:1024x1024x1024 gemm:int8:2048x2048x2048 gemm:int8:4096x4096x4096 gemm:int8:8192x8192x8192
  gemm:int8:37x1000x333 gemm:int8:1x4096x4096
  gemm:ternary:1024x1024x1024 gemm:ternary:4096x4096x4096
  gemv:int8:8192x8192 gemv:ternary:8192x8192 gemv:int8:4096x4096x4
)
set +e
timeout 280 "$build/tilesim-gpu" --probe --seed 1 --warmup 5 --reps 20 --json "$out/gpu-$stamp.json" "${cases[@]}" | tee "$out/gpu-$stamp.txt"
rc=${PIPESTATUS[0]}
set -e
echo "tilesim-gpu exit $rc; results in $out/gpu-$stamp.json"
exit "$rc"
