#!/usr/bin/env bash
# README command 1: set up, build, and run the default demo workload with its result table.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
build="${TILESIM_BUILD_DIR:-$root/build}"
mkdir -p "$build/demo"
"$build/tilesim" run --config "$root/configs/default.yaml" --workload gemm --m 512 --n 512 --k 512 \
  --stats-json "$build/demo/gemm.json" --csv "$build/demo/gemm.csv"
echo "report: $build/demo/gemm.json, $build/demo/gemm.csv (effective config: $build/demo/gemm.config.yaml)"
