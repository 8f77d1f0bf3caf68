#!/usr/bin/env bash
# README command 1: set up, build, and run the default demo workload with its result table.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
build="${TILESIM_BUILD_DIR:-$root/build}"
mkdir -p "$build/demo"
"$build/tilesim" run --config "$root/configs/default.yaml" --elf "$build/workloads/sieve.elf" \
  --stats-json "$build/demo/sieve.json"
echo "stats: $build/demo/sieve.json (effective config: $build/demo/sieve.config.yaml)"
