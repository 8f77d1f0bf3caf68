#!/usr/bin/env bash
# The simulated twins of the GPU run: every case of scripts/gpu-cases.txt on configs/h200-scale.yaml
# (the lent GPU is an H200) with the GPU run's seed, one stats JSON per case under
# results/sim/h200-scale/ for `tilesim compare`. Resumable: a case whose JSON exists is skipped.
#   scripts/gpu-sims.sh [BUILD_DIR] [CONFIG] [OUT_DIR] [TIMEOUT_S]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
config="${2:-$root/configs/h200-scale.yaml}"
out="${3:-$root/results/sim/$(basename "$config" .yaml)}"
limit="${4:-1800}"
mkdir -p "$out"
grep -v '^#' "$root/scripts/gpu-cases.txt" | while read -r c; do
  [ -n "$c" ] || continue
  f="$out/${c//:/_}.json"
  [ -s "$f" ] && { echo "$c: done before"; continue; }
  read -r -a opts <<<"$("$root/scripts/case-options.sh" "$c")"
  start=$(date +%s)
  if timeout "$limit" "$build/tilesim" run --config "$config" "${opts[@]}" --seed 1 --stats-json "$f" -q; then
    echo "$c: $(( $(date +%s) - start )) s"
  else
    rc=$?
    rm -f "$f" "${f%.json}.config.yaml"
    echo "$c: FAILED (exit $rc after $(( $(date +%s) - start )) s)"
  fi
done
