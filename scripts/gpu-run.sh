#!/usr/bin/env bash
# The one prepared GPU run (issue 14, docs/gpu.md): on a lent GPU machine (nvcc, CMake, ninja; no
# SystemC, nothing installable) it builds tilesim-gpu alone, runs the wrap/saturate probe and
# the fixed case set (scripts/gpu-cases.txt), checks every output against the golden models on the
# machine's CPUs, adds PyTorch's vendor rows (scripts/gpu-torch.py) and writes the JSON to commit
# under results/gpu/. Sized for ~5 minutes of device time (build ~1, tilesim-gpu <= 3.3, torch <= 1).
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
mapfile -t cases < <(grep -v '^#' "$root/scripts/gpu-cases.txt" | grep .)
set +e
timeout "${TILESIM_GPU_TIMEOUT:-200}" "$build/tilesim-gpu" --probe --seed 1 --warmup 5 --reps 20 --json "$out/gpu-$stamp.json" "${cases[@]}" \
  | tee "$out/gpu-$stamp.txt"
rc=${PIPESTATUS[0]}
# The vendor rows PyTorch gives (cuBLASLt runs inside tilesim-gpu): int8 / BF16 / FP8 GEMM, SDPA.
timeout "${TILESIM_TORCH_TIMEOUT:-60}" python3 "$root/scripts/gpu-torch.py" --json "$out/torch-$stamp.json" "${cases[@]}" \
  | tee "$out/torch-$stamp.txt"
trc=${PIPESTATUS[0]}
set -e
echo "tilesim-gpu exit $rc, gpu-torch.py exit $trc; results in $out/gpu-$stamp.json and $out/torch-$stamp.json"
exit "$rc"
